import type { Plugin } from '@envelop/core';
import { GraphQLError } from 'graphql';
import { isKnownCode } from '../platform/errors';

/** Codes of a partner that could not answer; their errors keep the partner's name (`serviceName`). */
export const PARTNER_CODES = new Set([
  'SUBGRAPH_UNAVAILABLE',
  'PROCESSING_LOG_UNAVAILABLE',
  'PARTNER_UNAVAILABLE',
]);

/** An error of graphql-js about the request itself (its variables), raised before anything executed. */
function isRequestError(error: unknown): error is GraphQLError & { extensions: Record<string, unknown> } {
  return (
    error instanceof GraphQLError &&
    error.extensions.code === undefined &&
    error.path === undefined &&
    /^Variable "\$/.test(error.message)
  );
}

/** An error of the engine's HTTP handling: a client error status, no code. */
function httpRefusal(
  error: unknown,
): { error: GraphQLError & { extensions: Record<string, unknown> }; status: number } | null {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined) return null;
  const status = (error.extensions.http as { status?: unknown } | undefined)?.status;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  return { error: error, status };
}

/**
 * The engine's error masking: an error with a code clients may rely on passes with its message and
 * code only (and the partner's name where a partner could not answer); anything else (a fault, a bug)
 * is answered with a generic message, so no internals or personal data leak. The engine logs the
 * original of a masked error through the structured logger.
 */
export function maskGatewayError(error: unknown): Error {
  if (isRequestError(error)) {
    // A variable that does not fit its type: graphql-js says what is wrong, without a code.
    error.extensions.code = 'BAD_USER_INPUT';
    error.extensions.http = { status: 400 };
  }
  const refusal = httpRefusal(error);
  if (refusal) {
    // The engine refused the request itself (a missing CSRF header, an unsupported media type).
    refusal.error.extensions.code = refusal.status === 403 ? 'FORBIDDEN' : 'BAD_REQUEST';
  }
  const code = error instanceof GraphQLError ? error.extensions.code : undefined;
  if (error instanceof GraphQLError && (isKnownCode(code) || PARTNER_CODES.has(code as string))) {
    // Kept as the same object: the engine logs every error its masking replaces.
    const extensions = error.extensions as Record<string, unknown>;
    for (const key of Object.keys(extensions)) {
      if (key === 'code' || key === 'http' || (key === 'serviceName' && PARTNER_CODES.has(code as string)))
        continue;
      delete extensions[key];
    }
    // A refused request is a 400 whatever media type the client accepts, as clients of this API expect.
    const http = extensions.http as { spec?: boolean } | undefined;
    if (http?.spec) delete http.spec;
    return error;
  }
  return new GraphQLError('Internal server error.', {
    path: error instanceof GraphQLError ? error.path : undefined,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * A document that fails validation is refused with 400, whatever media type the client accepts (the
 * engine would answer 200 to a client that accepts only `application/json`).
 */
export function useValidationStatus(): Plugin {
  return {
    onValidate:
      () =>
      ({ valid, result }) => {
        if (valid) return;
        for (const error of result as readonly GraphQLError[]) {
          const extensions = error.extensions as Record<string, unknown>;
          extensions.http = { status: 400, spec: false };
        }
      },
  };
}
