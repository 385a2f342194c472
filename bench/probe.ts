/**
 * The bench's probe, preloaded into every process the bench starts (`node --require
 * dist/bench/probe.js <script>`), so the services need no code of the bench:
 *
 * - every process exits when the bench that started it has gone (see orphan.ts);
 * - with `BENCH_PROBE_PORT` (the subgraphs), it counts the SQL statements the process sends through
 *   `pg` and the GraphQL requests it receives, and times each request with its trace id on the
 *   machine's monotonic clock (Node's own HTTP events), and serves them on `127.0.0.1:<port>`.
 */
import { subscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage } from 'node:http';
import Module from 'node:module';
import type { Socket } from 'node:net';
import { exitWhenOrphaned } from './orphan';

/** What a probe serves at `/debug/metrics`; counters grow over the process's life. */
export interface ProbeMetrics {
  sqlStatements: number;
  /** Statements by their first keyword (select, insert, begin, commit, ...). */
  sqlByKeyword: Record<string, number>;
  /** GraphQL requests received, counted when they arrive. */
  requests: number;
  /** GraphQL requests answered (their response finished). */
  answered: number;
  /** TCP connections that carried GraphQL requests: whether the caller's HTTP client keeps them alive. */
  connections: number;
  /**
   * Each answered request since the previous read: its trace id, when it arrived and when its answer
   * finished (µs, monotonic clock, which every process on the machine shares). Each read hands them over.
   */
  served: [traceId: string | null, startUs: number, endUs: number][];
}

/** Bounds the memory of request times that nobody collects. */
const MAX_SERVED = 1_000_000;

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

type Query = (this: unknown, ...args: unknown[]) => unknown;

function sqlText(query: unknown): string {
  if (typeof query === 'string') return query;
  const text = (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' ? text : '';
}

/**
 * Counts every statement any copy of `pg` in the process sends: each copy's `Client.prototype.query`
 * is wrapped when the copy is first required (knex, and so MikroORM, queries through it).
 */
function countSqlStatements(metrics: ProbeMetrics): void {
  const wrapped = new WeakSet<object>();
  const wrap = (exported: unknown): void => {
    const prototype = (exported as { Client?: { prototype?: { query?: unknown } } } | null)?.Client
      ?.prototype;
    if (!prototype || typeof prototype.query !== 'function' || wrapped.has(prototype)) return;
    wrapped.add(prototype);
    const original = prototype.query as Query;
    prototype.query = function query(this: unknown, ...args: unknown[]): unknown {
      metrics.sqlStatements += 1;
      const keyword = /^\s*([a-z]+)/i.exec(sqlText(args[0]))?.[1]?.toLowerCase() ?? 'other';
      metrics.sqlByKeyword[keyword] = (metrics.sqlByKeyword[keyword] ?? 0) + 1;
      return original.apply(this, args);
    };
  };
  const loader = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
  };
  const load = loader._load;
  loader._load = function loadAndWrap(request: string, parent: unknown, isMain: boolean): unknown {
    const exported = load.call(this, request, parent, isMain);
    if (request === 'pg') wrap(exported);
    return exported;
  };
}

/** Times the GraphQL requests from Node's HTTP events: the server needs no change to be timed. */
function timeRequests(metrics: ProbeMetrics): void {
  const started = new WeakMap<IncomingMessage, number>();
  const sockets = new WeakSet<Socket>();
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (!request.url?.startsWith('/graphql')) return;
    started.set(request, nowUs());
    metrics.requests += 1;
    if (!sockets.has(socket)) {
      sockets.add(socket);
      metrics.connections += 1;
    }
  });
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const start = started.get(request);
    if (start === undefined) return;
    metrics.answered += 1;
    const header = request.headers.traceparent;
    const traceId = typeof header === 'string' ? (/^00-([0-9a-f]{32})-/.exec(header)?.[1] ?? null) : null;
    if (metrics.served.length < MAX_SERVED) metrics.served.push([traceId, start, nowUs()]);
  });
}

function serve(metrics: ProbeMetrics, port: number): void {
  const server = createServer((request, response) => {
    if (request.url !== '/debug/metrics') {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.stringify(metrics);
    metrics.served = [];
    response.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  server.on('error', (error) => {
    console.error(`bench probe: cannot serve on port ${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, '127.0.0.1');
  // The probe's listener does not keep the service alive, nor delay its clean exit.
  server.unref();
}

function startProbe(): void {
  exitWhenOrphaned();
  const port = Number(process.env.BENCH_PROBE_PORT);
  if (!Number.isInteger(port) || port <= 0) return;
  const metrics: ProbeMetrics = {
    sqlStatements: 0,
    sqlByKeyword: {},
    requests: 0,
    answered: 0,
    connections: 0,
    served: [],
  };
  countSqlStatements(metrics);
  timeRequests(metrics);
  serve(metrics, port);
}

startProbe();
