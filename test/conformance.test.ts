import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signedSubgraphRequest } from '../platform/auth/gateway-request';
import { PROOF_HEADER, proofKey, signProof, type GatewayStatement } from '../platform/auth/proofs';
import { isDoelbinding } from '../platform/auth/principals';
import { callerFromClaims } from '../platform/auth/tokens';
import { envPrefix, loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { FSC_TRANSACTION_HEADER } from '../platform/fsc';
import { runPartnerConformance } from '../scripts/partner-conformance';
import { CHECKS } from '../scripts/conformance/checks';
import { createTestCa, type Certificate, type TestCa } from './support/certificates';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { PERSONAS } from './support/personas';
import { startTestHub, type TestHub } from './support/hub';

/** The proof key of each partner, as the gateway of the test hub holds them. */
const PROOF_KEYS = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, randomBytes(32)])) as Record<
  SubgraphName,
  Buffer
>;

describe('partner:conformance: a partner’s subgraph behaves as a subgraph of the hub must', () => {
  let hub: TestHub;
  let dir: string;
  const bsns = fixtureBsns(3, 910);
  const keyFiles = {} as Record<SubgraphName, string>;
  /** werkcentrum is a partner at its own premises: HTTPS with mutual TLS. */
  let ca: TestCa;
  let client: Certificate;

  /** Runs the command line; returns its exit code and report. */
  async function cli(...argv: string[]): Promise<{ code: number; report: string }> {
    let report = '';
    const code = await runPartnerConformance(argv, (text) => (report += text), {});
    return { code, report };
  }

  /** The arguments that point the suite at a subgraph of the test hub, with its key and residents. */
  const target = (name: SubgraphName, url = hub.subgraphs[name].url): string[] => [
    '--url',
    url,
    '--partner',
    name,
    '--key-file',
    keyFiles[name],
    ...bsns.flatMap((bsn) => ['--bsn', bsn]),
    ...(name === 'werkcentrum' && url === hub.subgraphs[name].url
      ? ['--ca', ca.certFile, '--cert', client.certFile, '--client-key', client.keyFile]
      : []),
  ];

  /** The status of each check in a report, by its id. */
  const statuses = (report: string): Record<string, string> =>
    Object.fromEntries(
      [...report.matchAll(/^(PASS|FAIL) {2}(\S+)/gm)].map((m): [string, string] => [m[2] ?? '', m[1] ?? '']),
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'conformance-'));
    for (const [index, name] of SUBGRAPH_NAMES.entries()) {
      keyFiles[name] = join(dir, `${name}.key`);
      // Both forms a partner may hold its key in: hexadecimal, and a JWK of kty "oct".
      const text =
        index % 2 === 0
          ? PROOF_KEYS[name].toString('hex')
          : JSON.stringify({ kty: 'oct', alg: 'HS256', k: PROOF_KEYS[name].toString('base64url') });
      await writeFile(keyFiles[name], text, { mode: 0o600 });
    }
    ca = await createTestCa(dir, 'werkcentrum-ca');
    const server = await ca.issue('werkcentrum-server', 'server');
    client = await ca.issue('conformance-client', 'client');
    hub = await startTestHub('conformance', (orms) => insertResidents(orms, 'GM0164', bsns), {
      subgraphTls: { werkcentrum: { cert: server.cert, key: server.key, clientCa: ca.cert } },
      partnerTls: { werkcentrum: { ca: ca.cert, cert: client.cert, key: client.key } },
      auth: loadConfig(
        Object.fromEntries(
          SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_PROOF_KEY`, PROOF_KEYS[name].toString('hex')]),
        ),
      ).auth,
    });
  });

  afterAll(async () => {
    await hub?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SUBGRAPH_NAMES)('passes every check against our subgraph %s', async (name) => {
    const { code, report } = await cli(...target(name));
    // A failed check's line and its reason, so that a failure here says why.
    expect(report.match(/^FAIL .*\n.*$/gm) ?? []).toEqual([]);
    expect(statuses(report)).toEqual(Object.fromEntries(CHECKS.map((check) => [check.id, 'PASS'])));
    expect(report).toContain(`Result: CONFORMS (${CHECKS.length} of ${CHECKS.length} checks passed)`);
    expect(code).toBe(0);
  });

  describe('against a deliberately non-conforming subgraph, it names the check that fails', () => {
    let faulty: FaultyPartner;

    beforeAll(async () => {
      faulty = await FaultyPartner.start(hub.subgraphs.swb.url, PROOF_KEYS.swb);
    });
    afterAll(() => faulty?.close());

    it('passes every check through the faulty partner while it has no fault', async () => {
      faulty.defect = null;
      const { code, report } = await cli(...target('swb', faulty.url));
      expect(report.match(/^FAIL .*\n.*$/gm) ?? []).toEqual([]);
      expect(code).toBe(0);
    });

    it.each<[Defect, string[], RegExp]>([
      [
        'accepts any proof',
        ['proof-required', 'proof-replay', 'proof-foreign'],
        /no proof: answered HTTP 200 with data, expected a refusal/,
      ],
      [
        'ignores when a proof was issued and the transaction id it signs',
        ['proof-required'],
        /an expired proof: answered HTTP 200 with data, expected a refusal/,
      ],
      ['resolves no Gemeente', ['entities'], /Gemeente GM0164 resolved to null/],
      [
        'fails the whole answer on a forbidden field',
        ['forbidden'],
        /the rest of the answer is missing: no resident in _entities/,
      ],
      [
        'writes two log lines per resident',
        ['processing-log'],
        /resident 1 of 3: 2 lines in the request's trace, expected 1/,
      ],
      ['serves a schema that does not compose', ['composition'], /composition failed: .*Gemeente\.code/],
      [
        'leaks a stack trace',
        ['error-hygiene'],
        /malformed JSON without a proof: HTTP 4\d\d carries a stack trace/,
      ],
    ])('a subgraph that %s fails %j, with the reason', async (defect, failing, reason) => {
      faulty.defect = defect;
      const { code, report } = await cli(...target('swb', faulty.url));
      expect(statuses(report)).toEqual(
        Object.fromEntries(CHECKS.map((check) => [check.id, failing.includes(check.id) ? 'FAIL' : 'PASS'])),
      );
      expect(report).toMatch(reason);
      expect(report).toContain(
        `Result: DOES NOT CONFORM (${failing.length} of ${CHECKS.length} checks failed: ${failing.join(', ')})`,
      );
      expect(code).toBe(1);
    });
  });

  it('fails every check when it has no client certificate for a subgraph behind mutual TLS', async () => {
    expect(hub.subgraphs.werkcentrum.url).toMatch(/^https:/);
    const withoutCertificate = await cli(
      '--url',
      hub.subgraphs.werkcentrum.url,
      '--partner',
      'werkcentrum',
      '--key-file',
      keyFiles.werkcentrum,
      '--ca',
      ca.certFile,
    );
    expect(Object.values(statuses(withoutCertificate.report))).toEqual(CHECKS.map(() => 'FAIL'));
    expect(withoutCertificate.report).toMatch(/did not answer/);
    expect(withoutCertificate.code).toBe(1);
  });

  it('fails every check, exit code 1, when the subgraph hangs up without an answer', async () => {
    const silent = createServer();
    silent.on('connection', (socket) => socket.destroy());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const { code, report } = await cli(...target('swb', `http://127.0.0.1:${port}/graphql`));
      expect(Object.values(statuses(report))).toEqual(CHECKS.map(() => 'FAIL'));
      expect(report).toMatch(/did not answer/);
      expect(code).toBe(1);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it.each([
    [[], 'give the subgraph with --url'],
    [['--url', 'ftp://host/graphql', '--partner', 'swb'], 'is no http(s) URL'],
    [['--url', 'http://host/graphql'], 'name the partner with --partner'],
    [
      ['--url', 'http://host/graphql', '--partner', 'swb', '--bsn', '123456789'],
      '--bsn takes BSNs that pass',
    ],
    [['--url', 'http://host/graphql', '--partner', 'nieuw'], 'nieuw is a new partner: give --org and --role'],
    [
      ['--url', 'http://host/graphql', '--partner', 'nieuw', '--org', 'swb', '--role', 'TRAJECTBEGELEIDER'],
      'nieuw is a new partner: give its proof key with --key-file or --jwk',
    ],
    [
      ['--url', 'http://host/graphql', '--partner', 'swb', '--jwk', '{"kty":"RSA"}'],
      'a proof key is 64 hexadecimal',
    ],
    [
      ['--url', 'http://host/graphql', '--partner', 'swb', '--cert', 'client.crt'],
      'give --cert and --client-key together',
    ],
    [['--url', 'http://host/graphql', '--partner', 'swb', '--verbose'], "Unknown option '--verbose'"],
  ])('answers %j with exit code 2 and the usage', async (argv, message) => {
    const { code, report } = await cli(...argv);
    expect(report).toContain(message);
    expect(report).toContain('usage: npm run partner:conformance --');
    expect(code).toBe(2);
  });
});

type Defect =
  | 'accepts any proof'
  | 'ignores when a proof was issued and the transaction id it signs'
  | 'resolves no Gemeente'
  | 'fails the whole answer on a forbidden field'
  | 'writes two log lines per resident'
  | 'serves a schema that does not compose'
  | 'leaks a stack trace';

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** What a proof states, read without checking it: what a careless subgraph would take on trust. */
function statementIn(proof: string | undefined): GatewayStatement | null {
  try {
    const claims = JSON.parse(
      Buffer.from(proof?.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    const caller = callerFromClaims(claims);
    const { trace_id: traceId, req: requestId, fsc_tid: transactionId } = claims;
    if (
      !caller ||
      typeof traceId !== 'string' ||
      typeof requestId !== 'string' ||
      typeof transactionId !== 'string'
    ) {
      return null;
    }
    return {
      caller,
      purpose: isDoelbinding(claims.doelbinding) ? claims.doelbinding : null,
      traceId,
      requestId,
      transactionId,
    };
  } catch {
    return null;
  }
}

/** Whether a proof says it is expired or not yet valid (read without checking it). */
function outOfTime(proof: string | string[] | undefined): boolean {
  if (typeof proof !== 'string') return false;
  const { iat, exp } = JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    iat?: number;
    exp?: number;
  };
  const now = Date.now() / 1000;
  return (exp ?? 0) <= now || (iat ?? 0) > now + 1;
}

/**
 * A partner's subgraph with one deliberate fault: our swb behind a hop that holds swb's proof key and
 * so can break exactly one rule, in the answers or in what it passes on.
 */
class FaultyPartner {
  defect: Defect | null = null;

  private constructor(
    private readonly server: Server,
    private readonly target: string,
    private readonly key: ReturnType<typeof proofKey>,
  ) {}

  static async start(target: string, key: Buffer): Promise<FaultyPartner> {
    const server = createServer();
    const partner = new FaultyPartner(server, target, proofKey(key));
    server.on('request', (request, response) => {
      partner.handle(request).then(
        ({ status, body }) => response.writeHead(status, { 'content-type': 'application/json' }).end(body),
        () => response.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return partner;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The headers of a request re-signed by the hop, for the same statement (trace and all). */
  private resigned(body: string, statement: GatewayStatement | null): Record<string, string> {
    if (!statement)
      return signedSubgraphRequest(this.key, 'swb', PERSONAS.trajectbegeleider, 'uitvoering', body).headers;
    return {
      'content-type': 'application/json',
      [FSC_TRANSACTION_HEADER]: statement.transactionId,
      [PROOF_HEADER]: signProof(this.key, 'swb', statement, body),
    };
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; body: string }> {
    const body = await bodyOf(request);
    const proof = request.headers[PROOF_HEADER];
    const statement = statementIn(typeof proof === 'string' ? proof : undefined);
    let headers = Object.fromEntries(
      Object.entries(request.headers).filter(
        (entry): entry is [string, string] =>
          ['content-type', 'traceparent', PROOF_HEADER, FSC_TRANSACTION_HEADER].includes(entry[0]) &&
          typeof entry[1] === 'string',
      ),
    );
    if (this.defect === 'accepts any proof' && request.method === 'POST')
      headers = this.resigned(body, statement);
    if (
      this.defect === 'ignores when a proof was issued and the transaction id it signs' &&
      statement &&
      (outOfTime(proof) || request.headers[FSC_TRANSACTION_HEADER] !== statement.transactionId)
    ) {
      headers = this.resigned(body, statement);
    }
    const url = new URL(request.url ?? '/', this.target).href;
    const method = request.method ?? 'GET';
    if (this.defect === 'writes two log lines per resident' && statement && body.includes('on Inwoner')) {
      await fetch(url, { method, headers: this.resigned(body, statement), body });
    }
    const response = await fetch(url, { method, headers, body: method === 'GET' ? undefined : body });
    const text = await response.text();
    let answer: {
      data?: Record<string, unknown> | null;
      errors?: { extensions?: Record<string, unknown> }[];
    };
    try {
      answer = JSON.parse(text) as typeof answer;
    } catch {
      return { status: response.status, body: text };
    }
    const entities = answer.data?._entities;
    const service = answer.data?._service as { sdl?: string } | undefined;
    switch (this.defect) {
      case 'resolves no Gemeente':
        if (Array.isArray(entities)) {
          answer.data = {
            ...answer.data,
            _entities: entities.map((entity: { __typename?: string } | null) =>
              entity?.__typename === 'Gemeente' ? null : entity,
            ),
          };
        }
        break;
      case 'fails the whole answer on a forbidden field':
        if (answer.errors?.some((error) => error.extensions?.code === 'FORBIDDEN')) answer.data = null;
        break;
      case 'serves a schema that does not compose':
        if (service?.sdl) {
          service.sdl = service.sdl.replace(
            'type Gemeente @key(fields: "code") {\n  code: String!',
            'type Gemeente @key(fields: "code") {\n  code: Int!',
          );
        }
        break;
      case 'leaks a stack trace':
        if (answer.errors?.[0]) {
          answer.errors[0].extensions = {
            ...answer.errors[0].extensions,
            stacktrace: [
              'SyntaxError: Unexpected end of JSON input',
              '    at JSON.parse (<anonymous>)',
              '    at Server.handle (/srv/partner/dist/server.js:41:13)',
            ],
          };
        }
        break;
      default:
    }
    return { status: response.status, body: JSON.stringify(answer) };
  }
}
