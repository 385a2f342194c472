import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphName } from './config';
import { createRequestContext, type RequestContext, type SubgraphKeys } from './context';
import { openDatabase, type DatabaseDefinition, type SubgraphDatabase } from './database';
import { formatError } from './errors';
import { requestLogPlugin } from './logger';
import { serveGraphQL, type RunningHttpService } from './http';
import type { Toegangsregels } from './auth/policy';
import { GATEWAY_TOKEN_HEADER, verifyGatewayToken } from './auth/tokens';

/** What a partner folder exports: its name, its database, its access rules and its schema. */
export interface SubgraphModule extends DatabaseDefinition {
  name: SubgraphName;
  regels: Toegangsregels;
  buildSchema(): Promise<GraphQLSchema>;
}

export interface RunningSubgraph extends RunningHttpService {
  name: SubgraphName;
  orm: MikroORM;
}

export interface StartSubgraphOptions {
  port: number;
  database: SubgraphDatabase;
  keys: SubgraphKeys;
  /** An already opened ORM (tests and `npm start` open it to seed first); closed on `close()`. */
  orm?: MikroORM;
  /** Interface to listen on; default all. */
  host?: string;
}

/**
 * Writes the request's processing log before the answer leaves. When it cannot be written the answer
 * is withheld: no processing goes unlogged (fail closed).
 */
const auditPlugin: ApolloServerPlugin<RequestContext> = {
  requestDidStart: () =>
    Promise.resolve({
      willSendResponse: async ({ contextValue, response }) => {
        try {
          await contextValue.audit.flush(contextValue.em);
        } catch {
          response.http.status = 503;
          response.body = {
            kind: 'single',
            singleResult: {
              errors: [
                {
                  message: 'The processing log could not be written; the answer is withheld.',
                  extensions: { code: 'PROCESSING_LOG_UNAVAILABLE' },
                },
              ],
            },
          };
        }
      },
    }),
};

/** Starts one subgraph: opens (and migrates) its own database and serves its schema over HTTP. */
export async function startSubgraph(
  module: SubgraphModule,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const orm = options.orm ?? (await openDatabase(options.database, module));
  const schema = await module.buildSchema();
  const server = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (Ctrl-C stops every service and the embedded database in order).
    stopOnTerminationSignals: false,
    // Apollo's usage reporting is not used; traces go through the trace id of the request context.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin,
      requestLogPlugin<RequestContext>(module.name),
    ],
  });
  await server.start();
  const http = await serveGraphQL(server, {
    port: options.port,
    host: options.host,
    context: async (headers) => {
      const statement = await verifyGatewayToken(headers.get(GATEWAY_TOKEN_HEADER), options.keys.gateway);
      // The trace id is taken from the gateway's signed statement, never from a header alone.
      return createRequestContext({ statement, em: orm.em, regels: module.regels, keys: options.keys });
    },
    ready: () => orm.isConnected(),
    jwks: () => options.keys.signing.publicJwks,
  });
  let closing: Promise<void> | undefined;
  return {
    ...http,
    name: module.name,
    orm,
    close: () =>
      (closing ??= (async () => {
        await http.close();
        await server.stop();
        await orm.close();
      })()),
  };
}
