import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { newSpanId, newTraceId, traceIdFrom, traceparent } from '../platform/context';
import { formatError } from '../platform/errors';
import { serveGraphQL, type RunningHttpService } from '../platform/http';
import { bsnValidationPlugin } from './bsn-validation';

/** Per-request state of the gateway. */
export interface GatewayContext {
  traceId: string;
  spanId: string;
  purpose: string | null;
}

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Where each subgraph runs; overrides the URLs written into the supergraph. */
  subgraphUrls: Record<string, string>;
  port: number;
  host?: string;
}

/** Errors of the gateway pass the shared masking; an unreachable subgraph keeps its name and code. */
function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.code === 'SUBGRAPH_UNAVAILABLE') return formatted;
  return formatError(formatted);
}

type SendRequestOptions = Parameters<NonNullable<RemoteGraphQLDataSource['willSendRequest']>>[0];

/** A subgraph fetch that reaches its service, or says by name which partner could not answer. */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    private readonly name: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: SendRequestOptions): void {
    // Health checks and schema loads carry no request context.
    const { traceId, spanId, purpose } = context as Partial<GatewayContext>;
    // One trace id for the whole request; each subgraph fetch is a child span of the gateway's.
    if (traceId && spanId) request.http?.headers.set('traceparent', traceparent(traceId, spanId));
    if (purpose) request.http?.headers.set('x-doelbinding', purpose);
  }

  override didEncounterError(error: Error): never {
    // A GraphQL error from the subgraph passes as it is; a transport fault must not reveal the address.
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`Subgraph ${this.name} is not available; its part of the answer is missing.`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: this.name },
    });
  }
}

/** Starts the federation gateway: it plans each query over the subgraphs and calls them over HTTP. */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpService> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource(name, options.subgraphUrls[name] ?? url ?? ''),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatGatewayError,
    includeStacktraceInErrorResponses: false,
    plugins: [bsnValidationPlugin(), ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http = await serveGraphQL(server, {
    port: options.port,
    host: options.host,
    context: (headers) =>
      Promise.resolve({
        traceId: traceIdFrom(headers.get('traceparent')) ?? newTraceId(),
        spanId: newSpanId(),
        purpose: headers.get('x-doelbinding')?.trim() || null,
      }),
  });
  return {
    ...http,
    close: async () => {
      await http.close();
      await server.stop();
    },
  };
}
