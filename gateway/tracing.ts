import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { useOpenTelemetry } from '@graphql-hive/plugin-opentelemetry';
import { tracingEnabled } from '../platform/tracing';

/**
 * The engine's own OpenTelemetry plugin, when tracing is on (`startTracing`): a span per GraphQL
 * request (taking over the caller's `traceparent`), its phases, one per subgraph call and its HTTP
 * fetch, whose `traceparent` the subgraph continues. Only GraphQL requests are traced, not probes or
 * the web client's files; the schema's own spans are left out (they would carry the whole supergraph).
 * Documents are recorded as sent; the exporter masks every 9-digit number in them.
 */
export function useTracing<T extends Record<string, unknown>>(graphqlPath: string): GatewayPlugin<T>[] {
  if (!tracingEnabled()) return [];
  return [
    useOpenTelemetry({
      useContextManager: true,
      inheritContext: true,
      propagateContext: true,
      // Flushing is the process's, once, when it stops (`stopTracing`).
      flushOnDispose: false,
      traces: {
        spans: {
          http: ({ request }) => new URL(request.url).pathname === graphqlPath,
          schema: false,
          initialization: false,
        },
      },
    }) as unknown as GatewayPlugin<T>,
  ];
}
