import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { pino } from 'pino';

/**
 * Structured JSON logs, one line per event. Request bodies and variables are never logged, and any
 * 9-digit number in a message is masked, so a BSN cannot reach a log. `LOG_LEVEL` (default `info`;
 * `silent` under jest) sets the level.
 */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
});

export function maskBsn(text: string): string {
  return text.replace(/\b\d{9}\b/g, '[bsn]');
}

/** Logs every request (operation, duration, error codes) and unexpected errors in full, masked. */
export function requestLogPlugin<T extends BaseContext & { traceId?: string }>(
  service: string,
): ApolloServerPlugin<T> {
  return {
    requestDidStart: () => {
      const started = performance.now();
      return Promise.resolve({
        didEncounterErrors: ({ errors, contextValue }) => {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR') {
              logger.error(
                {
                  service,
                  traceId: contextValue.traceId,
                  path: error.path,
                  err: maskBsn(String(error.originalError?.stack ?? error.stack)),
                },
                maskBsn(error.message),
              );
            }
          }
          return Promise.resolve();
        },
        willSendResponse: ({ contextValue, operationName, response, errors }) => {
          logger.info(
            {
              service,
              traceId: contextValue.traceId,
              operation: operationName ?? null,
              status: response.http.status ?? 200,
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.map((error) => error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'request',
          );
          return Promise.resolve();
        },
      });
    },
  };
}
