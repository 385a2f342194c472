import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** Stable `extensions.code` values that clients may rely on. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'NOT_FOUND'
  | 'PROCESSING_LOG_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN' } });
}

export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
}

/** The processing log could not be written, so the processing did not happen (fail closed). */
export function processingLogUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'PROCESSING_LOG_UNAVAILABLE' } });
}

const KNOWN_CODES = new Set<string>([
  'BAD_USER_INPUT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_ONLY',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'PROCESSING_LOG_UNAVAILABLE',
]);

/** True for a code clients may rely on, whose error passes to them as it is. */
export function isKnownCode(code: unknown): code is string {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/**
 * Apollo `formatError` for every service: errors with a known code pass as they are; anything else
 * (a database fault, a bug) is answered with a generic message so no internals or personal data leak.
 */
export function formatError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (isKnownCode(code)) {
    return {
      message: formatted.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code },
    };
  }
  return {
    message: 'Internal server error.',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}
