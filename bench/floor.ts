/**
 * `npm run bench:floor`: what one subgraph request costs on this machine before the hub does anything of
 * its own. A server answers a one-entity `_entities` request in three steps of the subgraphs' stack:
 * `http` (Fastify returns a fixed answer), `graphql` (Fastify with Apollo Server and the integration and
 * disabled plugins the subgraphs use, the entity from memory) and `sql` (that, plus one prepared indexed
 * read and one committed insert with `pg`, the shape of a partner's read and log line). Each runs busy
 * (closed loop) and at the rates at which the bench's partners serve, after a busy warm-up so that its
 * code is compiled. Prints a table of the server's and PostgreSQL's CPU time per request, measured from
 * /proc as the bench measures them; the notes in bench/RESULTS.md read the subgraphs' figures beside it.
 */
import { fork } from 'node:child_process';
import { ApolloServer } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import { makeExecutableSchema } from '@graphql-tools/schema';
import fastify from 'fastify';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { dropDatabase, ensureDatabase } from '../platform/database';
import { subgraphApolloDefaults } from '../platform/subgraph-apollo';
import { benchDatabaseUrl } from './options';
import { exitWhenOrphaned } from './orphan';
import { backendCpuBetween, cpuMsOf, cpuMsOfBackends, freePort, killOnExit } from './processes';

const MODES = ['http', 'graphql', 'sql'] as const;
type Mode = (typeof MODES)[number];
const DATABASE = 'keten_floor';
const RESIDENTS = 30_000;
const WARMUP_MS = 3000;
const RUN_MS = 10_000;
const BUSY_CONNECTIONS = 10;
/** Requests per second one partner serves in the bench's `inwoner` runs (the open loop's 50, the closed loop's 80 to 100). */
const RATES = [50, 100];

const TYPE_DEFS = /* GraphQL */ `
  scalar _Any
  type Inwoner {
    bsn: String!
    naam: String
    leeftijd: Int
  }
  union _Entity = Inwoner
  type Query {
    _entities(representations: [_Any!]!): [_Entity]!
  }
`;
const DOCUMENT =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on Inwoner { bsn naam leeftijd } } }';

interface Representation {
  bsn: string;
}

/** `--quick`: runs of a second, to see that it works; `--database NAME`: where its tables go. */
interface FloorOptions {
  warmupMs: number;
  runMs: number;
  database: string;
}

function parseOptions(argv: readonly string[]): FloorOptions {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--database');
  const database = at >= 0 ? (argv[at + 1] ?? '') : DATABASE;
  if (!/^[a-z_][a-z0-9_]*$/.test(database))
    throw new Error(`--database takes a-z, 0-9 and _, got "${database}"`);
  return { warmupMs: quick ? 300 : WARMUP_MS, runMs: quick ? 1000 : RUN_MS, database };
}

/** The resolver of `_entities` in each mode but `http`. */
function entities(
  mode: Mode,
  database: string,
): (representations: Representation[], trace: string) => Promise<(object | null)[]> {
  if (mode !== 'sql')
    return (representations) =>
      Promise.resolve(representations.map((r) => ({ ...r, naam: 'x', leeftijd: 40 })));
  // Connections stay open for the whole run: a backend that ended would take its CPU time with it.
  const pool = new pg.Pool({
    connectionString: benchDatabaseUrl(database),
    max: BUSY_CONNECTIONS,
    idleTimeoutMillis: 0,
  });
  return async (representations, trace) => {
    const bsn = representations[0]?.bsn ?? '';
    const { rows } = await pool.query<Representation>({
      name: 'lees',
      text: 'select bsn, naam, leeftijd from inwoner where bsn = $1',
      values: [bsn],
    });
    await pool.query({
      name: 'log',
      text: 'insert into verwerking (trace_id, bsn, tijdstip) values ($1, $2, $3)',
      values: [trace, bsn, Date.now()],
    });
    return representations.map((r) => rows.find((row) => row.bsn === r.bsn) ?? null);
  };
}

async function serve(mode: Mode, port: number, database: string): Promise<void> {
  const app = fastify({ logger: false });
  if (mode === 'http') {
    app.post('/graphql', () => ({ data: { _entities: [{ bsn: '100000000', naam: 'x', leeftijd: 40 }] } }));
  } else {
    const resolve = entities(mode, database);
    const schema = makeExecutableSchema({
      typeDefs: TYPE_DEFS,
      resolvers: {
        _Entity: { __resolveType: () => 'Inwoner' },
        Query: {
          _entities: (
            _root: unknown,
            args: { representations: Representation[] },
            context: { trace: string },
          ) => resolve(args.representations, context.trace),
        },
      },
    });
    const defaults = subgraphApolloDefaults<{ trace: string }>();
    const server = new ApolloServer<{ trace: string }>({
      ...defaults,
      schema,
      plugins: [...defaults.plugins, fastifyApolloDrainPlugin(app)],
    });
    await server.start();
    app.post(
      '/graphql',
      fastifyApolloHandler(server, { context: () => Promise.resolve({ trace: crypto.randomUUID() }) }),
    );
  }
  await app.listen({ port, host: '127.0.0.1' });
  process.send?.('ready');
}

async function createDatabase(url: string): Promise<void> {
  await dropDatabase(url);
  await ensureDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The log's table with indexes on the columns a partner's log is searched by.
  await client.query(`
    create table inwoner (bsn text primary key, naam text not null, leeftijd int not null);
    insert into inwoner select (100000000 + g)::text, 'naam ' || g, 20 + g % 50 from generate_series(0, ${RESIDENTS - 1}) g;
    create table verwerking (id bigserial primary key, trace_id text not null, bsn text not null, tijdstip bigint not null);
    create index on verwerking (trace_id);
    create index on verwerking (bsn, tijdstip);
    analyze;
  `);
  await client.end();
}

interface Load {
  label: string;
  /** Requests per second, or null for a closed loop. */
  rate: number | null;
}

interface Measured {
  requests: number;
  seconds: number;
  serverCpuMs: number;
  postgresCpuMs: number;
}

/** Sends one-entity requests for random residents, closed loop or at a fixed rate, for `ms`. */
async function drive(http: HttpPool, load: Load, ms: number): Promise<number> {
  let answered = 0;
  const send = async (): Promise<void> => {
    const bsn = String(100_000_000 + Math.floor(Math.random() * RESIDENTS));
    const response = await http.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DOCUMENT, variables: { r: [{ __typename: 'Inwoner', bsn }] } }),
    });
    const text = await response.body.text();
    if (response.statusCode !== 200 || text.includes('"errors"'))
      throw new Error(`floor server answered ${response.statusCode}: ${text}`);
    answered++;
  };
  const end = Date.now() + ms;
  if (load.rate === null) {
    const loop = async (): Promise<void> => {
      while (Date.now() < end) await send();
    };
    await Promise.all(Array.from({ length: BUSY_CONNECTIONS }, loop));
    return answered;
  }
  // Open loop: each request is due at its own time, whether or not the ones before have been answered.
  const start = Date.now();
  const sent: Promise<void>[] = [];
  for (let i = 0; start + (i * 1000) / load.rate < end; i++) {
    const wait = start + (i * 1000) / load.rate - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    sent.push(send());
  }
  await Promise.all(sent);
  return answered;
}

async function measure(
  mode: Mode,
  loads: readonly Load[],
  options: FloorOptions,
): Promise<Map<string, Measured>> {
  const port = await freePort();
  const child = fork(__filename, ['--serve', mode, String(port), options.database], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
  killOnExit(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`floor server (${mode}) exited with ${code}`)));
  });
  const http = new HttpPool(`http://127.0.0.1:${port}`, { connections: BUSY_CONNECTIONS });
  const results = new Map<string, Measured>();
  try {
    const pid = child.pid as number;
    const backends = (): Map<number, number> => cpuMsOfBackends('postgres', [options.database]);
    for (const load of loads) {
      await drive(http, { label: 'warm-up', rate: null }, options.warmupMs);
      const [server0, postgres0, start] = [cpuMsOf(pid), backends(), Date.now()];
      const requests = await drive(http, load, options.runMs);
      results.set(load.label, {
        requests,
        seconds: (Date.now() - start) / 1000,
        serverCpuMs: cpuMsOf(pid) - server0,
        postgresCpuMs: backendCpuBetween(postgres0, backends()),
      });
    }
  } finally {
    await http.close();
    child.kill();
  }
  return results;
}

async function main(options: FloorOptions): Promise<void> {
  const url = benchDatabaseUrl(options.database);
  const loads: Load[] = [
    { label: `closed loop, ${BUSY_CONNECTIONS} connections`, rate: null },
    ...RATES.map((rate) => ({ label: `${rate} req/s`, rate })),
  ];
  await createDatabase(url);
  const rows: string[] = [];
  try {
    for (const mode of MODES) {
      const results = await measure(mode, loads, options);
      for (const [label, m] of results) {
        const perRequest = (ms: number): string => (ms / m.requests).toFixed(2);
        rows.push(
          `| ${mode} | ${label} | ${(m.requests / m.seconds).toFixed(0)} | ${perRequest(m.serverCpuMs)} | ${mode === 'sql' ? perRequest(m.postgresCpuMs) : '–'} |`,
        );
      }
    }
  } finally {
    await dropDatabase(url);
  }
  console.log(
    [
      '| server | load | req/s | server CPU ms per request | PostgreSQL CPU ms per request |',
      '| --- | --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n'),
  );
}

const [flag, mode, port, database] = process.argv.slice(2);
if (flag === '--serve' && MODES.includes(mode as Mode) && database) {
  // As the bench's services do: no server outlives a floor run that was killed.
  exitWhenOrphaned();
  void serve(mode as Mode, Number(port), database);
} else {
  Promise.resolve()
    .then(() => main(parseOptions(process.argv.slice(2))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
