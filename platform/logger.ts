import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { pino } from 'pino';

/** Any 9-digit number stands for a possible BSN. */
const NINE_DIGITS = /\b\d{9}\b/g;

export function maskBsn(text: string): string {
  return text.replace(NINE_DIGITS, '[bsn]');
}

/** A copy of a log record with every string masked, however deeply nested. */
function maskRecord(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskBsn(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskRecord(item, depth + 1));
  if (value instanceof Error) {
    return { type: value.name, message: maskBsn(value.message), stack: maskBsn(value.stack ?? '') };
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskRecord(item, depth + 1)]));
}

/**
 * Structured JSON logs, one line per event, for every service and for the libraries they run (the
 * gateway engine writes through it too). Request bodies and variables are never logged, and every
 * 9-digit number in a message or attribute is masked here, in the logger itself, so a BSN cannot reach
 * a log line whoever writes it. `LOG_LEVEL` (default `info`; `silent` under jest) sets the level.
 */
/**
 * Lines are written in batches of 4 KB, off the request's path (a write per line cost every request a
 * system call), and at least every second; pino writes what is left when the process exits. A process
 * that is killed outright loses at most its last second of lines.
 */
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });

/** Where lines go instead of the output while a test captures them (see `captureLogs`). */
let capture: ((line: string) => void) | null = null;

export const logger = pino(
  {
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { log: (record) => maskRecord(record) as Record<string, unknown> },
    hooks: {
      streamWrite(line) {
        if (!capture) return line;
        capture(line);
        return '';
      },
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskBsn(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  },
  destination,
);
// A line waits at most a second for the buffer to fill.
setInterval(() => destination.flush(), 1000).unref();

/**
 * For tests: the lines of every service in this process, from `level` up, parsed, in place of the
 * output, until `stop()`. A test asserts on what an operator would read.
 */
export function captureLogs(level: pino.Level = 'info'): { lines: Record<string, unknown>[]; stop(): void } {
  const previous = logger.level;
  const lines: Record<string, unknown>[] = [];
  capture = (line) => lines.push(JSON.parse(line) as Record<string, unknown>);
  logger.level = level;
  return {
    lines,
    stop() {
      capture = null;
      logger.level = previous;
    },
  };
}

/** Logs every request (operation, duration, error codes) and unexpected errors in full, masked. */
export function requestLogPlugin<T extends BaseContext & { traceId?: string; transactionId?: string }>(
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
                  fscTransactionId: contextValue.transactionId,
                  path: error.path,
                  err: String(error.originalError?.stack ?? error.stack),
                },
                error.message,
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
              fscTransactionId: contextValue.transactionId,
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
