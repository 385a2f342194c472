/**
 * The conformance suite of a partner's subgraph (`npm run partner:conformance`): whatever it is written in
 * and wherever it runs, a subgraph of the hub trusts the gateway's proofs only, resolves the shared
 * entities by key, refuses fields with FORBIDDEN and answers the rest, logs one line per resident, composes
 * with the other partners and leaks nothing in its errors. Each check talks to the subgraph over HTTP as
 * the gateway does, with proofs signed with the partner's proof key.
 */
import { isDeepStrictEqual } from 'node:util';
import { zoekvraagSleutel, zoekvraagVan } from '../../platform/audit/logboek';
import { generateProofKey, PROOF_HEADER, type ProofKey } from '../../platform/auth/proofs';
import { FSC_TRANSACTION_HEADER, newTransactionId } from '../../platform/fsc';
import type { Caller, Doelbinding, Principal } from '../../platform/auth/principals';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { MAX_PAGE_SIZE } from '../../platform/pagination';
import type { ClientTls } from '../../platform/tls';
import { composeSchema, composeSubgraphs } from '../composition';
import {
  codes,
  describe,
  graphqlBody,
  NoAnswer,
  send,
  SubgraphClient,
  tlsDispatcher,
  type Answer,
} from './subgraph-client';
import { subgraphShape, type OwnField, type SubgraphShape } from './subgraph-shape';

export interface ConformanceOptions {
  /** The subgraph's GraphQL endpoint. */
  url: string;
  /** The partner's subgraph name: the audience of its proofs. */
  partner: string;
  /** The partner's proof key, as the gateway holds it. */
  key: ProofKey;
  /** Synthetic residents the subgraph knows (at least one); the first is the one most checks look at. */
  bsns: string[];
  /** CBS code of a municipality, resolved as `Gemeente`. */
  gemeente: string;
  /** An employee of the partner's own organisation in its case role: sees the partner's data. */
  employee: Caller;
  /** The field of `Inwoner` to read (default the first the subgraph resolves). */
  field?: string;
  timeoutMs?: number;
  /** The partner's CA and the client certificate a subgraph behind mutual TLS asks for. */
  tls?: ClientTls;
}

export interface CheckResult {
  id: string;
  title: string;
  passed: boolean;
  /** What was found: on failure the reason. */
  detail: string;
}

/** A check that failed, with the reason for the report. */
class CheckFailed extends Error {}

function fail(reason: string): never {
  throw new CheckFailed(reason);
}

/** One run of the suite against one subgraph: the client, the callers and the schema, read once. */
class Run {
  readonly client: SubgraphClient;
  /** A statistics-only employee of the region: never sees personal data (ACCESS.md rule 4). */
  readonly analist: Caller;
  /** The partner's own privacy officer: reads its processing log. */
  readonly privacyOfficer: Caller;
  private shapeRead?: Promise<SubgraphShape>;

  constructor(readonly options: ConformanceOptions) {
    this.client = new SubgraphClient(options.url, options.partner, options.key, {
      timeoutMs: options.timeoutMs ?? 10_000,
      dispatcher: options.tls ? tlsDispatcher(options.tls) : undefined,
    });
    const { gemeenten, organisation } = options.employee;
    this.analist = {
      employeeId: 'conformance-analist',
      organisation: 'regio',
      roles: ['ANALIST'],
      gemeenten,
    };
    this.privacyOfficer = {
      employeeId: 'conformance-privacy-officer',
      organisation,
      roles: ['PRIVACY_OFFICER'],
      gemeenten,
    };
  }

  get bsn(): string {
    return this.options.bsns[0] as string;
  }

  /** The subgraph's SDL and what the checks need of it, asked once (as `partner:check --url` asks it). */
  shape(): Promise<SubgraphShape> {
    this.shapeRead ??= (async () => {
      const answer = await this.client.query(this.analist, null, '{ _service { sdl } }');
      const sdl = (answer.data?._service as { sdl?: unknown } | undefined)?.sdl;
      if (typeof sdl !== 'string' || !sdl.trim()) fail(`it gave no _service { sdl } (${describe(answer)})`);
      try {
        return subgraphShape(sdl);
      } catch (error) {
        return fail(`its _service { sdl } does not parse: ${(error as Error).message}`);
      }
    })();
    return this.shapeRead;
  }

  /** The field of `Inwoner` the checks read: the one asked for, or the first the subgraph resolves. */
  async field(): Promise<OwnField> {
    const shape = await this.shape();
    if (!shape.entities.has('Inwoner'))
      fail('its _service { sdl } has no entity Inwoner @key(fields: "bsn")');
    const field = this.options.field
      ? shape.inwonerFields.find((candidate) => candidate.name === this.options.field)
      : shape.inwonerFields[0];
    if (!field) {
      fail(
        this.options.field
          ? `Inwoner has no field ${this.options.field} of this subgraph's own`
          : 'Inwoner has no field of this subgraph’s own to read',
      );
    }
    return field;
  }

  /** A resident as the gateway represents it: the key, and null for each field a `@requires` needs. */
  async inwoner(bsn: string): Promise<Record<string, unknown>> {
    const { inwonerExternal } = await this.shape();
    return { __typename: 'Inwoner', bsn, ...Object.fromEntries(inwonerExternal.map((name) => [name, null])) };
  }

  query(caller: Principal, purpose: Doelbinding | null, query: string, variables?: Record<string, unknown>) {
    return this.client.query(caller, purpose, query, variables);
  }
}

const ENTITIES = (selection: string): string =>
  `query Conformance($r: [_Any!]!) { _entities(representations: $r) { __typename ${selection} } }`;

/** The request of the proof checks: one resident by key, asked by the partner's own employee. */
function probe(run: Run): string {
  return graphqlBody(ENTITIES('... on Inwoner { bsn }'), {
    r: [{ __typename: 'Inwoner', bsn: run.bsn }],
  });
}

function accepted(answer: Answer): boolean {
  return answer.status === 200 && Array.isArray(answer.data?._entities);
}

/** Refused: no data, and a 401 or 403 or an UNAUTHENTICATED error that says so. */
function refused(answer: Answer): boolean {
  return (
    answer.data == null && ([401, 403].includes(answer.status) || codes(answer).includes('UNAUTHENTICATED'))
  );
}

/** Sends the probe with a valid proof: a refusal only counts when a valid request is answered. */
async function validProbe(run: Run): Promise<void> {
  const body = probe(run);
  const answer = await run.client.post(
    body,
    run.client.sign(run.options.employee, 'uitvoering', body).headers,
  );
  if (!accepted(answer)) {
    fail(`a request with a valid proof was not answered (${describe(answer)}), so no refusal can be judged`);
  }
}

/** Sends each case, which must be refused; returns what each answered. */
async function mustRefuse(run: Run, cases: [string, Record<string, string>, string][]): Promise<string> {
  const answers = new Set<string>();
  for (const [name, headers, body] of cases) {
    const answer = await run.client.post(body, headers);
    if (!refused(answer)) {
      fail(`${name}: answered ${describe(answer)}, expected a refusal (401, UNAUTHENTICATED)`);
    }
    answers.add(describe(answer));
  }
  return `refused ${cases.map(([name]) => name).join(', ')}: ${[...answers].join('; ')}`;
}

function withoutProof(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== PROOF_HEADER));
}

/** The proof re-encoded with `alg: none` and no signature: what careless JWT libraries accept. */
function unsignedProof(proof: string): string {
  const [, payload] = proof.split('.');
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  return `${header}.${payload ?? ''}.`;
}

/** The subgraph's processing-log lines of one search, through its field on `Logboek`. */
async function logLines(
  run: Run,
  search: { traceId: string; bsn?: string },
): Promise<{ traceId?: unknown; uitkomst?: unknown }[]> {
  const { logboekField } = await run.shape();
  if (!logboekField) fail('its _service { sdl } has no field of its own on Logboek (its processing log)');
  const zoekvraag = zoekvraagSleutel(zoekvraagVan(search, MAX_PAGE_SIZE));
  const answer = await run.query(
    run.privacyOfficer,
    'toezicht',
    ENTITIES(`... on Logboek { ${logboekField} { traceId uitkomst } }`),
    { r: [{ __typename: 'Logboek', zoekvraag }] },
  );
  const entity = (answer.data?._entities as Record<string, unknown>[] | undefined)?.[0];
  const lines = entity?.[logboekField];
  if (answer.errors?.length || !Array.isArray(lines)) {
    fail(`its privacy officer could not read the log through Logboek.${logboekField} (${describe(answer)})`);
  }
  return lines as { traceId?: unknown; uitkomst?: unknown }[];
}

/** Patterns of what an error must never carry, with what each one means. */
const LEAKS: [string, RegExp][] = [
  ['a stack trace', /\bat (?:async )?(?:[\w$.<>[\]]+ )?\(?(?:file:\/\/|node:|\/|[A-Za-z]:\\)[^\s)"]*:\d+/],
  ['a stack trace', /"(?:stack|stacktrace|exception)"\s*:/i],
  ['a file path', /(?:^|[\s"'(=:])\/(?:home|work|srv|opt|usr|var|app|tmp|root|Users|etc)\/[\w.@-]+/],
  ['a file path', /node_modules|\b[A-Za-z]:\\{1,2}[\w.-]+/],
  ['a file path', /\b[\w-]+\.(?:ts|js|mjs|cjs|py|java|kt|cs|go|rb|php):\d+/],
  [
    'an internal address',
    /\b(?:10(?:\.\d{1,3}){3}|127(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|169\.254(?:\.\d{1,3}){2})\b/,
  ],
  [
    'an internal address',
    /\blocalhost\b|\[::1\]|\bE(?:CONNREFUSED|NOTFOUND|AI_AGAIN|HOSTUNREACH|TIMEDOUT)\b/i,
  ],
  ['a connection string', /\b(?:postgres(?:ql)?|mysql|mongodb|redis|amqp|nats):\/\//i],
];

/** What an answer leaks, with the text around it, or null. */
export function leakIn(text: string): string | null {
  for (const [kind, pattern] of LEAKS) {
    const match = pattern.exec(text);
    if (match) {
      const from = Math.max(0, match.index - 20);
      return `${kind} ("…${text.slice(from, match.index + match[0].length + 20).replace(/\s+/g, ' ')}…")`;
    }
  }
  return null;
}

interface Check {
  id: string;
  title: string;
  run(run: Run): Promise<string>;
}

export const CHECKS: Check[] = [
  {
    id: 'proof-required',
    title: 'refuses requests without a valid gateway proof',
    async run(run) {
      await validProbe(run);
      const body = probe(run);
      const { headers } = run.client.sign(run.options.employee, 'uitvoering', body);
      const otherBody = graphqlBody(ENTITIES('... on Inwoner { bsn }'), {
        r: [{ __typename: 'Inwoner', bsn: run.bsn, extra: true }],
      });
      const proof = headers[PROOF_HEADER] as string;
      const now = Math.floor(Date.now() / 1000);
      const signedAt = (issuedAt: number): Record<string, string> =>
        run.client.sign(run.options.employee, 'uitvoering', body, { issuedAt }).headers;
      return mustRefuse(run, [
        ['no proof', withoutProof(headers), body],
        ['a proof that is no JWT', { ...headers, [PROOF_HEADER]: 'geen-bewijs' }, body],
        ['an unsigned proof (alg none)', { ...headers, [PROOF_HEADER]: unsignedProof(proof) }, body],
        [
          'a proof signed for another body',
          run.client.sign(run.options.employee, 'uitvoering', otherBody).headers,
          body,
        ],
        // A proof lives seconds: one of a minute ago is expired, one of a minute ahead not yet valid.
        ['an expired proof', signedAt(now - 60), body],
        ['a proof issued in the future', signedAt(now + 60), body],
        [
          'another FSC transaction id than the proof signs',
          { ...signedAt(now), [FSC_TRANSACTION_HEADER]: newTransactionId() },
          body,
        ],
      ]);
    },
  },
  {
    id: 'proof-replay',
    title: 'refuses a replayed proof',
    async run(run) {
      const body = probe(run);
      const { headers } = run.client.sign(run.options.employee, 'uitvoering', body);
      const first = await run.client.post(body, headers);
      if (!accepted(first)) fail(`the first use of a valid proof was not answered (${describe(first)})`);
      return mustRefuse(run, [['the same proof and body again', headers, body]]);
    },
  },
  {
    id: 'proof-foreign',
    title: 'refuses a proof signed for another subgraph or with a key it must not trust',
    async run(run) {
      await validProbe(run);
      const body = probe(run);
      const other = SUBGRAPH_NAMES.find((name) => name !== run.options.partner) as string;
      const employee = run.options.employee;
      return mustRefuse(run, [
        [
          `a proof for ${other}`,
          run.client.sign(employee, 'uitvoering', body, { audience: other }).headers,
          body,
        ],
        [
          'a proof signed with another key',
          run.client.sign(employee, 'uitvoering', body, { key: generateProofKey() }).headers,
          body,
        ],
      ]);
    },
  },
  {
    id: 'entities',
    title: 'resolves Inwoner and Gemeente by key through _entities',
    async run(run) {
      const shape = await run.shape();
      for (const entity of ['Inwoner', 'Gemeente']) {
        if (!shape.entities.has(entity)) fail(`its _service { sdl } has no entity ${entity} with @key`);
      }
      const { bsns, gemeente } = run.options;
      const answer = await run.query(
        run.options.employee,
        'uitvoering',
        ENTITIES('... on Inwoner { bsn } ... on Gemeente { code }'),
        {
          r: [
            ...(await Promise.all(bsns.map((bsn) => run.inwoner(bsn)))),
            { __typename: 'Gemeente', code: gemeente },
          ],
        },
      );
      const entities = answer.data?._entities;
      if (answer.errors?.length || !Array.isArray(entities)) fail(`_entities answered ${describe(answer)}`);
      const expected = [
        ...bsns.map((bsn) => ({ __typename: 'Inwoner', bsn })),
        { __typename: 'Gemeente', code: gemeente },
      ];
      expected.forEach((want, index) => {
        const got: unknown = entities[index];
        if (isDeepStrictEqual(got, want)) return;
        const what =
          want.__typename === 'Gemeente' ? `Gemeente ${gemeente}` : `resident ${index + 1} of ${bsns.length}`;
        fail(
          got == null
            ? `${what} resolved to null: give --bsn of residents and --gemeente of a municipality the subgraph knows`
            : `${what} resolved to ${JSON.stringify(got).slice(0, 120)}, expected its key back`,
        );
      });
      return `${bsns.length} Inwoner and 1 Gemeente resolved by key`;
    },
  },
  {
    id: 'forbidden',
    title: 'answers a forbidden field with FORBIDDEN and still returns the rest',
    async run(run) {
      const field = await run.field();
      // A statistics-only employee may see no personal data at all (ACCESS.md rule 4).
      const answer = await run.query(
        run.analist,
        'uitvoering',
        `query Conformance($r: [_Any!]!) { _service { sdl } _entities(representations: $r) { __typename ... on Inwoner { bsn ${field.name}${field.selection} } } }`,
        { r: [await run.inwoner(run.bsn)] },
      );
      const path = ['_entities', 0, field.name];
      const error = answer.errors?.find((candidate) => isDeepStrictEqual(candidate.path, path));
      if (!error)
        fail(
          `an ANALIST reading Inwoner.${field.name} got no error on ${path.join('.')} (${describe(answer)})`,
        );
      if (error.extensions?.code !== 'FORBIDDEN') {
        fail(`the error on ${path.join('.')} has code ${String(error.extensions?.code)}, not FORBIDDEN`);
      }
      if (typeof error.message !== 'string' || !error.message.trim())
        fail('the FORBIDDEN error does not say why');
      const entity = (answer.data?._entities as Record<string, unknown>[] | undefined)?.[0];
      if (!entity) fail(`the rest of the answer is missing: no resident in _entities (${describe(answer)})`);
      if (entity[field.name] !== null) fail(`the forbidden field Inwoner.${field.name} was not null`);
      if (entity.bsn !== run.bsn)
        fail('the rest of the answer is missing: the resident’s key did not come back');
      const sdl = (answer.data?._service as { sdl?: unknown } | undefined)?.sdl;
      if (typeof sdl !== 'string' || !sdl)
        fail('the rest of the answer is missing: _service { sdl } is null');
      return `Inwoner.${field.name} null with FORBIDDEN ("${error.message.slice(0, 100)}"); key and _service answered`;
    },
  },
  {
    id: 'processing-log',
    title: 'writes exactly one processing-log line per resident looked at',
    async run(run) {
      const field = await run.field();
      const { bsns } = run.options;
      const lookUp = ENTITIES(`... on Inwoner { bsn ${field.name}${field.selection} }`);
      const { employee } = run.options;
      const granted = await run.query(employee, 'uitvoering', lookUp, {
        r: await Promise.all(bsns.map((bsn) => run.inwoner(bsn))),
      });
      const entities = granted.data?._entities;
      if (granted.errors?.length || !Array.isArray(entities) || entities.some((entity) => entity == null)) {
        fail(
          `${employee.roles.join('/')} of ${employee.organisation} could not read Inwoner.${field.name} ` +
            `of the residents (${describe(granted)})`,
        );
      }
      for (const [index, bsn] of bsns.entries()) {
        const lines = await logLines(run, { traceId: granted.traceId, bsn });
        if (lines.length !== 1) {
          fail(
            `resident ${index + 1} of ${bsns.length}: ${lines.length} lines in the request's trace, expected 1`,
          );
        }
        if (lines[0]?.uitkomst !== 'TOEGESTAAN')
          fail(`resident ${index + 1}: the line says ${String(lines[0]?.uitkomst)}, not TOEGESTAAN`);
      }
      const all = await logLines(run, { traceId: granted.traceId });
      if (all.length !== bsns.length) {
        fail(
          `${all.length} lines in the trace of a look-up of ${bsns.length} residents, expected ${bsns.length}`,
        );
      }
      // A refusal is a processing too: one line, GEWEIGERD.
      const refusal = await run.query(run.analist, 'uitvoering', lookUp, { r: [await run.inwoner(run.bsn)] });
      const refusedLines = await logLines(run, { traceId: refusal.traceId, bsn: run.bsn });
      if (refusedLines.length !== 1 || refusedLines[0]?.uitkomst !== 'GEWEIGERD') {
        fail(
          `a refused look-up of one resident left ${refusedLines.length} lines ` +
            `(${refusedLines.map((line) => String(line.uitkomst)).join(', ') || 'none'}), expected 1 GEWEIGERD`,
        );
      }
      return `${bsns.length} residents looked at: ${bsns.length} lines, one each; a refused look-up: 1 line GEWEIGERD`;
    },
  },
  {
    id: 'composition',
    title: 'exposes a _service { sdl } that composes with the other subgraphs',
    async run(run) {
      const { sdl } = await run.shape();
      const { partner } = run.options;
      const others = await registeredSubgraphs();
      const isNew = !(partner in others);
      const result = composeSubgraphs({ ...others, [partner]: sdl });
      if (result.errors) {
        fail(
          `composition failed: ${result.errors.slice(0, 5).join('; ')}${result.errors.length > 5 ? ' …' : ''}`,
        );
      }
      return `composes with ${Object.keys(others)
        .filter((name) => name !== partner)
        .join(', ')}${isNew ? ` (${partner} is a new partner)` : ''}`;
    },
  },
  {
    id: 'error-hygiene',
    title: 'leaks no stack trace, file path or internal address in errors',
    async run(run) {
      const { url } = run.options;
      const employee = run.options.employee;
      const signed = (body: string): { headers: Record<string, string>; body: string } => ({
        headers: run.client.sign(employee, 'uitvoering', body).headers,
        body,
      });
      const field = await run.field().catch(() => null);
      const broken = '{"query": "{ _entities(';
      const requests: [
        string,
        { method?: string; headers?: Record<string, string>; body?: string },
        string?,
      ][] = [
        ['malformed JSON without a proof', { headers: { 'content-type': 'application/json' }, body: broken }],
        ['malformed JSON with a valid proof', signed(broken)],
        ['a document that does not parse', signed(graphqlBody('{ _entities(representations: '))],
        ['an unknown field', signed(graphqlBody('{ geheim { wachtwoord } }'))],
        ['a variable of the wrong type', signed(graphqlBody(ENTITIES(''), { r: 'geen lijst' }))],
        [
          'representations that cannot be resolved',
          signed(
            graphqlBody(
              ENTITIES(`... on Inwoner { bsn ${field ? `${field.name}${field.selection}` : ''} }`),
              {
                r: [
                  { __typename: 'Inwoner', bsn: { $gt: '' } },
                  { __typename: 'Inwoner', bsn: 123456789 },
                  { __typename: 'Inwoner' },
                  { __typename: 'Gemeente', code: ['GM0164'] },
                  { __typename: 'Onbekend', id: '1' },
                  { __typename: 'Logboek', zoekvraag: '{"first":' },
                ],
              },
            ),
          ),
        ],
        [
          'an operation that is not in the document',
          signed(JSON.stringify({ query: '{ __typename }', operationName: 'Elders' })),
        ],
        ['a batch', signed(JSON.stringify([{ query: '{ __typename }' }]))],
        ['a body that is not JSON', { headers: { 'content-type': 'text/plain' }, body: 'hallo' }],
        [
          'a GET with the query in the URL',
          { method: 'GET' },
          `${url}${url.includes('?') ? '&' : '?'}query=%7B__typename%7D`,
        ],
        ['a path that does not exist', { method: 'GET' }, new URL('/conformance-bestaat-niet', url).href],
      ];
      for (const [name, init, target] of requests) {
        let answer: Answer;
        try {
          answer = await send(target ?? url, init, run.client.connection);
        } catch (error) {
          if (error instanceof NoAnswer) fail(`${name}: no answer at all (${error.message}): did it crash?`);
          throw error;
        }
        const leak = leakIn(answer.text);
        if (leak) fail(`${name}: HTTP ${answer.status} carries ${leak}`);
      }
      const body = probe(run);
      const after = await run.client.post(body, run.client.sign(employee, 'uitvoering', body).headers);
      if (!accepted(after))
        fail(`after those requests a valid request was not answered (${describe(after)})`);
      return `${requests.length} malformed and failing requests answered without leaks; still answering`;
    },
  },
];

let registered: Promise<Record<string, string>> | undefined;

/** The other partners' SDL as this checkout builds it (what `npm run compose` composes). */
function registeredSubgraphs(): Promise<Record<string, string>> {
  registered ??= composeSchema().then(({ subgraphs }) => subgraphs);
  return registered;
}

/** Runs every check against one subgraph, in order; a check that fails does not stop the others. */
export async function runConformance(options: ConformanceOptions): Promise<CheckResult[]> {
  if (options.bsns.length === 0) throw new Error('the suite needs at least one resident (--bsn)');
  const run = new Run(options);
  const results: CheckResult[] = [];
  for (const check of CHECKS) {
    try {
      results.push({ id: check.id, title: check.title, passed: true, detail: await check.run(run) });
    } catch (error) {
      if (!(error instanceof CheckFailed || error instanceof NoAnswer)) throw error;
      results.push({ id: check.id, title: check.title, passed: false, detail: error.message });
    }
  }
  return results;
}

/** The report for people and CI logs: one line per check, its reason under it. */
export function conformanceReport(
  options: Pick<ConformanceOptions, 'partner' | 'url'>,
  results: CheckResult[],
): string {
  const width = Math.max(...results.map((result) => result.id.length));
  const lines = [`partner:conformance ${options.partner} at ${options.url}`, ''];
  for (const result of results) {
    lines.push(`${result.passed ? 'PASS' : 'FAIL'}  ${result.id.padEnd(width)}  ${result.title}`);
    lines.push(`      ${' '.repeat(width)}  ${result.detail}`);
  }
  const failed = results.filter((result) => !result.passed);
  lines.push(
    '',
    failed.length === 0
      ? `Result: CONFORMS (${results.length} of ${results.length} checks passed)`
      : `Result: DOES NOT CONFORM (${failed.length} of ${results.length} checks failed: ${failed.map((result) => result.id).join(', ')})`,
  );
  return lines.join('\n');
}
