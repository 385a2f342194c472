import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import usePrometheus, { createCounter, createHistogram } from '@graphql-mesh/plugin-prometheus';
import type { Logger } from '@graphql-hive/logger';
import { getOperationAST, type DocumentNode } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { errorCodeLabel, LATENCY_BUCKETS, METRICS_PATH, serviceRegistry } from '../platform/metrics';
import type { HubContext } from './context';
import { PARTNER_CODES } from './errors';
import type { CallerRateLimiter } from './rate-limits';
import { refusalCode } from './responses';

/** Operations without a name, and named operations that are not registered, are counted together. */
export const ANONYMOUS = 'anonymous';
export const OTHER = 'other';
/** A request refused before its document was read. */
export const UNKNOWN = 'unknown';

export interface GatewayMetricsOptions {
  /** Names of the registered (trusted) operations: the only operation names a label takes. */
  operations: Iterable<string>;
  /** The subgraphs' names: the only partner names a label takes. */
  subgraphs: Iterable<string>;
  /** Serve `/metrics` on the gateway's own port (else the caller serves `registry` elsewhere). */
  servedOnPort: boolean;
  log: Logger;
}

/**
 * The gateway's metrics, on Hive's Prometheus plugin (which times the HTTP request, the execution and
 * each subgraph call): requests and latency by operation, subgraph calls and latency by subgraph,
 * errors by code, rate-limit refusals. Every label value comes from a bounded set: a registered
 * operation's name (or `anonymous`/`other`), a subgraph's name, an error code; never a variable, a
 * caller or a path, so a hostile document cannot multiply the series.
 */
export class GatewayMetrics {
  readonly registry: Registry;
  private readonly operations: Set<string>;
  private readonly subgraphs: Set<string>;
  private readonly errors: Counter<'code' | 'operation' | 'phase' | 'subgraph'>;
  private readonly refusals: Counter<'limit'>;

  constructor(private readonly options: GatewayMetricsOptions) {
    this.registry = serviceRegistry('gateway');
    this.operations = new Set(options.operations);
    this.subgraphs = new Set(options.subgraphs);
    this.errors = new Counter({
      name: 'keten_gateway_errors_total',
      help: 'Errors answered by the gateway, by code, operation, phase and (for a partner that could not answer) subgraph',
      labelNames: ['code', 'operation', 'phase', 'subgraph'],
      registers: [this.registry],
    });
    this.refusals = new Counter({
      name: 'keten_gateway_rate_limit_refusals_total',
      help: 'Requests refused with 429 because a caller was over a limit, by limit',
      labelNames: ['limit'],
      registers: [this.registry],
    });
  }

  /** The label of an operation name. */
  operation(name: string | null | undefined): string {
    if (!name) return ANONYMOUS;
    return this.operations.has(name) ? name : OTHER;
  }

  /** The label of the subgraph a partner error names. */
  private subgraph(error: unknown): string {
    // No error at all in the validation phase: the plugin hands over the phase only.
    const extensions = (error as { extensions?: { code?: unknown; serviceName?: unknown } } | undefined)
      ?.extensions;
    const name = extensions?.serviceName;
    if (!PARTNER_CODES.has(extensions?.code as string) || typeof name !== 'string') return '';
    return this.subgraphs.has(name) ? name : OTHER;
  }

  /** The same limiter, counting the requests it refuses. */
  countRefusals(limiter: CallerRateLimiter): CallerRateLimiter {
    return {
      ...limiter,
      admit: async (principal) => {
        const verdict = await limiter.admit(principal);
        if (!verdict.admitted) this.refusals.inc({ limit: verdict.limit });
        return verdict;
      },
    };
  }

  /** The engine's Prometheus plugin with bounded labels, and the count of requests refused before parsing. */
  plugins(): GatewayPlugin<HubContext>[] {
    const { registry } = this;
    const operationOf = (params: { operationName?: string; document?: unknown }): string =>
      // The envelop plugin names an unnamed operation 'Anonymous'.
      params.operationName === 'Anonymous' ? ANONYMOUS : this.operation(params.operationName);
    // The client's operation of each execution, for the calls it makes to the subgraphs.
    const operations = new WeakMap<object, string>();
    const clientOperation = (context: unknown): string =>
      (typeof context === 'object' && context && operations.get(context)) || UNKNOWN;
    const subgraphOf = (name: string): string => (this.subgraphs.has(name) ? name : OTHER);
    const errors = this.errors;
    const prometheus = usePrometheus({
      registry,
      log: this.options.log,
      endpoint: this.options.servedOnPort ? METRICS_PATH : false,
      metrics: {
        graphql_yoga_http_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_yoga_http_duration',
            help: 'GraphQL requests over HTTP and their time, by operation and status',
            labelNames: ['operationName', 'operationType', 'statusCode'],
            buckets: LATENCY_BUCKETS,
          },
          fillLabelsFn: (params, { response }: { response: Response }) => ({
            operationName: operationOf(params),
            operationType: params.operationType ?? 'unknown',
            statusCode: response.status,
          }),
        }),
        graphql_envelop_request: createCounter({
          registry,
          counter: {
            name: 'graphql_envelop_request',
            help: 'GraphQL operations executed, by operation',
            labelNames: ['operationName', 'operationType'],
          },
          fillLabelsFn: (params) => ({
            operationName: operationOf(params),
            operationType: params.operationType ?? 'unknown',
          }),
        }),
        graphql_envelop_request_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_envelop_request_duration',
            help: 'Time of a GraphQL operation from parse to the end of execution, by operation',
            labelNames: ['operationName', 'operationType'],
            buckets: LATENCY_BUCKETS,
          },
          fillLabelsFn: (params) => ({
            operationName: operationOf(params),
            operationType: params.operationType ?? 'unknown',
          }),
        }),
        // Errors by code: the same counter as the refusals before parsing below.
        graphql_envelop_error_result: {
          counter: errors,
          fillLabelsFn: (params) => ({
            code:
              params.errorPhase === 'parse'
                ? 'GRAPHQL_PARSE_FAILED'
                : params.errorPhase === 'validate'
                  ? 'GRAPHQL_VALIDATION_FAILED'
                  : errorCodeLabel(params.error),
            operation: params.errorPhase === 'parse' ? ANONYMOUS : operationOf(params),
            phase: params.errorPhase ?? 'execute',
            subgraph: this.subgraph(params.error),
          }),
        },
        graphql_gateway_subgraph_execute_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_gateway_subgraph_execute_duration',
            help: 'Calls of the gateway to a subgraph and their time, by subgraph and client operation',
            labelNames: ['subgraphName', 'operationName'],
            buckets: LATENCY_BUCKETS,
          },
          fillLabelsFn: ({ subgraphName, executionRequest }) => ({
            subgraphName: subgraphOf(subgraphName),
            operationName: clientOperation(executionRequest.context),
          }),
        }),
        graphql_gateway_subgraph_execute_errors: createCounter({
          registry,
          counter: {
            name: 'graphql_gateway_subgraph_execute_errors',
            help: 'Errors in the answers of subgraphs, by subgraph and client operation',
            labelNames: ['subgraphName', 'operationName'],
          },
          fillLabelsFn: ({ subgraphName, executionRequest }) => ({
            subgraphName: subgraphOf(subgraphName),
            operationName: clientOperation(executionRequest.context),
          }),
        }),
        graphql_envelop_schema_change: true,
        // Off: a summary cannot be added up across replicas, the fetch histogram labels by URL, and
        // the phases and deprecated fields add series nobody watches here.
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_execute_resolver: false,
        graphql_gateway_fetch_duration: false,
      },
    });
    const { servedOnPort } = this.options;
    const nameOperation = (args: {
      document: unknown;
      operationName?: string | null;
      contextValue: unknown;
    }): void => {
      const { document, operationName } = args as { document: DocumentNode; operationName?: string | null };
      const operation = getOperationAST(document, operationName);
      operations.set(args.contextValue as object, this.operation(operation?.name?.value));
    };
    const own: GatewayPlugin<HubContext> = {
      onRequest(payload) {
        // Served on a port of its own: here it is not a page of the web client either.
        if (!servedOnPort && payload.url.pathname === METRICS_PATH) {
          payload.endResponse(new payload.fetchAPI.Response('Not found.', { status: 404 }));
        }
      },
      onExecute: ({ args }) => nameOperation(args),
      // A subscription is subscribed, not executed: its errors are counted under its name too.
      onSubscribe: ({ args }) => nameOperation(args),
      // A request the gateway refused before parsing (no token, over its limit, not POST): by its code.
      onResponse({ response }) {
        const code = refusalCode(response);
        if (code) errors.inc({ code, operation: UNKNOWN, phase: 'request', subgraph: '' });
      },
    };
    return [prometheus as GatewayPlugin<HubContext>, own];
  }
}
