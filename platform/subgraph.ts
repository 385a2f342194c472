import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphName } from './config';
import { createRequestContext, type RequestContext } from './context';
import { openDatabase, type DatabaseDefinition } from './database';
import { formatError } from './errors';
import { serveGraphQL, type RunningHttpService } from './http';

/** What a partner folder exports: its name, its database and its schema. */
export interface SubgraphModule extends DatabaseDefinition {
  name: SubgraphName;
  buildSchema(): Promise<GraphQLSchema>;
}

export interface RunningSubgraph extends RunningHttpService {
  name: SubgraphName;
  orm: MikroORM;
}

export interface StartSubgraphOptions {
  port: number;
  databaseUrl: string;
  /** An already opened ORM (tests and `npm start` open it to seed first); closed on `close()`. */
  orm?: MikroORM;
  /** Interface to listen on; default all. */
  host?: string;
}

/** Starts one subgraph: opens (and migrates) its own database and serves its schema over HTTP. */
export async function startSubgraph(
  module: SubgraphModule,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const orm = options.orm ?? (await openDatabase(options.databaseUrl, module));
  const schema = await module.buildSchema();
  const server = new ApolloServer<RequestContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    // Apollo's usage reporting is not used; traces go through the trace id of the request context.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await server.start();
  const http = await serveGraphQL(server, {
    port: options.port,
    host: options.host,
    context: (headers) => Promise.resolve(createRequestContext({ headers, em: orm.em })),
    ready: () => orm.isConnected(),
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
