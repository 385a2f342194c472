import { randomBytes } from 'node:crypto';
import {
  buildSchema,
  Kind,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type ConstDirectiveNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { vandaag } from '../platform/dag';
import { readSupergraph } from '../gateway/supergraph';
import { pseudonym } from '../platform/audit/pseudonym';
import { isValidBsn } from '../platform/bsn';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { plusMaanden } from '../subgraphs/werk-inkomen/casusoverleg/casusoverleg.toegang';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import type { Persona } from './support/personas';

/*
 * Every processing of personal data is logged by the subgraph that holds it, one line per resident (per
 * activity, outcome and kind, as the AuditTrail groups them), whatever the shape of the answer. Proved
 * with documents generated from the composed API schema, so that a field added later is covered without
 * anyone adding it here.
 *
 * Which fields can return personal data (the criterion), from the API schema alone:
 *  1. A resident type has a field of type `BSN` (today `Inwoner` and `Casusoverleg`).
 *  2. The personal types are the resident types, every object type reachable from them through fields
 *     (a resident's benefits, trajectories and placements with their employer and vacancy, a
 *     conference's consent, agenda and actions, the partners' detail data in it), every connection
 *     whose nodes are personal, and what those reach in turn (`PageInfo`, whose cursor continues a list
 *     of residents).
 *  3. The personal fields are every field of a personal type and every field that returns one (root
 *     queries, mutations, `Gemeente.inwoners`).
 *
 * For every root field from which a personal field can be reached, ENTRIES says how to ask it (with
 * which persona and purpose, against which fixture, for which residents); a root without an entry fails
 * the test. For each query entry and each personal field below it, a document reaches the field on the
 * shortest path and selects its scalars; each mutation is sent once with every personal field below it.
 * Each document is sent through the gateway under a fresh trace id, by the first persona of the entry
 * that may see all of it (else by the first, and then its refusals are checked). Its lines are counted
 * in every subgraph's `verwerking` table by trace id:
 *  (a) in every subgraph, each group of lines (activity, outcome, reading or change) names exactly the
 *      residents of the answer, each once: those the entry asks about and every BSN in the answer; a
 *      subgraph that processed no resident has no line at all;
 *  (b) every subgraph that returned a value of a personal field has at least one line for them.
 * Finally every personal field must have been answered without a refusal at least once.
 */

type Ask = { as: Persona; purpose: string };

interface Entry {
  /** Arguments of the root field as GraphQL text; for a mutation it also prepares what it changes. */
  args: () => Promise<string> | string;
  /** Who asks, in order of preference, given the partner that owns the deepest field of the document. */
  ask: (owner: SubgraphName) => Ask[];
  /** The residents the root field returns (or, for a list, the residents of the list). */
  residents: () => string[];
  /** Someone the root field refuses: the refusal is logged for `residents`. */
  refused?: Ask;
}

/** Each partner's own staff: they see their own organisation's detail data (a new partner: the chain view). */
const EIGEN: Partial<Record<SubgraphName, Persona>> = {
  'werk-inkomen': 'klantmanagerBhh',
  swb: 'trajectbegeleider',
  werkplein: 'adviseurWerk',
  schuldhulp: 'schuldhulpverlener',
  werkcentrum: 'loopbaanadviseur',
};

const uitvoering = (as: Persona): Ask => ({ as, purpose: 'uitvoering' });
const casusoverleg = (as: Persona): Ask => ({ as, purpose: 'casusoverleg' });

interface Line {
  subgraph: SubgraphName;
  activiteit: string;
  uitkomst: string;
  handeling: string;
  bewoner: string;
}

/** A field of the document tree, with the partner that answers it. */
interface Selection {
  field: GraphQLField<unknown, unknown>;
  parent: GraphQLObjectType;
  owner: SubgraphName;
  args: string;
  children: Selection[];
}

function directives(node: { astNode?: { directives?: readonly ConstDirectiveNode[] } | null }) {
  return node.astNode?.directives ?? [];
}

function isAccessible(field: GraphQLField<unknown, unknown>): boolean {
  const inaccessible = (d: ConstDirectiveNode): boolean => d.name.value === 'inaccessible';
  const type = getNamedType(field.type);
  return !directives(field).some(inaccessible) && !directives(type).some(inaccessible);
}

function fieldsOf(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter(isAccessible);
}

/** The subgraph names of the supergraph's `join__Graph` values. */
function graphNames(schema: GraphQLSchema): Map<string, SubgraphName> {
  const graphs = schema.getType('join__Graph');
  const names = new Map<string, SubgraphName>();
  if (!isEnumType(graphs)) throw new Error('The supergraph has no join__Graph');
  for (const value of graphs.getValues()) {
    const argument = value.astNode?.directives
      ?.find((d) => d.name.value === 'join__graph')
      ?.arguments?.find((a) => a.name.value === 'name');
    if (argument?.value.kind === Kind.STRING) names.set(value.name, argument.value.value as SubgraphName);
  }
  return names;
}

function graphArgument(directive: ConstDirectiveNode): string | undefined {
  const graph = directive.arguments?.find((a) => a.name.value === 'graph');
  return graph?.value.kind === Kind.ENUM ? graph.value.value : undefined;
}

/**
 * The partner that answers a field: its own `@join__field`, else the only subgraph of its type, else
 * (a key or a shared value type) the partner that returned the object.
 */
function ownerOf(
  graphs: Map<string, SubgraphName>,
  parent: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  inherited: SubgraphName,
): SubgraphName {
  const own = directives(field)
    .filter((d) => d.name.value === 'join__field')
    .filter((d) => !d.arguments?.some((a) => a.name.value === 'external' && a.value.kind === Kind.BOOLEAN))
    .map(graphArgument);
  if (own.length === 1 && own[0]) return graphs.get(own[0]) ?? inherited;
  const types = directives(parent)
    .filter((d) => d.name.value === 'join__type')
    .map(graphArgument);
  if (types.length === 1 && types[0]) return graphs.get(types[0]) ?? inherited;
  return inherited;
}

/** The subscriptions to personal data, each covered by test/signalen-abonnement.test.ts. */
const ABONNEMENTEN = ['Subscription.signaalOntvangenSchuldhulp', 'Subscription.signaalOntvangenWerkInkomen'];

/** The criterion above: personal types, and personal fields as `Type.field`. */
function personalData(schema: GraphQLSchema): { types: Set<string>; fields: Set<string> } {
  const objects = Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((t) => !t.name.startsWith('__'));
  const types = new Set(
    objects.filter((t) => fieldsOf(t).some((f) => getNamedType(f.type).name === 'BSN')).map((t) => t.name),
  );
  for (let grown = true; grown;) {
    grown = false;
    for (const type of objects) {
      const reached = types.has(type.name)
        ? fieldsOf(type).map((f) => getNamedType(f.type))
        : fieldsOf(type)
            .filter((f) => f.name === 'nodes' && types.has(getNamedType(f.type).name))
            .map(() => type);
      for (const next of reached) {
        if (isObjectType(next) && !types.has(next.name)) {
          types.add(next.name);
          grown = true;
        }
      }
    }
  }
  const fields = new Set<string>();
  for (const type of objects) {
    for (const field of fieldsOf(type)) {
      if (types.has(type.name) || types.has(getNamedType(field.type).name))
        fields.add(`${type.name}.${field.name}`);
    }
  }
  return { types, fields };
}

/** A literal of an input type that passes validation, for a required argument on the way. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]?.name ?? '';
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  const scalars: Record<string, string> = { String: '"x"', ID: '"1"', Int: '1', Boolean: 'true' };
  const value = scalars[type.name];
  if (!value) throw new Error(`No literal for a required argument of scalar ${type.name}`);
  return value;
}

function requiredArgs(field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a) => isNonNullType(a.type));
  return args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
}

function render(selection: Selection): string {
  const inner = selection.children.map(render).join(' ');
  const sub = isLeafType(getNamedType(selection.field.type)) ? '' : ` { ${inner || '__typename'} }`;
  return `${selection.field.name}${selection.args}${sub}`;
}

/** The residents in an answer: every BSN in it, wherever it appears. */
function bsnsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string' && isValidBsn(value)) found.add(value);
  else if (Array.isArray(value)) value.forEach((item) => bsnsIn(item, found));
  else if (value !== null && typeof value === 'object') Object.values(value).forEach((v) => bsnsIn(v, found));
  return found;
}

describe('Verwerkingen: every processing of personal data is logged, one line per resident, whatever the shape', () => {
  let hub: TestHub;
  let schema: GraphQLSchema;
  let graphs: Map<string, SubgraphName>;
  let personal: { types: Set<string>; fields: Set<string> };
  /** Personal fields answered at least once without a refusal. */
  const answered = new Set<string>();

  const [a, b, c] = fixtureBsns(3, 800) as [string, string, string];
  const residents = [a, b, c];
  const ids = {
    traject: 0,
    schuldhulptraject: 0,
    ontwikkeltraject: 0,
    casusoverleg: 0,
    signaalWerkInkomen: 0,
    signaalSchuldhulp: 0,
  };

  /** The documents' readers see the partner that owns what they read; the chain view covers the rest. */
  const ENTRIES: Record<string, Entry> = {
    'Query.inwoner': {
      args: () => `(bsn: "${a}")`,
      ask: (owner) => {
        const eigen = EIGEN[owner];
        return [...(eigen ? [uitvoering(eigen)] : []), uitvoering('klantmanagerBhh')];
      },
      residents: () => [a],
      refused: uitvoering('analist'),
    },
    'Query.gemeente': {
      args: () => '(code: "GM0164")',
      ask: () => [uitvoering('klantmanagerBhh')],
      residents: () => residents,
    },
    'Query.gemeenten': {
      args: () => '',
      ask: () => [uitvoering('klantmanagerBhh')],
      residents: () => residents,
    },
    'Query.traject': {
      args: () => `(id: "${ids.traject}")`,
      ask: () => [uitvoering('trajectbegeleider')],
      residents: () => [a],
      refused: uitvoering('klantmanagerBhh'),
    },
    'Query.schuldhulptraject': {
      args: () => `(id: "${ids.schuldhulptraject}")`,
      ask: () => [uitvoering('schuldhulpverlener')],
      residents: () => [a],
      refused: uitvoering('klantmanagerBhh'),
    },
    'Query.ontwikkeltraject': {
      args: () => `(id: "${ids.ontwikkeltraject}")`,
      ask: () => [uitvoering('loopbaanadviseur')],
      residents: () => [a],
      refused: uitvoering('klantmanagerBhh'),
    },
    'Query.casusoverleg': {
      args: () => `(id: "${ids.casusoverleg}")`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
      refused: { as: 'klantmanagerBhh', purpose: 'beleidsinformatie' },
    },
    'Query.mijnCasusoverleggen': {
      args: () => '',
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    // Employers and their vacancies are no personal data of their own: answered with no line at all.
    'Query.werkgever': {
      args: () => '(id: "1")',
      ask: () => [uitvoering('adviseurWerk')],
      residents: () => [],
    },
    'Query.werkgevers': { args: () => '', ask: () => [uitvoering('adviseurWerk')], residents: () => [] },
    // Each inbox holds one signal about a, for the partner's own staff.
    'Query.signaleninbox': {
      args: () => '',
      ask: (owner) => {
        const eigen = EIGEN[owner];
        return eigen ? [uitvoering(eigen)] : [];
      },
      residents: () => [a],
    },
    'Mutation.zetSignaalstatusWerkInkomen': {
      args: () => `(id: "${ids.signaalWerkInkomen}", status: GEZIEN)`,
      ask: () => [uitvoering('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.zetSignaalstatusSchuldhulp': {
      args: () => `(id: "${ids.signaalSchuldhulp}", status: AFGEHANDELD)`,
      ask: () => [uitvoering('schuldhulpverlener')],
      residents: () => [a],
    },
    'Mutation.beeindigUitkering': {
      args: async () => {
        const [uitkering] = await hub.asOwner<{ id: number }>(
          'werk-inkomen',
          `insert into uitkering (bsn, gemeente, regeling, ingangsdatum, bedrag_per_maand_centen)
           values ($1, 'GM0164', 'PW', date '2025-01-01', 100000) returning id`,
          [a],
        );
        return `(id: "${uitkering?.id ?? 0}", einddatum: "2026-11-30", uitstroomreden: WERK)`;
      },
      ask: () => [uitvoering('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.startPlaatsing': {
      args: () =>
        `(input: { bsn: "${a}", gemeente: "GM0164", werkgeverId: "1", soort: REGULIER, metLks: false, ` +
        'startdatum: "2026-11-02" })',
      ask: () => [uitvoering('adviseurWerk')],
      residents: () => [a],
    },
    'Mutation.registreerVroegsignaal': {
      args: () =>
        `(input: { bsn: "${a}", gemeente: "GM0164", soort: HUUR, datum: "2026-11-20", bedragCenten: 85000 })`,
      ask: () => [uitvoering('schuldhulpverlener')],
      residents: () => [a],
    },
    'Mutation.openCasusoverleg': {
      args: () =>
        `(input: { bsn: "${a}", titel: "Schulden en werk", grondslag: WETTELIJK, wettelijkeGrondslag: "Wgshv", ` +
        'partners: ["werk-inkomen", "schuldhulp"] })',
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.voegDeelnemerToe': {
      args: async () =>
        `(casusoverlegId: "${await openOverleg()}", medewerker: "aw-1", organisatie: "werkplein")`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.legToestemmingVast': {
      args: async () =>
        `(casusoverlegId: "${await openOverleg({ trajectbegeleider: true })}", input: ${toestemming()})`,
      ask: () => [casusoverleg('trajectbegeleider')],
      residents: () => [a],
    },
    'Mutation.trekToestemmingIn': {
      args: async () =>
        `(casusoverlegId: "${await openOverleg({ trajectbegeleider: true, toestemming: true })}")`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.voegAgendapuntToe': {
      args: async () => `(casusoverlegId: "${await openOverleg()}", onderwerp: "Vaste lasten")`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.voegActieToe': {
      args: async () =>
        `(casusoverlegId: "${await openOverleg()}", input: { eigenaarOrganisatie: "stadsbank", ` +
        `omschrijving: "Budgetplan", deadline: "${plusMaanden(vandaag(), 1)}" })`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.wijzigActieStatus': {
      args: async () => `(actieId: "${await actieIn(await openOverleg())}", status: AFGEROND)`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
    'Mutation.sluitCasusoverleg': {
      args: async () => `(casusoverlegId: "${await openOverleg()}")`,
      ask: () => [casusoverleg('klantmanagerBhh')],
      residents: () => [a],
    },
  };

  async function must(response: Promise<GraphQLResponse>): Promise<GraphQLResponse> {
    const answer = await response;
    if (answer.errors) throw new Error(`set-up failed: ${JSON.stringify(answer.errors)}`);
    return answer;
  }

  let bewijs = 0;
  /** Consent with a unique evidence id; its letters keep any run of digits under the 9 of a BSN. */
  function toestemming(): string {
    bewijs += 1;
    return (
      `{ gegevenOp: "${vandaag()}", verlooptOp: "${plusMaanden(vandaag(), 3)}", wijze: SCHRIFTELIJK, ` +
      `bewijs: "DOC-${bewijs}-R${randomBytes(4).toString('hex')}", ` +
      'partners: ["werk-inkomen", "swb", "werkplein", "schuldhulp", "werkcentrum"] }'
    );
  }

  /** A new conference about resident a, opened by the KLANTMANAGER, through the gateway. */
  async function openOverleg(
    options: { trajectbegeleider?: boolean; toestemming?: boolean } = {},
  ): Promise<string> {
    const opened = await must(
      hub.query(
        `mutation { openCasusoverleg(input: { bsn: "${a}", titel: "Werk", grondslag: TOESTEMMING }) { id } }`,
        {},
        { as: 'klantmanagerBhh', purpose: 'casusoverleg' },
      ),
    );
    const id = opened.data?.openCasusoverleg.id as string;
    if (options.trajectbegeleider) {
      await must(
        hub.query(
          `mutation { voegDeelnemerToe(casusoverlegId: "${id}", medewerker: "tb-swb-1", organisatie: "swb") { id } }`,
          {},
          { as: 'klantmanagerBhh', purpose: 'casusoverleg' },
        ),
      );
    }
    if (options.toestemming) {
      await must(
        hub.query(
          `mutation { legToestemmingVast(casusoverlegId: "${id}", input: ${toestemming()}) { id } }`,
          {},
          { as: 'trajectbegeleider', purpose: 'casusoverleg' },
        ),
      );
    }
    return id;
  }

  async function actieIn(overleg: string): Promise<string> {
    const added = await must(
      hub.query(
        `mutation { voegActieToe(casusoverlegId: "${overleg}", input: { eigenaarOrganisatie: "swb", ` +
          `omschrijving: "Intake", deadline: "${plusMaanden(vandaag(), 1)}" }) { id } }`,
        {},
        { as: 'klantmanagerBhh', purpose: 'casusoverleg' },
      ),
    );
    return added.data?.voegActieToe.id as string;
  }

  /** Each subgraph's lines of one trace, with the resident named by BSN (the pseudonyms are reversed). */
  async function linesOf(traceId: string): Promise<Line[]> {
    const lines: Line[] = [];
    for (const subgraph of SUBGRAPH_NAMES) {
      const key = hub.pseudonymKeys[subgraph];
      const bewoners = new Map(residents.map((bsn) => [pseudonym(bsn, key), bsn]));
      const rows = await hub.orms[subgraph].em
        .getConnection()
        .execute<{ activiteit: string; uitkomst: string; handeling: string; subject: string }[]>(
          `select processing_activity_id as activiteit, uitkomst, split_part(name, ' ', 1) as handeling,
                data_subject_id as subject
         from verwerking where trace_id = ?`,
          [traceId],
        );
      for (const row of rows) {
        lines.push({
          subgraph,
          activiteit: row.activiteit,
          uitkomst: row.uitkomst,
          handeling: row.handeling,
          bewoner: bewoners.get(row.subject) ?? `unknown ${row.subject.slice(0, 8)}`,
        });
      }
    }
    return lines;
  }

  /** Sends a document under a fresh trace id; returns the answer and its lines. */
  async function send(
    document: string,
    ask: Ask,
  ): Promise<{ response: GraphQLResponse; lines: Line[]; traceId: string }> {
    const traceId = randomBytes(16).toString('hex');
    const response = await hub.query(
      document,
      {},
      {
        as: ask.as,
        purpose: ask.purpose,
        headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      },
    );
    return { response, lines: await linesOf(traceId), traceId };
  }

  /** The partners that returned a value of a personal field in the answer. */
  function ownersWithData(selections: Selection[], values: unknown[], owners = new Set<SubgraphName>()) {
    for (const selection of selections) {
      const found = values
        .flatMap((value) => {
          const item = (value as Record<string, unknown> | null)?.[selection.field.name];
          return Array.isArray(item) ? (item as unknown[]) : [item];
        })
        .filter((item) => item !== null && item !== undefined);
      if (found.length === 0) continue;
      if (personal.fields.has(`${selection.parent.name}.${selection.field.name}`))
        owners.add(selection.owner);
      ownersWithData(selection.children, found, owners);
    }
    return owners;
  }

  /** What is wrong with the lines of one answer (assertions (a) and (b) above), or nothing. */
  function problems(root: Selection, expected: string[], response: GraphQLResponse, lines: Line[]): string[] {
    const found: string[] = [];
    const wanted = [...new Set([...expected, ...bsnsIn(response.data)])].sort();
    const groups = new Map<string, string[]>();
    for (const line of lines) {
      const group = `${line.subgraph} ${line.activiteit} ${line.uitkomst} ${line.handeling}`;
      groups.set(group, [...(groups.get(group) ?? []), line.bewoner]);
    }
    for (const [group, bewoners] of groups) {
      if (JSON.stringify(bewoners.sort()) !== JSON.stringify(wanted))
        found.push(
          `${group}: lines for [${bewoners.join(', ')}], expected one each for [${wanted.join(', ')}]`,
        );
    }
    if (wanted.length > 0) {
      for (const owner of ownersWithData([root], [response.data ?? {}])) {
        if (!lines.some((line) => line.subgraph === owner))
          found.push(`${owner} returned personal data of [${wanted.join(', ')}] without a line`);
      }
    }
    return found;
  }

  function selection(
    parent: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    inherited: SubgraphName,
    args = requiredArgs(field),
  ): Selection {
    return { field, parent, owner: ownerOf(graphs, parent, field, inherited), args, children: [] };
  }

  /** The scalars of a type, as the end of a document. */
  function leaves(type: GraphQLObjectType, owner: SubgraphName): Selection[] {
    return fieldsOf(type)
      .filter((f) => isLeafType(getNamedType(f.type)) && f.args.every((a) => !isNonNullType(a.type)))
      .map((f) => selection(type, f, owner));
  }

  /** Every field below a type, without entering a type twice on one path (a mutation's whole answer). */
  function everything(type: GraphQLObjectType, owner: SubgraphName, path: string[]): Selection[] {
    return fieldsOf(type).flatMap((field) => {
      const next = getNamedType(field.type);
      const node = selection(type, field, owner);
      if (isLeafType(next)) return [node];
      if (!isObjectType(next) || path.includes(next.name) || !personal.types.has(next.name)) return [];
      node.children = everything(next, node.owner, [...path, next.name]);
      return [node];
    });
  }

  /** Shortest paths (as fields) from a type to every type reachable from it. */
  function pathsFrom(start: GraphQLObjectType): Map<string, GraphQLField<unknown, unknown>[]> {
    const paths = new Map<string, GraphQLField<unknown, unknown>[]>([[start.name, []]]);
    const queue = [start];
    for (let type = queue.shift(); type; type = queue.shift()) {
      for (const field of fieldsOf(type)) {
        const next = getNamedType(field.type);
        if (isObjectType(next) && !paths.has(next.name)) {
          paths.set(next.name, [...(paths.get(type.name) ?? []), field]);
          queue.push(next);
        }
      }
    }
    return paths;
  }

  function rootType(name: string): GraphQLObjectType {
    const type = name.startsWith('Mutation.') ? schema.getMutationType() : schema.getQueryType();
    if (!type) throw new Error(`No root type for ${name}`);
    return type;
  }

  function rootField(name: string): GraphQLField<unknown, unknown> {
    const field = rootType(name).getFields()[name.split('.')[1] ?? ''];
    if (!field) throw new Error(`${name} is not in the schema: remove it from ENTRIES`);
    return field;
  }

  /** The document of a query entry that reaches `target` (a personal field) and selects its scalars. */
  function documentFor(entry: string, target: string): Selection | null {
    const field = rootField(entry);
    const start = getNamedType(field.type);
    const root = selection(
      rootType(entry),
      field,
      ownerOf(graphs, rootType(entry), field, 'werk-inkomen'),
      '',
    );
    if (!isObjectType(start)) return null;
    if (target === entry) {
      root.children = leaves(start, root.owner);
      return root;
    }
    const [typeName, fieldName] = target.split('.') as [string, string];
    const path = pathsFrom(start).get(typeName);
    if (!path) return null;
    let node = root;
    let type = start;
    for (const step of path) {
      const child = selection(type, step, node.owner);
      node.children = [child];
      node = child;
      type = getNamedType(step.type) as GraphQLObjectType;
    }
    const last = type.getFields()[fieldName];
    if (!last) return null;
    const end = selection(type, last, node.owner);
    const endType = getNamedType(last.type);
    end.children = isObjectType(endType) ? leaves(endType, end.owner) : [];
    node.children = [end];
    return root;
  }

  /** The partner that owns the field a document is about (the last one on its path). */
  function deepest(root: Selection): SubgraphName {
    let node = root;
    while (node.children.length === 1 && node.children[0]) node = node.children[0];
    return node.owner;
  }

  beforeAll(async () => {
    hub = await startTestHub('verwerkingen', async (orms) => {
      await insertResidents(orms, 'GM0164', residents);
      // A signal about a in each inbox.
      for (const [subgraph, regel, rol] of [
        ['werk-inkomen', 'plaatsing-bij-uitkering', 'KLANTMANAGER'],
        ['schuldhulp', 'einde-uitkering-bij-schuldhulp', 'SCHULDHULPVERLENER'],
      ] as const) {
        const [signaal] = await orms[subgraph].em.getConnection().execute<{ id: number }[]>(
          `insert into signaal (gebeurtenis_id, regel, bsn, gemeente, rollen, vastgelegd_op)
           values (gen_random_uuid(), ?, ?, 'GM0164', ?::text[], now()) returning id`,
          [regel, a, `{${rol}}`],
        );
        ids[subgraph === 'schuldhulp' ? 'signaalSchuldhulp' : 'signaalWerkInkomen'] = signaal?.id ?? 0;
      }
      const werkplein = orms.werkplein.em.getConnection();
      await werkplein.execute(
        `insert into vacature (werkgever_id, titel, gemeente, geopend, aantal_plaatsen)
         values (1, 'Orderpicker', 'GM0164', date '2024-06-01', 3)`,
      );
      await werkplein.execute('update plaatsing set vacature_id = (select max(id) from vacature)');
      // A conference about a with the resident's consent for all five partners, recorded by a participant
      // other than its opener, with an agenda and an action.
      const wi = orms['werk-inkomen'].em.getConnection();
      const [overleg] = await wi.execute<{ id: number }[]>(
        `insert into casusoverleg (bsn, gemeente, titel, grondslag, partners, geopend_op, geopend_door, organisatie)
         values (?, 'GM0164', 'Schulden en werk', 'TOESTEMMING', '{}', now(), 'km-hengelo-1', 'wi-bhh') returning id`,
        [a],
      );
      ids.casusoverleg = overleg?.id ?? 0;
      await wi.execute(
        `insert into casus_deelnemer (casusoverleg_id, medewerker, organisatie, rol, toegevoegd_op)
         values (?, 'km-hengelo-1', 'wi-bhh', 'KLANTMANAGER', now()), (?, 'tb-swb-1', 'swb', 'TRAJECTBEGELEIDER', now())`,
        [ids.casusoverleg, ids.casusoverleg],
      );
      await wi.execute(
        `insert into toestemming (casusoverleg_id, gegeven_op, verloopt_op, partners, wijze, bewijs, vastgelegd_door,
           vastgelegd_door_organisatie, vastgelegd_op)
         values (?, current_date - 1, current_date + 60, '{werk-inkomen,swb,werkplein,schuldhulp,werkcentrum}',
           'SCHRIFTELIJK', 'DOC-0', 'tb-swb-1', 'swb', now())`,
        [ids.casusoverleg],
      );
      await wi.execute(
        `insert into agendapunt (casusoverleg_id, volgorde, onderwerp) values (?, 1, 'Schulden')`,
        [ids.casusoverleg],
      );
      await wi.execute(
        `insert into actie (casusoverleg_id, eigenaar_organisatie, omschrijving, deadline)
         values (?, 'stadsbank', 'Budgetplan', current_date + 14)`,
        [ids.casusoverleg],
      );
      const idOf = async (subgraph: SubgraphName, table: string): Promise<number> => {
        const [row] = await orms[subgraph].em
          .getConnection()
          .execute<{ id: number }[]>(`select min(id) as id from ${table} where bsn = ?`, [a]);
        return row?.id ?? 0;
      };
      ids.traject = await idOf('swb', 'traject');
      ids.schuldhulptraject = await idOf('schuldhulp', 'schuldhulptraject');
      ids.ontwikkeltraject = await idOf('werkcentrum', 'ontwikkeltraject');
    });
    schema = buildSchema(await readSupergraph());
    graphs = graphNames(schema);
    personal = personalData(schema);
  });
  afterAll(() => hub?.close());

  it('finds the fields that can return personal data, and has a way into every one of them', () => {
    // What the criterion must find today; it finds whatever is added later by the same rules.
    expect([...personal.fields]).toEqual(
      expect.arrayContaining([
        'Query.inwoner',
        'Inwoner.bsn',
        'Gemeente.inwoners',
        'InwonerConnection.nodes',
        'PageInfo.endCursor',
        'Inwoner.plaatsingen',
        'Plaatsing.werkgever',
        'Vacature.titel',
        'Casusoverleg.toestemmingen',
        'Casusinzage.schuldhulptrajecten',
        'Mutation.legToestemmingVast',
      ]),
    );
    // Statistics, the log and the register of statutes hold no resident.
    for (const field of ['Gemeente.bijstand', 'Query.logboek', 'Query.grondslagen', 'Verwerking.traceId'])
      expect(personal.fields.has(field)).toBe(false);

    const roots = ['Query', 'Mutation'].flatMap((root) =>
      fieldsOf(rootType(`${root}.x`)).map((field) => ({ name: `${root}.${field.name}`, field })),
    );
    // A root reaches personal data when it is a personal field, or a type below it has one.
    const reaching = roots.filter(({ name, field }) => {
      const start = getNamedType(field.type);
      return (
        personal.fields.has(name) ||
        (isObjectType(start) &&
          [...pathsFrom(start).keys()].some((type) =>
            fieldsOf(schema.getType(type) as GraphQLObjectType).some((f) =>
              personal.fields.has(`${type}.${f.name}`),
            ),
          ))
      );
    });
    const missing = reaching.map(({ name }) => name).filter((name) => !ENTRIES[name]);
    expect({ 'root fields that reach personal data but have no entry in ENTRIES': missing }).toEqual({
      'root fields that reach personal data but have no entry in ENTRIES': [],
    });
    for (const name of Object.keys(ENTRIES)) expect(() => rootField(name)).not.toThrow();
  });

  it.each(Object.keys(ENTRIES).filter((name) => name.startsWith('Query.')))(
    '%s: every personal field below it, alone, gives one line per resident in each partner that processed it',
    async (name) => {
      const entry = ENTRIES[name] as Entry;
      const targets = [...personal.fields].filter((target) => documentFor(name, target) !== null);
      expect(targets.length).toBeGreaterThan(0);
      const failures: string[] = [];
      for (const target of targets) {
        const root = documentFor(name, target) as Selection;
        root.args = await entry.args();
        const document = `{ ${render(root)} }`;
        let result: { response: GraphQLResponse; lines: Line[] } | undefined;
        for (const ask of entry.ask(deepest(root))) {
          const attempt = await send(document, ask);
          result ??= attempt;
          if (!attempt.response.errors) {
            result = attempt;
            break;
          }
        }
        if (!result) throw new Error(`${name} names nobody to ask`);
        const codes = (result.response.errors ?? []).map((e): unknown => e.extensions?.code);
        if (codes.some((code) => code !== 'FORBIDDEN')) {
          failures.push(`${document}: errors ${JSON.stringify(result.response.errors)}`);
          continue;
        }
        if (codes.length === 0) answered.add(target);
        for (const problem of problems(root, entry.residents(), result.response, result.lines))
          failures.push(`${document}: ${problem}`);
      }
      expect(failures).toEqual([]);
    },
  );

  it.each(Object.keys(ENTRIES).filter((name) => name.startsWith('Mutation.')))(
    '%s: writes its change with its line, and its whole answer gives one line per resident and kind',
    async (name) => {
      const entry = ENTRIES[name] as Entry;
      const field = rootField(name);
      const type = getNamedType(field.type) as GraphQLObjectType;
      const root = selection(
        rootType(name),
        field,
        ownerOf(graphs, rootType(name), field, 'werk-inkomen'),
        '',
      );
      root.args = await entry.args();
      root.children = everything(type, root.owner, [type.name]);
      const [ask] = entry.ask(root.owner);
      if (!ask) throw new Error(`${name} names nobody to ask`);
      const { response, lines } = await send(`mutation { ${render(root)} }`, ask);
      expect({ name, data: response.data?.[field.name] ?? null }).toEqual({ name, data: expect.any(Object) });
      expect((response.errors ?? []).filter((e) => e.extensions?.code !== 'FORBIDDEN')).toEqual([]);
      expect(problems(root, entry.residents(), response, lines)).toEqual([]);
      // The change itself: a line of its own, in the partner that made it.
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            subgraph: root.owner,
            handeling: 'wijzigen',
            uitkomst: 'TOEGESTAAN',
            bewoner: a,
          }),
        ]),
      );
      // A refused field answers null: what has a value was answered.
      for (const covered of answeredIn([root], [response.data ?? {}])) answered.add(covered);
    },
  );

  /** The fields of a document that the answer gives a value for. */
  function answeredIn(selections: Selection[], values: unknown[], names: string[] = []): string[] {
    for (const node of selections) {
      const found = values
        .flatMap((value) => {
          const item = (value as Record<string, unknown> | null)?.[node.field.name];
          return Array.isArray(item) ? (item as unknown[]) : [item];
        })
        .filter((item) => item !== null && item !== undefined);
      if (found.length === 0) continue;
      names.push(`${node.parent.name}.${node.field.name}`);
      answeredIn(node.children, found, names);
    }
    return names;
  }

  it('has answered every personal field of the schema at least once without a refusal', () => {
    // Subscriptions are answered as signals arrive: test/signalen-abonnement.test.ts subscribes to each
    // of these, and asserts exactly one line per resident for every event sent. A new one joins it there.
    const subscriptions = [...personal.fields].filter((field) => field.startsWith('Subscription.')).sort();
    expect(subscriptions).toEqual(ABONNEMENTEN);
    for (const field of subscriptions) answered.add(field);
    const never = [...personal.fields].filter((field) => !answered.has(field)).sort();
    expect({ 'personal fields no document answered': never }).toEqual({
      'personal fields no document answered': [],
    });
  });

  it.each(Object.entries(ENTRIES).filter(([, entry]) => entry.refused))(
    '%s refused: a GEWEIGERD line for each resident it concerns, in the partner that refused, and nothing read',
    async (name, entry) => {
      const field = rootField(name);
      const root = selection(
        rootType(name),
        field,
        ownerOf(graphs, rootType(name), field, 'werk-inkomen'),
        '',
      );
      root.args = await entry.args();
      const type = getNamedType(field.type);
      root.children = isObjectType(type) ? leaves(type, root.owner) : [];
      const { response, lines } = await send(`{ ${render(root)} }`, entry.refused as Ask);
      expect(response.errors?.map((e): unknown => [e.path, e.extensions?.code])).toEqual([
        [[field.name], 'FORBIDDEN'],
      ]);
      expect(lines.map(({ subgraph, uitkomst, bewoner }) => ({ subgraph, uitkomst, bewoner }))).toEqual(
        entry.residents().map((bewoner) => ({ subgraph: root.owner, uitkomst: 'GEWEIGERD', bewoner })),
      );
    },
  );
  it('logs nobody for a refused list: it read nobody', async () => {
    const { response, lines } = await send(
      '{ gemeente(code: "GM0164") { inwoners { nodes { bsn } } } }',
      uitvoering('analist'),
    );
    expect(response.errors?.map((e): unknown => [e.path, e.extensions?.code])).toEqual([
      [['gemeente', 'inwoners'], 'FORBIDDEN'],
    ]);
    expect(lines).toEqual([]);
  });

  it('logs what a field read when it fails after access was granted, beside the rest of the answer', async () => {
    const [{ role }] = (await hub.orms['werk-inkomen'].em
      .getConnection()
      .execute<{ role: string }[]>('select current_user as role')) as [{ role: string }];
    await hub.asOwner('werk-inkomen', `revoke select on uitkering from "${role}"`);
    try {
      const { response, lines, traceId } = await send(
        `{ inwoner(bsn: "${a}") { naam uitkeringen { regeling } } }`,
        uitvoering('klantmanagerBhh'),
      );
      expect(response.data?.inwoner).toEqual({ naam: `Inwoner ${a}`, uitkeringen: null });
      expect(response.errors?.map((e): unknown => e.path)).toEqual([['inwoner', 'uitkeringen']]);
      expect(lines.map(({ subgraph, uitkomst, bewoner }) => ({ subgraph, uitkomst, bewoner }))).toEqual([
        { subgraph: 'werk-inkomen', uitkomst: 'TOEGESTAAN', bewoner: a },
        { subgraph: 'werk-inkomen', uitkomst: 'TOEGESTAAN', bewoner: a },
      ]);
      const [velden] = await hub.orms['werk-inkomen'].em
        .getConnection()
        .execute<{ velden: string[] }[]>(
          `select velden from verwerking where trace_id = ? and processing_activity_id like '%uitkeringsverstrekking'`,
          [traceId],
        );
      expect(velden?.velden).toEqual(['naam', 'uitkeringen']);
    } finally {
      await hub.asOwner('werk-inkomen', `grant select on uitkering to "${role}"`);
    }
  });

  describe('a change and its log line commit together: no log, no change', () => {
    const agendapunten = async (onderwerp: string): Promise<number> => {
      const [row] = await hub.asOwner<{ count: string }>(
        'werk-inkomen',
        'select count(*)::text as count from agendapunt where onderwerp = $1',
        [onderwerp],
      );
      return Number(row?.count);
    };
    const voegToe = (onderwerp: string) =>
      send(
        `mutation { voegAgendapuntToe(casusoverlegId: "${ids.casusoverleg}", onderwerp: "${onderwerp}") { id onderwerp } }`,
        casusoverleg('klantmanagerBhh'),
      );

    it('writes the change and its line in one transaction', async () => {
      const onderwerp = `Huurachterstand ${randomBytes(4).toString('hex')}`;
      const { response, lines } = await voegToe(onderwerp);
      expect(response.errors).toBeUndefined();
      expect(await agendapunten(onderwerp)).toBe(1);
      expect(lines).toEqual([
        {
          subgraph: 'werk-inkomen',
          activiteit: expect.stringMatching(/ketenregie$/),
          uitkomst: 'TOEGESTAAN',
          handeling: 'wijzigen',
          bewoner: a,
        },
      ]);
    });

    const runtimeRole = async (): Promise<string> => {
      const [row] = await hub.orms['werk-inkomen'].em
        .getConnection()
        .execute<{ role: string }[]>('select current_user as role');
      return row?.role ?? '';
    };

    it.each([
      [
        'the runtime role may not insert into the log',
        async () => `revoke insert on verwerking from "${await runtimeRole()}"`,
        async () => `grant insert on verwerking to "${await runtimeRole()}"`,
      ],
      [
        'the log refuses the change’s line',
        () =>
          Promise.resolve(`create function weiger_wijziging() returns trigger language plpgsql as $$
            begin
              if new.name like 'wijzigen %' then raise exception 'processing log unavailable'; end if;
              return new;
            end $$;
            create trigger weiger_wijziging before insert on verwerking
              for each row execute function weiger_wijziging();`),
        () =>
          Promise.resolve('drop trigger weiger_wijziging on verwerking; drop function weiger_wijziging();'),
      ],
    ])(
      'when %s, the change is rolled back and the answer is PROCESSING_LOG_UNAVAILABLE',
      async (_case, breakLog, repairLog) => {
        const onderwerp = `Energieschuld ${randomBytes(4).toString('hex')}`;
        await hub.asOwner('werk-inkomen', await breakLog());
        let response: GraphQLResponse;
        try {
          response = (await voegToe(onderwerp)).response;
        } finally {
          await hub.asOwner('werk-inkomen', await repairLog());
        }
        expect(response.data?.voegAgendapuntToe ?? null).toBeNull();
        expect(response.errors?.map((e): unknown => e.extensions?.code)).toEqual([
          'PROCESSING_LOG_UNAVAILABLE',
        ]);
        expect(JSON.stringify(response)).not.toContain(onderwerp);
        expect(await agendapunten(onderwerp)).toBe(0);
        // Once the log is back, the same change goes through.
        expect((await voegToe(onderwerp)).response.errors).toBeUndefined();
        expect(await agendapunten(onderwerp)).toBe(1);
      },
    );
  });

  describe('page cursors', () => {
    type Pagina = { nodes: { bsn: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const pagina = async (code: string, after?: string): Promise<GraphQLResponse> =>
      hub.query(
        `query ($after: String) { gemeente(code: "${code}") { inwoners(first: 1, after: $after) {
           nodes { bsn } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );

    /** The BSN in every encoding a cursor could carry it: text, base64, hex, and as a 32-bit number. */
    function bevatBsn(cursor: string, bsn: string): boolean {
      const number = Number(bsn);
      const big = Buffer.alloc(4);
      big.writeUInt32BE(number);
      const little = Buffer.alloc(4);
      little.writeUInt32LE(number);
      const text = Buffer.from(bsn, 'utf8');
      const needles = [
        bsn,
        text.toString('base64'),
        text.toString('base64url'),
        text.toString('hex'),
        big.toString('hex'),
        little.toString('hex'),
        [...bsn].reverse().join(''),
      ];
      const bytes = Buffer.from(cursor, 'base64url');
      const haystacks = [
        cursor,
        decodeURIComponent(cursor),
        bytes.toString('latin1'),
        bytes.toString('hex'),
        Buffer.from(cursor, 'base64').toString('latin1'),
        Buffer.from(cursor, 'hex').toString('latin1'),
      ];
      return haystacks.some((haystack) => needles.some((needle) => haystack.includes(needle)));
    }

    it('pages through a gemeente’s residents in BSN order with cursors that reveal no BSN in any encoding', async () => {
      const seen: string[] = [];
      const cursors: string[] = [];
      let after: string | undefined;
      for (;;) {
        const response = await pagina('GM0164', after);
        expect(response.errors).toBeUndefined();
        const page = response.data?.gemeente.inwoners as Pagina;
        seen.push(...page.nodes.map((node) => node.bsn));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor ?? undefined;
        cursors.push(after ?? '');
      }
      expect(seen).toEqual([...residents].sort());
      expect(cursors).toHaveLength(residents.length - 1);
      for (const cursor of cursors)
        for (const bsn of residents)
          expect({ cursor, bsn: bevatBsn(cursor, bsn) }).toEqual({ cursor, bsn: false });
      // The test of the test: a cursor that did carry a BSN is found.
      expect(bevatBsn(Buffer.from(a).toString('base64url'), a)).toBe(true);
    });

    it('refuses a tampered cursor, a written one, and one of another list with BAD_USER_INPUT', async () => {
      const first = (await pagina('GM0164')).data?.gemeente.inwoners as Pagina;
      const cursor = first.pageInfo.endCursor ?? '';
      const bytes = Buffer.from(cursor, 'base64url');
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01;
      const werkgevers = await hub.query(
        '{ werkgevers(first: 1) { pageInfo { endCursor } } }',
        {},
        { as: 'adviseurWerk' },
      );
      const vreemd = werkgevers.data?.werkgevers.pageInfo.endCursor as string | null;
      expect(vreemd).toEqual(expect.any(String));
      for (const [name, response] of [
        ['tampered', await pagina('GM0164', bytes.toString('base64url'))],
        ['written', await pagina('GM0164', Buffer.from(a).toString('base64url'))],
        ['another gemeente', await pagina('GM0147', cursor)],
        ['another list', await pagina('GM0164', vreemd ?? '')],
      ] as const) {
        expect({ name, data: response.data?.gemeente?.inwoners ?? null }).toEqual({ name, data: null });
        expect({ name, codes: response.errors?.map((e): unknown => e.extensions?.code) }).toEqual({
          name,
          codes: ['BAD_USER_INPUT'],
        });
      }
    });

    it('stays keyset: a resident added before the cursor shifts nothing, one after it is found', async () => {
      const first = (await pagina('GM0164')).data?.gemeente.inwoners as Pagina;
      expect(first.nodes).toEqual([{ bsn: [...residents].sort()[0] }]);
      const [eerder, later] = [fixtureBsns(1, 100)[0], fixtureBsns(1, 950)[0]] as [string, string];
      await hub.asOwner(
        'werk-inkomen',
        `insert into inwoner (bsn, naam, geboortedatum, gemeente) values ($1, 'Nieuw', '1990-01-01', 'GM0164'),
         ($2, 'Nieuw', '1990-01-01', 'GM0164')`,
        [eerder, later],
      );
      const seen: string[] = [];
      let after = first.pageInfo.endCursor ?? undefined;
      while (after) {
        const page = (await pagina('GM0164', after)).data?.gemeente.inwoners as Pagina;
        seen.push(...page.nodes.map((node) => node.bsn));
        after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? undefined) : undefined;
      }
      expect(seen).toEqual([...residents].sort().slice(1).concat(later));
    });
  });
});
