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

/**
 * Where the slowest answers spent their time: the requests whose latency (from when they were due) is
 * at or above the run's p99, each split into its parts, and the median of each part over them (ms).
 */
export interface Tail {
  /** Requests in the tail. */
  requests: number;
  /** From when a request was due until its answer, as the latency figures count it. */
  latency: number;
  /** From when it was due until the driver sent it (an open loop's late timer; 0 in a closed loop). */
  waiting: number;
  /** Time some subgraph was serving it. */
  subgraphs: number;
  /** The rest, from its send until its answer: the gateway and the loopback hops. */
  gateway: number;
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
  /** The slowest 1% of the matched requests, split into their parts. */
  tail: Tail;
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
  const parts: Omit<Tail, 'requests'>[] = [];
  for (const [traceId, start, end, due] of traces) {
    const intervals = byTrace.get(traceId);
    if (!intervals) continue;
    const busy = unionLength(intervals, start, end);
    parts.push({
      latency: (end - due) / 1000,
      waiting: (start - due) / 1000,
      subgraphs: busy / 1000,
      gateway: (end - start - busy) / 1000,
    });
  }
  const at = (q: number, of: (part: Omit<Tail, 'requests'>) => number): number => quantile(parts.map(of), q);
  const p99 = at(0.99, (part) => part.latency);
  const slowest = parts.filter((part) => part.latency >= p99);
  const tailMedian = (key: keyof Omit<Tail, 'requests'>): number => median(slowest.map((part) => part[key]));
  return {
    matched: parts.length,
    p50: at(0.5, (part) => part.gateway),
    p95: at(0.95, (part) => part.gateway),
    subgraphP50: at(0.5, (part) => part.subgraphs),
    endToEndP50: at(0.5, (part) => part.subgraphs + part.gateway),
    tail: {
      requests: slowest.length,
      latency: tailMedian('latency'),
      waiting: tailMedian('waiting'),
      subgraphs: tailMedian('subgraphs'),
      gateway: tailMedian('gateway'),
    },
  };
}
