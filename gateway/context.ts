import type { Doelbinding, Principal } from '../platform/auth/principals';

/** What the gateway knows of one request once its caller is verified: the engine's context carries it. */
export interface HubRequest {
  caller: Principal;
  /** The purpose (doelbinding) the caller stated, or null. */
  purpose: Doelbinding | null;
  /** W3C trace id: the caller's (taken over from `traceparent`) or a new one. */
  traceId: string;
  /** The gateway's span of this request; each subgraph fetch is its child. */
  spanId: string;
  /** When the caller's token expires (epoch seconds): a subscription ends then. */
  tokenExpiresAt: number;
}

/** The engine's context of a request: empty until the caller plugin has verified the caller. */
export type HubContext = Partial<HubRequest>;

/** The verified request of a context, or an error: a request only executes after its caller is verified. */
export function verifiedRequest(context: HubContext): HubRequest {
  const { caller, purpose, traceId, spanId, tokenExpiresAt } = context;
  if (!caller || purpose === undefined || !traceId || !spanId || tokenExpiresAt === undefined) {
    throw new Error('The gateway executed a request whose caller was not verified');
  }
  return { caller, purpose, traceId, spanId, tokenExpiresAt };
}
