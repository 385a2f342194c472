import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { envPrefix, loadConfig, LOCAL_ISSUER, SUBGRAPH_NAMES } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';
import {
  databaseThrough,
  startDatabaseProxy,
  startHttpRecorder,
  type HttpRecorder,
  type TcpProxy,
} from './support/proxies';

/** A statistic of Werkcentrum: the request reaches the werkcentrum subgraph and its database. */
const WERKCENTRUM = `query Gestart($jaar: Periode!) {
  gemeente(code: "GM0164") { werkcentrum(periode: $jaar) { gestart { waarde onderdrukt } } }
}`;

/** A statistic of SWB, for the gateway's part: the werkcentrum subgraph is stopped by then. */
const SWB = `query TrajectenGestart($jaar: Periode!) {
  gemeente(code: "GM0164") { swb(periode: $jaar) { trajectenGestart { waarde onderdrukt } } }
}`;

/** Whether a new connection to the service's /readyz answers 200; a refused connection is not ready. */
async function ready(graphqlUrl: string): Promise<boolean> {
  const url = new URL('/readyz', graphqlUrl);
  return fetch(url).then(
    (response) => response.ok,
    () => false,
  );
}

/** The proof keys of this test's hub, shared with the gateway it runs as a process of its own. */
const PROOF_KEYS = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_PROOF_KEY`, randomBytes(32).toString('hex')]),
);

interface GatewayProcess {
  child: ChildProcess;
  url: string;
  /** Settles when the gateway has written a log line with this message. */
  logged(message: string): Promise<void>;
  exited: Promise<number | null>;
}

/**
 * `node dist/gateway/main.js` (built first, as `npm start` builds it) in front of the hub's subgraphs,
 * trusting the test issuer and signing with the hub's proof keys.
 */
async function spawnGateway(hub: TestHub, urls: Record<string, string>): Promise<GatewayProcess> {
  const build = spawn(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
    { cwd: PROJECT_ROOT },
  );
  expect(await new Promise((resolve) => build.once('exit', resolve))).toBe(0);
  const dir = await mkdtemp(join(tmpdir(), 'drain-'));
  const jwksFile = join(dir, 'jwks.json');
  await writeFile(jwksFile, JSON.stringify(hub.issuerJwks));
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', 'gateway', 'main.js')], {
    cwd: PROJECT_ROOT,
    env: {
      PATH: process.env.PATH,
      LOG_LEVEL: 'info',
      GATEWAY_PORT: '0',
      AUTH_JWKS_FILE: jwksFile,
      AUTH_ISSUER: LOCAL_ISSUER,
      ...PROOF_KEYS,
      ...Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_URL`, hub.subgraphs[name].url]),
      ),
      ...urls,
    },
  });
  const lines: { msg?: string; port?: number }[] = [];
  const listeners = new Set<() => void>();
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line) as { msg?: string; port?: number });
      } catch {
        // Not a log line.
      }
    }
    listeners.forEach((listener) => listener());
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => rm(dir, { recursive: true, force: true }));
  const logged = (message: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (lines.some((line) => line.msg === message)) {
          listeners.delete(check);
          resolve();
        }
      };
      listeners.add(check);
      void exited.then(() => reject(new Error(`the gateway exited before logging "${message}"`)));
      check();
    });
  await logged('gateway listening');
  const port = lines.find((line) => line.msg === 'gateway listening')?.port;
  return { child, url: `http://127.0.0.1:${port}/graphql`, logged, exited };
}

/** A GraphQL request to a gateway as the analyst, for policy information. */
async function send(url: string, hub: TestHub, document: string): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await hub.token(PERSONAS.analist)}`,
      'x-doelbinding': 'beleidsinformatie',
    },
    body: JSON.stringify({ query: document, variables: { jaar: { jaar: 2024 } } }),
  });
  return { status: response.status, ...((await response.json()) as Omit<GraphQLResponse, 'status'>) };
}

describe('graceful shutdown: a stopping service finishes what it has started', () => {
  let hub: TestHub;
  let hop: HttpRecorder;
  let database: TcpProxy;

  beforeAll(async () => {
    hop = await startHttpRecorder();
    database = await startDatabaseProxy();
    hub = await startTestHub('drain', undefined, {
      routeDatabase: databaseThrough(database, 'werkcentrum'),
      auth: loadConfig(PROOF_KEYS).auth,
    });
    hop.target = hub.subgraphs.swb.url;
  });
  afterAll(async () => {
    await hub?.close();
    await hop?.close();
    await database?.close();
  });

  const statistic = (document = WERKCENTRUM): Promise<GraphQLResponse> =>
    hub.query(document, { jaar: { jaar: 2024 } }, { as: PERSONAS.analist, purpose: 'beleidsinformatie' });

  it('a subgraph stopped mid-request: not ready at once, the request completes, then it closes', async () => {
    const subgraph = hub.subgraphs.werkcentrum;
    // Warm: the subgraph's pool holds a connection, so the held database is what the request waits on.
    expect((await statistic()).errors).toBeUndefined();
    const { sent, release } = database.hold();
    const answer = statistic();
    await sent;
    const closed = subgraph.close();
    expect(await ready(subgraph.url)).toBe(false);
    release();
    const response = await answer;
    expect(response.errors).toBeUndefined();
    expect(response.data?.gemeente?.werkcentrum?.gestart).toEqual({
      waarde: expect.any(Number),
      onderdrukt: expect.any(Boolean),
    });
    await closed;
    // Closed: the gateway now answers that partner's part as unavailable.
    const after = await statistic();
    expect(after.errors?.map((error): unknown => error.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
  });

  it('the gateway process on SIGTERM: not ready at once, the request in flight completes, then it exits 0', async () => {
    const gateway = await spawnGateway(hub, { SWB_URL: hop.url });
    try {
      const release = hop.hold();
      const requested = hop.nextRequest();
      const answer = send(gateway.url, hub, SWB);
      await requested;
      gateway.child.kill('SIGTERM');
      await gateway.logged('stopping: finishing requests in flight');
      expect(await ready(gateway.url)).toBe(false);
      release();
      const response = await answer;
      expect(response.errors).toBeUndefined();
      expect(response.data?.gemeente?.swb?.trajectenGestart).toEqual({
        waarde: expect.any(Number),
        onderdrukt: expect.any(Boolean),
      });
      expect(await gateway.exited).toBe(0);
    } finally {
      gateway.child.kill('SIGKILL');
    }
  });
});
