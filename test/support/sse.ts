/** One event of a GraphQL over SSE stream: `next` with its payload, or `complete`. */
export interface SseEvent {
  event: string;
  data: {
    data?: Record<string, any> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  } | null;
}

/** A subscription as a client holds it: the events so far, the next one, its end. */
export interface SseStream {
  status: number;
  contentType: string;
  /** The answer's body when it was not a stream (a refusal). */
  body: unknown;
  events: SseEvent[];
  /** The next event not taken yet; fails after `deadlineMs` (a broken run) or when the stream ended. */
  next(what: string, deadlineMs?: number): Promise<SseEvent>;
  /** Settles when the server ended the stream (or the client closed it). */
  ended: Promise<void>;
  /** The client goes away. */
  close(): void;
}

/**
 * Subscribes over GraphQL over SSE (distinct connections mode): a POST with `Accept: text/event-stream`,
 * as the web client and the gateway's own transport send it.
 */
export async function subscribeSse(
  url: string,
  body: object,
  headers: Record<string, string>,
): Promise<SseStream> {
  const abort = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify(body),
    signal: abort.signal,
  });
  const contentType = response.headers.get('content-type') ?? '';
  const events: SseEvent[] = [];
  let taken = 0;
  let wake: (() => void) | null = null;
  let done = false;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  if (!contentType.includes('text/event-stream')) {
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: kept as text.
    }
    return {
      status: response.status,
      contentType,
      body: parsed,
      events,
      next: () => Promise.reject(new Error(`no stream: ${response.status} ${text}`)),
      ended: Promise.resolve(),
      close: () => undefined,
    };
  }
  const ended = (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = message.split('\n');
          const event = lines
            .find((line) => line.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (!event && !data) continue; // a heartbeat
          events.push({ event: event ?? 'message', data: data ? JSON.parse(data) : null });
          notify();
        }
      }
    } catch {
      // The client closed it, or the connection broke: the stream has ended either way.
    } finally {
      done = true;
      notify();
    }
  })();
  return {
    status: response.status,
    contentType,
    body: null,
    events,
    async next(what, deadlineMs = 30_000) {
      const deadline = Date.now() + deadlineMs;
      for (;;) {
        const event = events[taken];
        if (event) {
          taken += 1;
          return event;
        }
        if (done) throw new Error(`the stream ended before ${what}`);
        if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 250);
        });
      }
    },
    ended,
    close: () => abort.abort(),
  };
}
