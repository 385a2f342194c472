import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isDatabaseUnavailable } from './database-errors';
import { isKnownCode } from './errors';

export const METRICS_PATH = '/metrics';

/** Seconds; from a cached look-up to a subgraph that waits for its database (pool timeout 10 s). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Codes a partner answers with when it cannot: bounded, and named as such in error counts. */
const UNAVAILABLE_CODES = new Set(['SUBGRAPH_UNAVAILABLE', 'PARTNER_UNAVAILABLE', 'RATE_LIMITED']);

/**
 * The code an error is counted under: a code clients may rely on, else `INTERNAL_SERVER_ERROR`, so a
 * label never takes a value a caller chose.
 */
export function errorCodeLabel(error: unknown): string {
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (isKnownCode(code) || UNAVAILABLE_CODES.has(code as string)) return code as string;
  if (isDatabaseUnavailable(error)) return 'PARTNER_UNAVAILABLE';
  return 'INTERNAL_SERVER_ERROR';
}

/** One service's registry: its own metrics and the process's (CPU, memory, event loop), labelled with the service. */
export function serviceRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `/metrics` on a port of its own (`METRICS_PORT`): Prometheus scrapes it inside the cluster, and
 * the service's own port, which an ingress may publish, does not answer it.
 */
export async function serveMetrics(
  registry: Registry,
  options: { port: number; host?: string },
): Promise<MetricsListener> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== METRICS_PATH) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics failed.\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** More root fields than this in one subgraph operation are counted together. */
const MAX_ROOT_FIELDS_IN_LABEL = 3;

/**
 * A subgraph operation's label: its type and root fields (`query inwoner`, `query _entities`), names the
 * schema bounds, rather than the operation name the gateway passes on from its client.
 */
export function subgraphOperationLabel(operation: OperationDefinitionNode | undefined | null): string {
  if (!operation) return 'unknown';
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
    else fields.add('fragment');
  }
  const names = [...fields].sort();
  return `${operation.operation} ${names.length > MAX_ROOT_FIELDS_IN_LABEL ? 'multiple' : names.join(',')}`;
}

/** The pool of the ORM's query builder (tarn), as far as its metrics need it. */
interface Pool {
  max: number;
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

function poolOf(orm: MikroORM): Pool | undefined {
  const knex = orm.em.getConnection().getKnex() as unknown as { client?: { pool?: Pool } };
  return knex.client?.pool;
}

/**
 * A subgraph's metrics: GraphQL requests and their latency by operation, errors by code, processing-log
 * writes that failed, and its database pool. Labels carry schema names and codes only, never a value
 * of a request.
 */
export class SubgraphMetrics {
  readonly registry: Registry;
  private readonly duration: Histogram<'operation'>;
  private readonly errors: Counter<'code' | 'operation'>;
  private readonly logFailures: Counter;
  private readonly proofRefusals: Counter<'reason'>;

  constructor(service: string, orm: MikroORM) {
    this.registry = serviceRegistry(service);
    const registers = [this.registry];
    this.duration = new Histogram({
      name: 'keten_subgraph_request_duration_seconds',
      help: 'GraphQL requests answered by the subgraph, by operation (type and root fields)',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'keten_subgraph_errors_total',
      help: 'GraphQL errors of the subgraph, by code',
      labelNames: ['code', 'operation'],
      registers,
    });
    this.logFailures = new Counter({
      name: 'keten_processing_log_write_failures_total',
      help: 'Requests whose processing log could not be written (their answer was withheld)',
      registers,
    });
    this.proofRefusals = new Counter({
      name: 'keten_subgraph_proof_refusals_total',
      help: "Requests refused before GraphQL for the gateway's proof: none sent (missing), or not valid for this subgraph, body and moment, or used before (refused)",
      labelNames: ['reason'],
      registers,
    });
    new Gauge({
      name: 'keten_database_pool_connections',
      help: 'Connections of the database pool: used, free, and requests waiting for one (pending)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = poolOf(orm);
        this.set({ state: 'used' }, pool?.numUsed() ?? 0);
        this.set({ state: 'free' }, pool?.numFree() ?? 0);
        this.set({ state: 'pending' }, (pool?.numPendingAcquires() ?? 0) + (pool?.numPendingCreates() ?? 0));
      },
    });
    new Gauge({
      name: 'keten_database_pool_max_connections',
      help: 'Largest number of connections the database pool opens',
      registers,
      collect() {
        this.set(poolOf(orm)?.max ?? 0);
      },
    });
    new Gauge({
      name: 'keten_signalen_onbestelbaar',
      help:
        'Events of the signal stream that a consumer of this partner could not handle and recorded as dead ' +
        'letters (table onbestelbare_gebeurtenis), by consumer and reason; counted in the database, so ' +
        'every replica reports them and a restart does not reset them',
      labelNames: ['consument', 'reden'],
      registers,
      async collect() {
        let rows: { consument: string; reden: string; n: string }[];
        try {
          // No value to bind; straight through knex, since runSql's module would load the ORM into
          // the gateway, which imports this module for its own metrics.
          const result = await orm.em
            .getKnex()
            .raw<{ rows: typeof rows }>(
              `select consument, reden, count(*) as n from onbestelbare_gebeurtenis group by 1, 2`,
            );
          rows = result.rows;
        } catch {
          // A database that cannot answer is counted by the pool's gauges, not here.
          return;
        }
        this.reset();
        for (const row of rows) this.set({ consument: row.consument, reden: row.reden }, Number(row.n));
      },
    });
  }

  /** Counts one request refused for its proof: without one, or with one that is not honoured. */
  readonly proofRefused = (reason: 'missing' | 'refused'): void => {
    this.proofRefusals.inc({ reason });
  };

  /** Counts one request whose processing log was not written. */
  readonly logWriteFailed = (): void => {
    this.logFailures.inc();
  };

  /**
   * Apollo plugin: times each request and counts its errors. It wraps the plugin that writes the
   * processing log, so the time includes that write and the count sees the answer it may withhold.
   */
  plugin<TContext extends BaseContext>(inner: ApolloServerPlugin<TContext>): ApolloServerPlugin<TContext> {
    const { duration, errors } = this;
    return {
      ...inner,
      async requestDidStart(requestContext) {
        const started = performance.now();
        let operation = 'unknown';
        const listener = (await inner.requestDidStart?.(requestContext)) ?? {};
        return {
          ...listener,
          async didResolveOperation(context) {
            operation = subgraphOperationLabel(context.operation);
            await listener.didResolveOperation?.(context);
          },
          async didEncounterErrors(context) {
            for (const error of context.errors) errors.inc({ code: errorCodeLabel(error), operation });
            await listener.didEncounterErrors?.(context);
          },
          async willSendResponse(context) {
            try {
              await listener.willSendResponse?.(context);
            } finally {
              const { response } = context;
              // An answer withheld after execution: the processing log was not written (fail closed).
              if (response.http.status === 503 && response.body.kind === 'single') {
                for (const error of response.body.singleResult.errors ?? []) {
                  const code = error.extensions?.code;
                  if (code === 'PROCESSING_LOG_UNAVAILABLE' || code === 'PARTNER_UNAVAILABLE') {
                    errors.inc({ code, operation });
                  }
                }
              }
              duration.observe({ operation }, (performance.now() - started) / 1000);
            }
          },
        };
      },
    };
  }
}
