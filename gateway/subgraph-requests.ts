import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { traceparent } from '../platform/trace-context';
import { FSC_TRANSACTION_HEADER, newTransactionId } from '../platform/fsc';
import { logger } from '../platform/logger';
import { activeTraceparent } from '../platform/tracing';
import type { HubContext } from './context';
import { verifiedRequest } from './context';
import type { SubgraphClient } from './upstream';

/** One request to a subgraph, as the gateway is about to send it. */
export interface SubgraphRequest {
  subgraph: string;
  context: HubContext;
  /** The exact body that goes out. */
  body: string;
  /** The FSC transaction id of this one request (UUIDv7). */
  transactionId: string;
}

/** Headers of one subgraph request that the gateway vouches for. */
export type SubgraphHeaders = (request: SubgraphRequest) => Record<string, string>;

/** The codes a subgraph answers with that the gateway passes on by the partner's name. */
const NAMED_CODES = new Set(['PROCESSING_LOG_UNAVAILABLE', 'PARTNER_UNAVAILABLE']);

function unavailable(subgraph: string, code: string): string {
  const message =
    code === 'PROCESSING_LOG_UNAVAILABLE'
      ? `Subgraph ${subgraph} could not write its processing log; its part of the answer is withheld.`
      : code === 'PARTNER_UNAVAILABLE'
        ? `Subgraph ${subgraph} cannot reach its database; its part of the answer is missing.`
        : `Subgraph ${subgraph} is not available; its part of the answer is missing.`;
  return JSON.stringify({
    data: null,
    errors: [
      {
        message,
        extensions: { code: NAMED_CODES.has(code) ? code : 'SUBGRAPH_UNAVAILABLE', serviceName: subgraph },
      },
    ],
  });
}

/**
 * A subgraph's event stream as it comes, except that a stream that breaks (the subgraph died, the
 * connection was cut) or stops without its `complete` ends with an event that names the partner, as a
 * failed request does, rather than a bare transport error. An end the gateway or the client asked for
 * (`signal`) adds nothing.
 */
function breakNamed(
  body: ReadableStream<Uint8Array>,
  subgraph: string,
  signal: AbortSignal,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let tail = '';
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let broken: boolean;
      try {
        const { value, done } = await reader.read();
        if (!done) {
          // Only the last few characters matter: whether the stream said `complete`.
          tail = (tail + decoder.decode(value, { stream: true })).slice(-64);
          controller.enqueue(value);
          return;
        }
        broken = !/event: ?complete\n/.test(tail);
      } catch {
        broken = true;
      }
      if (broken && !signal.aborted) {
        logger.warn({ service: 'gateway', partner: subgraph }, 'subgraph stream broke');
        const event = `event: next\ndata: ${unavailable(subgraph, 'SUBGRAPH_UNAVAILABLE')}\n\nevent: complete\ndata:\n\n`;
        controller.enqueue(encoder.encode(event));
      }
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}

/** The code of the first error of a subgraph's failed response, if it says one. */
async function failureCode(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { errors?: { extensions?: { code?: unknown } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : 'SUBGRAPH_UNAVAILABLE';
  } catch {
    return 'SUBGRAPH_UNAVAILABLE';
  }
}

/**
 * Whether a subgraph request asks for a stream (a subscription, over SSE). The executor hands its headers
 * over as a plain object, as the spread into each fetch's headers assumes: read in place rather than
 * through a `Headers` object built for every fetch.
 */
function acceptsEventStream(headers: RequestInit['headers']): boolean {
  if (!headers) return false;
  if (headers instanceof Headers || Array.isArray(headers)) {
    return new Headers(headers).get('accept')?.includes('text/event-stream') ?? false;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'accept') return String(value).includes('text/event-stream');
  }
  return false;
}

/**
 * Every subgraph fetch of a request: the W3C trace (a child span of the gateway's), an FSC transaction
 * id of its own and the gateway's proof of the verified caller go along; a transport fault (a refused
 * TLS handshake too), a failed response or no answer within `timeoutMs` comes back as an error that
 * names the partner, never its address or its body, so the rest of the answer still stands. Each fetch
 * is logged with its trace and transaction id, as the partner logs it on its side.
 */
export function useSubgraphRequests(
  client: SubgraphClient,
  headersFor: SubgraphHeaders,
  timeoutMs: number,
): GatewayPlugin<HubContext> {
  return {
    onFetch({ executionRequest, fetchFn, setFetchFn }) {
      const subgraph = executionRequest?.subgraphName;
      const context = executionRequest?.context as HubContext | undefined;
      // Only the requests of a client's operation go to the subgraphs; the gateway loads nothing else.
      if (!subgraph || !context) return;
      const { traceId, spanId } = verifiedRequest(context);
      const respond = (code: string): Response =>
        new Response(unavailable(subgraph, code), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      setFetchFn(async (url, init, ...rest) => {
        const body = typeof init?.body === 'string' ? init.body : '';
        const transactionId = newTransactionId();
        const headers = {
          ...init?.headers,
          // With tracing on, the span of this fetch, so the subgraph's span is its child.
          traceparent: activeTraceparent() ?? traceparent(traceId, spanId),
          [FSC_TRANSACTION_HEADER]: transactionId,
          ...headersFor({ subgraph, context, body, transactionId }),
        };
        const started = performance.now();
        // A refusal or a transport fault is the operator's business: a warning, with what it was.
        const log = (outcome: number | string, code?: string): void =>
          logger[typeof outcome === 'number' && outcome < 400 ? 'info' : 'warn'](
            {
              service: 'gateway',
              traceId,
              fscTransactionId: transactionId,
              partner: subgraph,
              outcome,
              ...(code && { code }),
              ms: Math.round((performance.now() - started) * 10) / 10,
            },
            'subgraph request',
          );
        // One timer per fetch: the engine's own upstream timeout combines abort signals per request,
        // which cost the gateway more CPU than the rest of a fetch's bookkeeping.
        const timeout = new AbortController();
        const timer = setTimeout(() => {
          logger.warn(
            { service: 'gateway', traceId, fscTransactionId: transactionId, partner: subgraph },
            'subgraph timed out',
          );
          timeout.abort();
        }, timeoutMs);
        // A stream (a subscription) also ends when its client or the gateway ends it; the timeout
        // bounds only the time to its response headers, not the stream.
        const stream = acceptsEventStream(init?.headers);
        const signal =
          stream && init?.signal ? AbortSignal.any([init.signal, timeout.signal]) : timeout.signal;
        let response: Response;
        try {
          // The executor sends its body as a string; anything else (a file upload) takes the engine's path.
          response =
            typeof init?.body === 'string'
              ? await client.fetch(subgraph, String(url), { method: init.method, headers, body, signal })
              : await fetchFn(url, { ...init, headers, signal }, ...rest);
        } catch (error) {
          // A refused TLS handshake names its reason in the code (say, an unknown CA): for the operator.
          log((error as { code?: string }).code ?? 'unreachable');
          return respond('SUBGRAPH_UNAVAILABLE');
        } finally {
          clearTimeout(timer);
        }
        if (!response.ok) {
          const code = await failureCode(response);
          log(response.status, code);
          return respond(code);
        }
        log(response.status);
        if (response.body && response.headers.get('content-type')?.includes('text/event-stream')) {
          return new Response(breakNamed(response.body, subgraph, signal), {
            status: response.status,
            headers: response.headers,
          });
        }
        return response;
      });
    },
  };
}
