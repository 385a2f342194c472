import type { RequestTrace } from './protocol';

/** The q-quantile (0..1) of values, nearest rank; NaN when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return Number.NaN;
  const sorted = [...finite].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
}

/** Total length of the union of intervals, clipped to [from, to]: time during which any of them ran. */
export function unionLength(
  intervals: readonly (readonly [number, number])[],
  from: number,
  to: number,
): number {
  const clipped = intervals
    .map(([start, end]) => [Math.max(start, from), Math.min(end, to)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  let total = 0;
  let currentStart = Number.NaN;
  let currentEnd = Number.NaN;
  for (const [start, end] of clipped) {
    if (Number.isNaN(currentEnd) || start > currentEnd) {
      if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
      currentStart = start;
      currentEnd = end;
    } else currentEnd = Math.max(currentEnd, end);
  }
  if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
  return total;
}

export interface Overhead {
  /** Requests with at least one subgraph request seen under their trace id. */
  matched: number;
  /** End-to-end time minus the time some subgraph was serving the request (ms). */
  p50: number;
  p95: number;
  /** Time some subgraph was serving the request (ms): the fetches on the critical path. */
  subgraphP50: number;
  endToEndP50: number;
}

/**
 * The gateway's overhead per request: its end-to-end time at the driver minus the union of the
 * intervals in which any subgraph was serving a request of the same trace. Overlapping fetches count
 * once, so what remains is time on the critical path with no subgraph at work: the gateway (parsing,
 * planning, its HTTP client, merging) and the loopback hops.
 */
export function gatewayOverhead(
  traces: readonly RequestTrace[],
  served: Iterable<readonly [traceId: string | null, startUs: number, endUs: number]>,
): Overhead {
  const byTrace = new Map<string, [number, number][]>();
  for (const [traceId, start, end] of served) {
    if (!traceId) continue;
    const list = byTrace.get(traceId);
    if (list) list.push([start, end]);
    else byTrace.set(traceId, [[start, end]]);
  }
  const overheads: number[] = [];
  const subgraph: number[] = [];
  const endToEnd: number[] = [];
  for (const [traceId, start, end] of traces) {
    const intervals = byTrace.get(traceId);
    if (!intervals) continue;
    const busy = unionLength(intervals, start, end);
    overheads.push((end - start - busy) / 1000);
    subgraph.push(busy / 1000);
    endToEnd.push((end - start) / 1000);
  }
  return {
    matched: overheads.length,
    p50: quantile(overheads, 0.5),
    p95: quantile(overheads, 0.95),
    subgraphP50: quantile(subgraph, 0.5),
    endToEndP50: quantile(endToEnd, 0.5),
  };
}
