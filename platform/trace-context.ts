import { pooledRandomBytes } from './random';

/*
 * W3C Trace Context ids and headers, shared by the gateway and the subgraphs: kept apart from the
 * request context so that the gateway loads none of the subgraphs' database code.
 */

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function newTraceId(): string {
  return pooledRandomBytes(16).toString('hex');
}

export function newSpanId(): string {
  return pooledRandomBytes(8).toString('hex');
}

/** Trace id and parent span of a W3C `traceparent` header, or null when absent or malformed. */
export function parseTraceparent(
  header: string | undefined,
): { traceId: string; parentSpanId: string } | null {
  const match = header ? TRACEPARENT.exec(header.trim()) : null;
  if (!match?.[1] || !match[2] || /^0+$/.test(match[1]) || /^0+$/.test(match[2])) return null;
  return { traceId: match[1], parentSpanId: match[2] };
}

export function traceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}
