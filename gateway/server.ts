import {
  createGatewayRuntime,
  Logger,
  type GatewayPlugin,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import type { SigningKey } from '../platform/auth/keys';
import { GATEWAY_TOKEN_HEADER, signGatewayToken, type UserTokenPolicy } from '../platform/auth/tokens';
import { logger } from '../platform/logger';
import { useVerifiedCaller } from './caller';
import { verifiedRequest, type HubContext } from './context';
import { maskGatewayError, useValidationStatus } from './errors';
import { useScalarInputChecks } from './input-validation';
import { queryLimits } from './limits';
import { listen, type RunningHttpService } from './listen';
import { useRequestLog } from './request-log';
import { jsonResponse } from './responses';
import { useSubgraphRequests } from './subgraph-requests';
import { withSubgraphUrls } from './supergraph';

export type { RunningHttpService };

const GRAPHQL_PATH = '/graphql';
const JWKS_PATH = '/.well-known/jwks.json';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph runs; overrides the URLs written into the supergraph. */
  subgraphUrls: Record<string, string>;
  port: number;
  host?: string;
  /** How employees' bearer tokens are verified. */
  auth: UserTokenPolicy;
  /** The gateway's own key for its statements to the subgraphs; its public half is served as JWKS. */
  signingKey: SigningKey;
}

/**
 * GraphQL is answered over POST only: a GET would carry the document and its variables (BSNs) in the
 * URL, which access logs and proxies keep.
 */
function usePostOnly(): GatewayPlugin<HubContext> {
  return {
    onRequest(payload) {
      if (payload.url.pathname === GRAPHQL_PATH && payload.request.method !== 'POST') {
        const response = jsonResponse(
          payload.fetchAPI,
          405,
          'GraphQL is answered over POST only.',
          'BAD_REQUEST',
        );
        response.headers.set('allow', 'POST');
        payload.endResponse(response);
      }
    },
  };
}

/** Serves the public keys of the gateway's statements, where the subgraphs look for them. */
function useJwks(jwks: () => object): GatewayPlugin<HubContext> {
  return {
    onRequest(payload) {
      if (payload.url.pathname === JWKS_PATH) payload.endResponse(payload.fetchAPI.Response.json(jwks()));
    },
  };
}

/** The engine's own log lines go through the project's structured (and BSN-masking) logger. */
function engineLogger(): Logger {
  return new Logger({ level: 'warn', writers: [new PinoLogWriter(logger.child({ service: 'gateway' }))] });
}

/**
 * The federation gateway on Hive Gateway's runtime with its Rust query planner: it verifies the caller,
 * checks the document, plans the query over the subgraphs and calls each of them over HTTP with the
 * gateway's proof of the verified request.
 */
export function createGateway(options: GatewayOptions): GatewayRuntime<HubContext> {
  const statements = new WeakMap<object, Promise<string>>();
  /** One statement per request for now, signed on first use and sent to every subgraph. */
  const statementFor = (context: HubContext): Promise<string> => {
    let statement = statements.get(context);
    if (!statement) {
      const { caller, purpose, traceId, spanId } = verifiedRequest(context);
      statement = signGatewayToken(options.signingKey, { caller, purpose, traceId, requestId: spanId });
      statements.set(context, statement);
    }
    return statement;
  };
  return createGatewayRuntime<HubContext>({
    supergraph: () => withSubgraphUrls(options.supergraphSdl, options.subgraphUrls),
    unifiedGraphHandler,
    logging: engineLogger(),
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    landingPage: false,
    graphiql: false,
    batching: false,
    requestId: false,
    subgraphErrors: false,
    maskedErrors: { maskError: maskGatewayError },
    // A browser form or a simple request cannot reach the API without a preflight.
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight'] },
    plugins: () => [
      usePostOnly(),
      useJwks(() => options.signingKey.publicJwks),
      useRequestLog(),
      useVerifiedCaller(options.auth, GRAPHQL_PATH),
      ...queryLimits(),
      useValidationStatus(),
      useScalarInputChecks(),
      useSubgraphRequests(async ({ context }) => ({ [GATEWAY_TOKEN_HEADER]: await statementFor(context) })),
    ],
  });
}

/** Starts the gateway on its port. */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpService> {
  const runtime = createGateway(options);
  const http = await listen(runtime, { port: options.port, host: options.host });
  return {
    ...http,
    close: async () => {
      await http.close();
      await runtime.dispose();
    },
  };
}
