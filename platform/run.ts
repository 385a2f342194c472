import 'reflect-metadata';
import { subscribe } from 'node:diagnostics_channel';
import { createServer, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { loadConfig } from './config';
import { onSqlStatement, subgraphDatabase } from './database';
import { logger } from './logger';
import type { RunningHttpService } from './service';
import { standaloneSubgraphKeys } from './auth/setup';
import { startSubgraph, type RunningSubgraph, type SubgraphModule } from './subgraph';

/** Stops the service on SIGINT/SIGTERM, so a container or Ctrl-C shuts down cleanly. */
export function stopOnSignal(service: Pick<RunningHttpService, 'close'>): void {
  const stop = (): void => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Bounds the memory of request times that nobody collects. */
const MAX_SERVED = 1_000_000;

/**
 * Benchmark instrumentation (BENCH_METRICS_PORT, off by default): counts the SQL statements of the
 * subgraph and times each GraphQL request on the machine's monotonic clock, in microseconds, which
 * every process on the machine shares, so the bench can lay them beside its own end-to-end times.
 * Each read of `/debug/metrics` hands over the request times collected since the previous read.
 */
function serveBenchMetrics(running: RunningSubgraph, port: number): Promise<void> {
  let sqlStatements = 0;
  /** Statements by their first keyword (select, insert, begin, commit, ...). */
  const sqlByKeyword: Record<string, number> = {};
  let requests = 0;
  /** TCP connections the gateway opened to this subgraph: whether its HTTP client keeps them alive. */
  let connections = 0;
  const sockets = new WeakSet<Socket>();
  let served: [traceId: string | null, startUs: number, endUs: number][] = [];
  const started = new WeakMap<IncomingMessage, number>();
  const now = (): number => Number(process.hrtime.bigint() / 1000n);
  onSqlStatement(running.orm, (sql) => {
    sqlStatements += 1;
    const keyword = /^\s*([a-z]+)/i.exec(sql)?.[1]?.toLowerCase() ?? 'other';
    sqlByKeyword[keyword] = (sqlByKeyword[keyword] ?? 0) + 1;
  });
  // Node's own HTTP events: the subgraph's server needs no change to be timed.
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    if (!request.url?.startsWith('/graphql')) return;
    started.set(request, now());
    if (!sockets.has(socket)) {
      sockets.add(socket);
      connections += 1;
    }
  });
  subscribe('http.server.response.finish', (message) => {
    const { request } = message as { request: IncomingMessage };
    const start = started.get(request);
    if (start === undefined) return;
    requests += 1;
    const header = request.headers.traceparent;
    const traceId = typeof header === 'string' ? (/^00-([0-9a-f]{32})-/.exec(header)?.[1] ?? null) : null;
    if (served.length < MAX_SERVED) served.push([traceId, start, now()]);
  });
  const server = createServer((req, res) => {
    if (req.url !== '/debug/metrics') {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.stringify({
      subgraph: running.name,
      sqlStatements,
      sqlByKeyword,
      requests,
      connections,
      served,
    });
    served = [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
}

/** Entry point of one subgraph as its own process (a container, a partner's own data centre). */
export function runSubgraph(module: SubgraphModule): void {
  const config = loadConfig();
  standaloneSubgraphKeys(config.auth, module.name)
    .then(async (keys) =>
      startSubgraph(module, {
        port: config.subgraphs[module.name].port,
        database: await subgraphDatabase(config, module.name),
        keys,
      }),
    )
    .then(async (running) => {
      if (config.benchMetricsPort !== null) await serveBenchMetrics(running, config.benchMetricsPort);
      return running;
    })
    .then(
      (running) => {
        logger.info({ service: module.name, port: running.port }, 'subgraph listening');
        stopOnSignal(running);
      },
      (error: unknown) => {
        logger.fatal({ service: module.name, err: error }, 'subgraph failed to start');
        process.exit(1);
      },
    );
}
