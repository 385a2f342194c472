import { randomBytes } from 'node:crypto';
import {
  buildSchema,
  execute,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  parse,
  type GraphQLInputType,
} from 'graphql';
import type { Verwerkingsactiviteit } from '../platform/audit/activities';
import { pseudonym } from '../platform/audit/pseudonym';
import { ALLEEN_EIGEN_INZAGE, type Resident } from '../platform/auth/principals';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { readSupergraph } from '../gateway/supergraph';
import { SUBGRAPHS } from '../subgraphs';
import { ACTIVITEITEN as SCHULDHULP } from '../subgraphs/schuldhulp/toegang';
import { ACTIVITEITEN as SWB } from '../subgraphs/swb/toegang';
import { ACTIVITEITEN as WERK_INKOMEN } from '../subgraphs/werk-inkomen/toegang';
import { ACTIVITEITEN as WERKCENTRUM } from '../subgraphs/werkcentrum/toegang';
import { ACTIVITEITEN as WERKPLEIN } from '../subgraphs/werkplein/toegang';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import { KETENBEELD } from './support/documents';

const MIJN_INZAGE = /* GraphQL */ `
  query MijnInzage($van: String, $tot: String, $first: Int) {
    mijnInzage(van: $van, tot: $tot, first: $first) {
      werkInkomen {
        ...Regel
      }
      swb {
        ...Regel
      }
      werkplein {
        ...Regel
      }
      schuldhulp {
        ...Regel
      }
      werkcentrum {
        ...Regel
      }
    }
  }

  fragment Regel on Inzageregel {
    tijdstip
    traceId
    organisatie
    doelbinding
    activiteit
    activiteitNaam
    doel
    grondslag
    velden
    uitkomst
    bron
  }
`;

const VELDEN = {
  werkInkomen: 'werk-inkomen',
  swb: 'swb',
  werkplein: 'werkplein',
  schuldhulp: 'schuldhulp',
  werkcentrum: 'werkcentrum',
} as const satisfies Record<string, SubgraphName>;
type Veld = keyof typeof VELDEN;

const REGISTERS: Record<Veld, Record<string, Verwerkingsactiviteit>> = {
  werkInkomen: WERK_INKOMEN,
  swb: SWB,
  werkplein: WERKPLEIN,
  schuldhulp: SCHULDHULP,
  werkcentrum: WERKCENTRUM,
};

/** The activity the chain view is processed for at each partner. */
const KETENBEELD_ACTIVITEIT: Record<Veld, Verwerkingsactiviteit> = {
  werkInkomen: WERK_INKOMEN.ketenregie,
  swb: SWB.trajectbegeleiding,
  werkplein: WERKPLEIN.bemiddeling,
  schuldhulp: SCHULDHULP.schuldhulpverlening,
  werkcentrum: WERKCENTRUM.levenLangOntwikkelen,
};

interface Inzageregel {
  tijdstip: string;
  traceId: string;
  organisatie: string;
  doelbinding: string | null;
  activiteit: string;
  activiteitNaam: string | null;
  doel: string | null;
  grondslag: string | null;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  bron: string;
}

function nieuweTrace(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
}

const inwoner = (bsn: string): Resident => ({ bsn, roles: ['INWONER'] });

describe('Mijn inzage: a resident reads who processed their data, across the chain, with their own token', () => {
  let hub: TestHub;
  const [bsn, ander] = fixtureBsns(2, 900) as [string, string];

  const rapport = (resident: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse> =>
    hub.query(MIJN_INZAGE, variables, { as: inwoner(resident), purpose: null });

  const regelsVan = (response: GraphQLResponse, veld: Veld): Inzageregel[] =>
    response.data?.mijnInzage[veld] as Inzageregel[];

  beforeAll(async () => {
    hub = await startTestHub('mijninzage', (orms) => insertResidents(orms, 'GM0164', [bsn, ander]));
  });
  afterAll(() => hub?.close());

  describe('after a KLANTMANAGER looked at the resident across the chain', () => {
    let traceId: string;
    let report: GraphQLResponse;

    beforeAll(async () => {
      const trace = nieuweTrace();
      traceId = trace.traceId;
      const read = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh', headers: trace.headers });
      expect(read.errors).toBeUndefined();
      // A refused look, to show that refusals reach the resident too.
      const refused = await hub.query(
        /* GraphQL */ `
          query ($bsn: BSN!) {
            inwoner(bsn: $bsn) {
              schuldhulptrajecten {
                fase
              }
            }
          }
        `,
        { bsn },
        { as: 'klantmanagerBhh', headers: trace.headers },
      );
      expect(refused.errors?.map((error): unknown => error.extensions?.code)).toEqual(['FORBIDDEN']);
      report = await rapport(bsn);
    });

    it('names, at each of the five partners, the organisation, time, activity with purpose and legal basis, and outcome', () => {
      expect(report.errors).toBeUndefined();
      for (const [veld, bron] of Object.entries(VELDEN) as [Veld, SubgraphName][]) {
        const activiteit = KETENBEELD_ACTIVITEIT[veld];
        expect(regelsVan(report, veld)).toEqual(
          expect.arrayContaining([
            {
              tijdstip: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
              traceId,
              organisatie: 'wi-bhh',
              doelbinding: 'uitvoering',
              activiteit: activiteit.id,
              activiteitNaam: activiteit.naam,
              doel: activiteit.doel,
              grondslag: activiteit.grondslag,
              velden: expect.arrayContaining([]),
              uitkomst: 'TOEGESTAAN',
              bron,
            },
          ]),
        );
      }
      expect(regelsVan(report, 'schuldhulp')).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            traceId,
            velden: ['schuldhulptrajecten'],
            uitkomst: 'GEWEIGERD',
            doel: SCHULDHULP.schuldhulpverlening.doel,
          }),
        ]),
      );
    });

    it('never names the employee: no employee id, no roles, not even as a field to ask for', async () => {
      const dump = JSON.stringify(report);
      expect(dump).not.toContain('km-hengelo-1');
      expect(dump).not.toContain('KLANTMANAGER');
      expect(dump).not.toContain(bsn);
      for (const field of ['medewerker', 'rollen', 'spanId']) {
        const response = await hub.query(
          `{ mijnInzage { swb { ${field} } } }`,
          {},
          { as: inwoner(bsn), purpose: null },
        );
        expect(response.data ?? null).toBeNull();
        expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      }
    });

    it('logs the reading itself at every partner, as the resident’s own, and shows it in the next report', async () => {
      const next = await rapport(bsn);
      for (const veld of Object.keys(VELDEN) as Veld[]) {
        expect(regelsVan(next, veld)[0]).toMatchObject({
          organisatie: 'inwoner',
          doelbinding: 'inzageverzoek',
          activiteit: REGISTERS[veld].inzageLogboek?.id,
          activiteitNaam: 'Inzage in het logboek dataverwerkingen',
          velden: ['mijnInzage'],
          uitkomst: 'TOEGESTAAN',
        });
      }
      // SWB's privacy officer sees the resident as the actor, by role only.
      const log = await hub.query(
        /* GraphQL */ `
          query ($bsn: BSN!) {
            logboek(filter: { bsn: $bsn }, first: 1) {
              swb {
                medewerker
                organisatie
                rollen
                activiteit
              }
            }
          }
        `,
        { bsn },
        { as: 'privacyOfficerSwb', purpose: 'toezicht' },
      );
      expect(log.data?.logboek.swb).toEqual([
        {
          medewerker: 'inwoner',
          organisatie: 'inwoner',
          rollen: ['INWONER'],
          activiteit: SWB.inzageLogboek.id,
        },
      ]);
    });

    it('writes a different pseudonym of the resident in each partner’s log, and each report still finds the lines', async () => {
      const subjects = await Promise.all(
        SUBGRAPH_NAMES.map(async (name) => {
          const rows = await hub.orms[name].em
            .getConnection()
            .execute<{ data_subject_id: string }[]>(
              'select distinct data_subject_id from verwerking where trace_id = ?',
              [traceId],
            );
          expect(rows.map((row) => row.data_subject_id)).toEqual([pseudonym(bsn, hub.pseudonymKeys[name])]);
          return rows[0]?.data_subject_id;
        }),
      );
      expect(new Set(subjects).size).toBe(SUBGRAPH_NAMES.length);
      for (const veld of Object.keys(VELDEN) as Veld[]) {
        expect(regelsVan(report, veld).some((regel) => regel.traceId === traceId)).toBe(true);
      }
    });

    it('gives another resident their own report, without these lines, and no way to ask for someone else', async () => {
      const own = await rapport(ander);
      expect(own.errors).toBeUndefined();
      for (const veld of Object.keys(VELDEN) as Veld[]) {
        expect(regelsVan(own, veld).some((regel) => regel.traceId === traceId)).toBe(false);
      }
      // The BSN comes from the token only: the report takes no resident as an argument.
      const named = await hub.query(
        `query ($bsn: BSN!) { mijnInzage(bsn: $bsn) { swb { traceId } } }`,
        { bsn },
        { as: inwoner(ander), purpose: null },
      );
      expect(named.data ?? null).toBeNull();
      expect(named.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      // Nor through the privacy officers' log search.
      const search = await hub.query(
        `query ($bsn: BSN!) { logboek(filter: { bsn: $bsn }) { swb { traceId } } }`,
        { bsn },
        { as: inwoner(ander), purpose: 'inzageverzoek' },
      );
      expect(search.data ?? null).toBeNull();
      expect(search.errors).toEqual([
        expect.objectContaining({ message: ALLEEN_EIGEN_INZAGE, extensions: { code: 'FORBIDDEN' } }),
      ]);
    });

    it('filters by period and page size', async () => {
      const future = await rapport(bsn, { van: '2999-01-01T00:00:00Z' });
      for (const veld of Object.keys(VELDEN) as Veld[]) expect(regelsVan(future, veld)).toEqual([]);
      const one = await rapport(bsn, { van: '2000-01-01T00:00:00Z', tot: '2999-01-01T00:00:00Z', first: 1 });
      for (const veld of Object.keys(VELDEN) as Veld[]) expect(regelsVan(one, veld)).toHaveLength(1);
      const wrong = await rapport(bsn, { van: 'gisteren' });
      expect(wrong.errors?.map((error): unknown => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    });
  });

  it.each([
    ['a KLANTMANAGER', 'klantmanagerBhh', 'uitvoering'],
    ['a PRIVACY_OFFICER', 'privacyOfficerSwb', 'inzageverzoek'],
  ] as const)('refuses the report to %s: it is the resident’s own', async (_case, as, purpose) => {
    const response = await hub.query(MIJN_INZAGE, {}, { as, purpose });
    expect(response.data?.mijnInzage).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['mijnInzage'], extensions: { code: 'FORBIDDEN' } }),
    ]);
  });

  describe('refuses a resident everything else', () => {
    /** A literal of an input type: a value that passes validation, so that only access can refuse. */
    function literal(type: GraphQLInputType): string {
      if (isNonNullType(type)) return literal(type.ofType);
      if (isListType(type)) return `[${literal(type.ofType)}]`;
      if (isEnumType(type)) return type.getValues()[0]?.name ?? '';
      if (isInputObjectType(type)) {
        const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
        return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
      }
      const scalars: Record<string, string> = {
        String: '"x"',
        ID: '"1"',
        Int: '1',
        Float: '1',
        Boolean: 'true',
        BSN: `"${bsn}"`,
        Date: '"2024-01-01"',
      };
      const value = scalars[type.name];
      if (!value) throw new Error(`No literal for scalar ${type.name}`);
      return value;
    }

    function document(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>): string {
      const args = field.args.filter((arg) => isNonNullType(arg.type));
      const argList = args.length
        ? `(${args.map((arg) => `${arg.name}: ${literal(arg.type)}`).join(', ')})`
        : '';
      const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
      return `${operation} { ${field.name}${argList}${selection} }`;
    }

    it('every root field of the schema but mijnInzage, queries and mutations alike, answers FORBIDDEN and nothing else', async () => {
      const schema = buildSchema(await readSupergraph());
      const roots: ['query' | 'mutation', GraphQLField<unknown, unknown>][] = [
        ...Object.values(schema.getQueryType()?.getFields() ?? {}).map(
          (f) => ['query', f] as ['query', typeof f],
        ),
        ...Object.values(schema.getMutationType()?.getFields() ?? {}).map(
          (f) => ['mutation', f] as ['mutation', typeof f],
        ),
      ];
      const closed = roots.filter(([, field]) => field.name !== 'mijnInzage');
      expect(closed.map(([, field]) => field.name)).toEqual(
        expect.arrayContaining([
          'inwoner',
          'gemeente',
          'gemeenten',
          'logboek',
          'casusoverleg',
          'openCasusoverleg',
        ]),
      );
      for (const [operation, field] of closed) {
        for (const purpose of ['uitvoering', null]) {
          const response = await hub.query(document(operation, field), {}, { as: inwoner(bsn), purpose });
          expect({
            field: field.name,
            data: response.data?.[field.name] ?? null,
            errors: response.errors,
          }).toEqual({
            field: field.name,
            data: null,
            errors: [
              expect.objectContaining({
                message: ALLEEN_EIGEN_INZAGE,
                path: [field.name],
                extensions: { code: 'FORBIDDEN' },
              }),
            ],
          });
        }
      }
    });

    it('shows no personal data of their own, nor statistics of their municipality', async () => {
      const response = await hub.query(
        /* GraphQL */ `
          query ($bsn: BSN!) {
            inwoner(bsn: $bsn) {
              naam
              uitkeringen {
                bedragPerMaandCenten
              }
              schuldhulptrajecten {
                totaleSchuldCenten
              }
            }
            gemeente(code: "GM0164") {
              naam
              bijstand(periode: { jaar: 2024 }) {
                instroom {
                  waarde
                }
              }
            }
          }
        `,
        { bsn },
        { as: inwoner(bsn), purpose: 'uitvoering' },
      );
      expect(response.data).toEqual({ inwoner: null, gemeente: null });
      // In either order: each field is refused on its own.
      expect(
        response.errors?.map((error) => `${error.path?.join('.')} ${String(error.extensions?.code)}`).sort(),
      ).toEqual(['gemeente FORBIDDEN', 'inwoner FORBIDDEN']);
      expect(JSON.stringify(response)).not.toContain('Inwoner ');
    });

    it('logs the refused look-up of another resident as a refusal, for that resident, by a resident', async () => {
      const trace = randomBytes(16).toString('hex');
      const response = await hub.query(
        `query ($bsn: BSN!) { inwoner(bsn: $bsn) { naam } }`,
        { bsn: ander },
        {
          as: inwoner(bsn),
          purpose: 'uitvoering',
          headers: { traceparent: `00-${trace}-${randomBytes(8).toString('hex')}-01` },
        },
      );
      expect(response.errors?.map((error): unknown => error.extensions?.code)).toEqual(['FORBIDDEN']);
      const rows = await hub.orms['werk-inkomen'].em
        .getConnection()
        .execute<{ data_subject_id: string; uitkomst: string; medewerker: string }[]>(
          `select v.data_subject_id, v.uitkomst, a.medewerker from verwerking v
             join verwerking_actor a using (trace_id, span_id) where v.trace_id = ?`,
          [trace],
        );
      expect(rows).toEqual([
        {
          data_subject_id: pseudonym(ander, hub.pseudonymKeys['werk-inkomen']),
          uitkomst: 'GEWEIGERD',
          medewerker: 'inwoner',
        },
      ]);
    });
  });

  describe('in every subgraph itself, should a statement for a resident reach it', () => {
    it.each(SUBGRAPH_NAMES.map((name) => [name]))(
      '%s refuses every entity reference but the access report’s',
      async (name) => {
        const schema = await SUBGRAPHS[name].buildSchema();
        const representations = [
          { __typename: 'Inwoner', bsn, uitkeringsorganisatie: 'wi-bhh' },
          { __typename: 'Gemeente', code: 'GM0164' },
          { __typename: 'Logboek', zoekvraag: JSON.stringify({ bsn, first: 50 }) },
          { __typename: 'Gebruiksrapportage', periode: '{}' },
          { __typename: 'Casusinzage', toegang: 'x' },
          { __typename: 'Inzageoverzicht', vraag: JSON.stringify({ first: 50 }) },
        ];
        const result = await execute({
          schema,
          document: parse('query ($r: [_Any!]!) { _entities(representations: $r) { __typename } }'),
          variableValues: { r: representations },
          contextValue: { caller: inwoner(bsn) },
        });
        expect(result.data?._entities).toEqual([
          null,
          null,
          null,
          null,
          null,
          { __typename: 'Inzageoverzicht' },
        ]);
        expect(result.errors?.map((error) => [error.path, error.message])).toEqual(
          [0, 1, 2, 3, 4].map((index) => [['_entities', index], ALLEEN_EIGEN_INZAGE]),
        );
      },
    );
  });
});
