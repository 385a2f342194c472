/*
 * Which errors mean that a database does not answer: shared by the subgraphs and the gateway's metrics,
 * kept apart from the database bootstrap so that the gateway loads no ORM.
 */

/** SQLSTATE classes and codes of a server that cannot be reached or is going away. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[1-3]|53300)$/;
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
]);

/**
 * True when an error (or what it wraps) says the database does not answer: no connection, a
 * connection lost, the server shutting down, or no connection free in time. Such a request fails with
 * a named error, and the pool connects afresh on a later request when the server is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    const { code, name, message } = cause as { code?: unknown; name?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSTEM_CODES.has(code)))
      return true;
    if (name === 'KnexTimeoutError' || name === 'ConnectionException') return true;
    if (typeof message === 'string' && /Connection terminated|connect ECONNREFUSED/.test(message))
      return true;
    cause =
      (cause as { originalError?: unknown }).originalError ??
      (cause as { previous?: unknown }).previous ??
      (cause as { cause?: unknown }).cause;
  }
  return false;
}
