/** A service listening on a port: the gateway or a subgraph. */
export interface RunningHttpService {
  /** Its GraphQL endpoint. */
  url: string;
  port: number;
  /**
   * Drains: stops taking connections and answers `/readyz` with 503, lets requests in flight finish
   * (until `SHUTDOWN_DEADLINE_MS`), then releases what the service holds.
   */
  close(): Promise<void>;
}

/**
 * Settles when `work` does or after `deadlineMs`, whichever is first; `onDeadline` runs in the latter
 * case (to cut what is still open).
 */
export async function withinDeadline(
  work: Promise<unknown>,
  deadlineMs: number,
  onDeadline: () => void,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onDeadline();
      resolve();
    }, deadlineMs);
    timer.unref();
  });
  try {
    await Promise.race([work.then(() => undefined), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Largest request body a service accepts; GraphQL documents of real clients are far smaller. */
export const MAX_BODY_BYTES = 1_000_000;

/**
 * How long a client may take to send a request: its headers, and the whole of it (at most 1 MB). A
 * client that trickles bytes holds a connection and a socket; one that takes longer is answered 408
 * and its connection closed. Node's defaults are 60 s and 5 minutes; a response (a stream too) is not
 * bounded by these.
 */
export interface SlowClientLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export const SLOW_CLIENT_LIMITS: SlowClientLimits = { headersTimeoutMs: 20_000, requestTimeoutMs: 30_000 };

/**
 * The longest a subscription stream runs, whatever the token says: the proof that opened it was valid
 * for seconds, so the stream is bounded; the client subscribes again (with a fresh proof) when it ends.
 * The gateway and the subgraphs both end a stream then.
 */
export const MAX_STREAM_MS = 60 * 60_000;
