import { GraphQLError } from 'graphql';
import { logger, maskBsn } from '../platform/logger';

/** The part of the engine's fetch API a response needs. */
export interface FetchAPI {
  Response: typeof Response;
}

/** A GraphQL error response of the gateway's own, before any execution: status and `{ errors }`. */
export function errorResponse(fetchAPI: FetchAPI, error: unknown): Response {
  if (!(error instanceof GraphQLError) || typeof error.extensions.code !== 'string') {
    logger.error({ service: 'gateway', err: error }, 'unexpected error before execution');
    return jsonResponse(fetchAPI, 500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
  }
  const { http } = error.extensions as { http?: { status?: number } };
  return jsonResponse(fetchAPI, http?.status ?? 400, error.message, error.extensions.code);
}

/** The code of each response the gateway made itself, for its metrics. */
const codes = new WeakMap<Response, string>();

/** The code of a refusal the gateway answered itself (before any execution), if `response` is one. */
export function refusalCode(response: Response): string | undefined {
  return codes.get(response);
}

export function jsonResponse(fetchAPI: FetchAPI, status: number, message: string, code: string): Response {
  const response = new fetchAPI.Response(
    JSON.stringify({ errors: [{ message: maskBsn(message), extensions: { code } }] }),
    {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  );
  codes.set(response, code);
  return response;
}
