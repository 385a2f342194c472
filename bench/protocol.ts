import type { Doelbinding, Caller } from '../platform/auth/principals';

/** How requests arrive: a fixed number of connections each sending the next request when the last one answered, or a fixed arrival rate. */
export type LoadShape =
  { kind: 'closed'; connections: number } | { kind: 'open'; rate: number; maxConnections: number };

/** Who sends a request, as the gateway under test expects it. */
export interface Identity {
  /** Headers of each request of this identity: for our gateway the bearer token and the purpose. */
  headers: Record<string, string>;
  /**
   * For a peer gateway: the caller and purpose, which the driver states in `x-bench-statement` and the
   * peer signs into each subgraph request's proof (see `peer-proofs.ts`).
   */
  statement: { caller: Caller; purpose: Doelbinding | null } | null;
}

/** What one request may be: its variables and who sends it. */
export interface Draw {
  variables: Record<string, unknown>;
  identity: number;
}

/** One measured run of the driver against one gateway. */
export interface LoadJob {
  url: string;
  document: string;
  identities: Identity[];
  /** Each request takes one at random. */
  draws: Draw[];
  shape: LoadShape;
  warmupMs: number;
  durationMs: number;
}

/**
 * A request's trace id with its send and answer times on the machine's monotonic clock, in µs, and
 * when it was due: in an open loop its place in the schedule, in a closed loop its send.
 */
export type RequestTrace = [traceId: string, startUs: number, endUs: number, dueUs: number];

export interface LoadResult {
  requests: number;
  errors: number;
  /** A few distinct error answers, shortened. */
  errorSamples: string[];
  /** Length of the measured window, from its start until the last answer. */
  elapsedMs: number;
  /**
   * Latency of each request in ms: from its send in a closed loop; in an open loop from when it was due,
   * so that any wait counts too.
   */
  latenciesMs: number[];
  traces: RequestTrace[];
}

/** Messages from the bench to the driver. */
export type ToDriver = { type: 'run'; job: LoadJob } | { type: 'measure' } | { type: 'exit' };

/** Messages from the driver to the bench: warm (warm-up done, nothing in flight), then the result. */
export type FromDriver =
  { type: 'warm' } | { type: 'result'; result: LoadResult } | { type: 'failed'; error: string };

/** How long an open loop waits for answers after its last request was due, before it aborts the rest. */
export function openLoopGraceMs(durationMs: number): number {
  return Math.min(Math.max(durationMs, 5000), 10_000);
}
