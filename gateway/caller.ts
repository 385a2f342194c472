import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import { isDoelbinding, PURPOSES, type Doelbinding } from '../platform/auth/principals';
import { userTokenVerifier, type UserTokenPolicy } from '../platform/auth/tokens';
import { newSpanId, newTraceId, parseTraceparent } from '../platform/trace-context';
import { activeTrace } from '../platform/tracing';
import type { HubContext, HubRequest } from './context';
import { errorResponse } from './responses';

/** The purpose the caller states; an unknown purpose is refused rather than ignored. */
function statedPurpose(header: string | null): Doelbinding | null {
  const value = header?.trim();
  if (!value) return null;
  if (!isDoelbinding(value)) {
    throw new GraphQLError(`Unknown purpose (X-Doelbinding): use one of ${PURPOSES.join(', ')}.`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return value;
}

/** Requests whose caller the plugin verified, by the engine's request object. */
const verifiedRequests = new WeakMap<Request, HubRequest>();

/** The verified caller, purpose and trace of a request, once `useVerifiedCaller` has admitted it. */
export function verifiedRequestOf(request: Request): HubRequest | undefined {
  return verifiedRequests.get(request);
}

/**
 * Verifies the caller before the document is even parsed: a request without a valid employee token or
 * with an unknown purpose is answered here (401 or 400) and costs the gateway nothing more. The
 * verified caller, purpose and trace go into the request's context.
 */
export function useVerifiedCaller(policy: UserTokenPolicy, graphqlPath: string): GatewayPlugin<HubContext> {
  const verifyCaller = userTokenVerifier(policy);
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      if (url.pathname !== graphqlPath) return;
      const verify = async (): Promise<HubRequest> => {
        const authorization = request.headers.get('authorization') ?? undefined;
        const caller = await verifyCaller(authorization);
        const purpose = statedPurpose(request.headers.get('x-doelbinding'));
        // Verified above, `exp` required: a subscription of this request ends when the token does.
        const tokenExpiresAt = decodeJwt(authorization?.trim().split(/\s+/)[1] ?? '').exp as number;
        // With tracing on, the request's span: logs, processing log and traces name the same ids.
        const traced = activeTrace();
        if (traced) return { caller, purpose, tokenExpiresAt, ...traced };
        // A caller's trace id is taken over (W3C), so its own logs join ours; else the gateway starts one.
        const traceId = parseTraceparent(request.headers.get('traceparent') ?? undefined)?.traceId;
        return { caller, purpose, tokenExpiresAt, traceId: traceId ?? newTraceId(), spanId: newSpanId() };
      };
      return verify().then(
        (hubRequest) => void verifiedRequests.set(request, hubRequest),
        (error: unknown) => payload.endResponse(errorResponse(fetchAPI, error)),
      );
    },
    onContextBuilding({ context, extendContext }) {
      const hubRequest = verifiedRequests.get(context.request);
      if (hubRequest) extendContext(hubRequest);
    },
  };
}
