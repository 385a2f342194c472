import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLFormattedError } from 'graphql';
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

/** Errors of the gateway: a subgraph that cannot be reached is named, its address is not. */
function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const serviceName = formatted.extensions?.serviceName;
  const code = formatted.extensions?.code;
  if (typeof serviceName === 'string' && (code === undefined || code === 'INTERNAL_SERVER_ERROR')) {
    return {
      message: `Subgraph ${serviceName} is not available; its part of the answer is missing.`,
      path: formatted.path,
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName },
    };
  }
  const masked = formatError(formatted);
  return typeof serviceName === 'string'
    ? { ...masked, extensions: { ...masked.extensions, serviceName } }
    : masked;
}

/** Starts the federation gateway: it plans each query over the subgraphs and calls them over HTTP. */
export async function startGateway(options: GatewayOptions): Promise<RunningHttpService> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls[name] ?? url,
        willSendRequest: ({ request, context }) => {
          // Health checks and schema loads carry no request context.
          const { traceId, spanId, purpose } = context as Partial<GatewayContext>;
          // One trace id for the whole request; each subgraph fetch is a child span of the gateway's.
          if (traceId && spanId) request.http?.headers.set('traceparent', traceparent(traceId, spanId));
          if (purpose) request.http?.headers.set('x-doelbinding', purpose);
        },
      }),
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
