import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { logger } from '../platform/logger';
import type { HubContext } from './context';

interface Entry {
  started: number;
  operation: string | null;
  traceId?: string;
  codes: string[];
}

/** One structured log line per GraphQL request: operation, status, duration, error codes; never a body. */
export function useRequestLog(): GatewayPlugin<HubContext> {
  const entries = new WeakMap<Request, Entry>();
  return {
    onRequest({ request }) {
      entries.set(request, { started: performance.now(), operation: null, codes: [] });
    },
    onParams({ request, params }) {
      const entry = entries.get(request);
      if (entry) entry.operation = params.operationName ?? null;
    },
    onExecutionResult({ request, result, context }) {
      const entry = entries.get(request);
      if (!entry) return;
      entry.traceId = (context as HubContext).traceId;
      for (const single of Array.isArray(result) ? result : [result]) {
        for (const error of (single as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []) {
          const code = error.extensions?.code;
          entry.codes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
        }
      }
    },
    onResponse({ request, response }) {
      const entry = entries.get(request);
      if (!entry) return;
      logger.info(
        {
          service: 'gateway',
          traceId: entry.traceId,
          operation: entry.operation,
          status: response.status,
          ms: Math.round((performance.now() - entry.started) * 10) / 10,
          errors: entry.codes.length > 0 ? entry.codes : undefined,
        },
        'request',
      );
    },
  };
}
