import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { SigningKey } from '../platform/auth/keys';
import { isDoelbinding, PURPOSES, type Doelbinding } from '../platform/auth/principals';
import {
  GATEWAY_TOKEN_HEADER,
  signGatewayToken,
  userTokenVerifier,
  type UserTokenPolicy,
} from '../platform/auth/tokens';
import { newSpanId, newTraceId, parseTraceparent, traceparent, type Principal } from '../platform/context';
import { formatError } from '../platform/errors';
import { requestLogPlugin } from '../platform/logger';
import { serveGraphQL, type RunningHttpService } from '../platform/http';
import { inputValidationPlugin } from './input-validation';
import { MAX_TOKENS, queryLimits } from './limits';
import { subgraphFetcher } from './subgraph-fetcher';

/** Per-request state of the gateway. */
export interface GatewayContext {
  traceId: string;
  spanId: string;
  caller: Principal;
  purpose: Doelbinding | null;
  /** The signed statement of this request for the subgraphs. */
  gatewayToken: string;
}

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

/** Errors of the gateway pass the shared masking; an unreachable subgraph keeps its name and code. */
function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code === 'SUBGRAPH_UNAVAILABLE' || code === 'PROCESSING_LOG_UNAVAILABLE') return formatted;
  return formatError(formatted);
}

/** What `RemoteGraphQLDataSource` attaches to the error of a non-2xx subgraph response. */
interface FailedResponse {
  status?: number;
  body?: { errors?: { extensions?: { code?: string } }[] };
}

type SendRequestOptions = Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0];

/** A subgraph fetch that reaches its service, or says by name which partner could not answer. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
    fetcher: RemoteGraphQLDataSource['fetcher'],
  ) {
    super({ url, fetcher });
  }

  override willSendRequest({ request, context }: SendRequestOptions): void {
    // Health checks and schema loads carry no request context.
    const { traceId, spanId, gatewayToken } = context as Partial<GatewayContext>;
    // One trace id for the whole request; each subgraph fetch is a child span of the gateway's.
    if (traceId && spanId) request.http?.headers.set('traceparent', traceparent(traceId, spanId));
    if (gatewayToken) request.http?.headers.set(GATEWAY_TOKEN_HEADER, gatewayToken);
  }

  override didEncounterError(error: Error): never {
    const response =
      error instanceof GraphQLError ? (error.extensions.response as FailedResponse | undefined) : undefined;
    // A GraphQL error the subgraph answered with passes as it is.
    if (error instanceof GraphQLError && !response) throw error;
    // A transport fault or a non-2xx status: name the partner, never its address or its body.
    const logUnavailable = response?.body?.errors?.[0]?.extensions?.code === 'PROCESSING_LOG_UNAVAILABLE';
    throw new GraphQLError(
      logUnavailable
        ? `Subgraph ${this.name} could not write its processing log; its part of the answer is withheld.`
        : `Subgraph ${this.name} is not available; its part of the answer is missing.`,
      {
        extensions: {
          code: logUnavailable ? 'PROCESSING_LOG_UNAVAILABLE' : 'SUBGRAPH_UNAVAILABLE',
          serviceName: this.name,
        },
      },
    );
  }
}

/** The purpose the caller states; an unknown purpose is refused rather than ignored. */
function statedPurpose(header: string | undefined): Doelbinding | null {
  const value = header?.trim();
  if (!value) return null;
  if (!isDoelbinding(value)) {
    throw new GraphQLError(`Unknown purpose (X-Doelbinding): use one of ${PURPOSES.join(', ')}.`, {
      extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
    });
  }
  return value;
}

/** Starts the federation gateway: it plans each query over the subgraphs and calls them over HTTP. */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpService> {
  // One pool of connections per subgraph origin, shared by all fetches of this gateway.
  const fetcher = subgraphFetcher();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? '', fetcher),
  });
  const limits = queryLimits();
  const verifyCaller = userTokenVerifier(options.auth);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    validationRules: limits.validationRules,
    parseOptions: { maxTokens: MAX_TOKENS },
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (Ctrl-C stops every service and the embedded database in order).
    stopOnTerminationSignals: false,
    plugins: [
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      inputValidationPlugin(),
      requestLogPlugin<GatewayContext>('gateway'),
      ApolloServerPluginInlineTraceDisabled(),
    ],
  });
  await server.start();
  const http = await serveGraphQL(server, {
    port: options.port,
    host: options.host,
    context: async (headers) => {
      const caller = await verifyCaller(headers.get('authorization'));
      const purpose = statedPurpose(headers.get('x-doelbinding'));
      // A caller's trace id is taken over (W3C), so its own logs join ours; else the gateway starts one.
      const traceId = parseTraceparent(headers.get('traceparent'))?.traceId ?? newTraceId();
      const spanId = newSpanId();
      const gatewayToken = await signGatewayToken(options.signingKey, {
        caller,
        purpose,
        traceId,
        requestId: spanId,
      });
      return { traceId, spanId, caller, purpose, gatewayToken };
    },
    jwks: () => options.signingKey.publicJwks,
  });
  return {
    ...http,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}
