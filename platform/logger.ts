import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { pino } from 'pino';

/** Any 9-digit number stands for a possible BSN. */
const NINE_DIGITS = /\b\d{9}\b/g;

export function maskBsn(text: string): string {
  return text.replace(NINE_DIGITS, '[bsn]');
}

/** A number that prints as nine digits is as much a possible BSN as nine digits in a text. */
export function maskNumber(value: number): number | string {
  return Number.isInteger(value) && value >= 100_000_000 && value <= 999_999_999 ? '[bsn]' : value;
}

/** Nesting below this is not walked: it is left out of the line rather than written unmasked. */
const MAX_MASK_DEPTH = 8;

/** A copy of a log record with every string, number and key masked, however deeply nested. */
function maskRecord(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskBsn(value);
  if (typeof value === 'number') return maskNumber(value);
  if (value === null || typeof value !== 'object') return value;
  // As JSON writes it; its own fields (none) would make it `{}`.
  if (value instanceof Date) return value.toISOString();
  if (depth > MAX_MASK_DEPTH) return '[nested too deep]';
  if (Array.isArray(value)) return value.map((item) => maskRecord(item, depth + 1));
  if (value instanceof Error) {
    // Its type, message and stack with those of its causes, and its own fields (a code, say).
    const { raw: _raw, ...serialized } = pino.stdSerializers.err(value);
    return maskRecord(serialized, depth);
  }
  const masked: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) masked[maskBsn(key)] = maskRecord(item, depth + 1);
  return masked;
}

/**
 * Structured JSON logs, one line per event, for every service and for the libraries they run (the
 * gateway engine writes through it too). Request bodies and variables are never logged, and every
 * 9-digit number in a message, an attribute (a number too), a key or an error is masked here, in the
 * logger itself, so a BSN cannot reach a log line whoever writes it. `LOG_LEVEL` (default `info`;
 * `silent` under jest) sets the level.
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
    // Errors are serialised while they are masked: pino's own `err` serialiser, after the mask, would
    // take the masked copy for an error of type Object.
    serializers: { err: (error: unknown) => error },
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
