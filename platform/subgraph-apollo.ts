import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';

/** The options every subgraph's Apollo Server starts from, before its schema and plugins of its own. */
export interface SubgraphApolloDefaults<TContext extends BaseContext> {
  includeStacktraceInErrorResponses: false;
  stopOnTerminationSignals: false;
  plugins: ApolloServerPlugin<TContext>[];
}

/**
 * What a subgraph's Apollo Server leaves out. Stack traces never reach an answer. Shutdown is the
 * hub's (Ctrl-C stops every service and the embedded database in order). Apollo's usage reporting and
 * inline traces are not used (traces go through the trace id of the request context); cache hints mean
 * nothing behind the gateway, and Apollo's cache-control plugin would wrap every field's resolver to
 * collect them. Only the gateway talks to a subgraph, so it has no landing page either.
 */
export function subgraphApolloDefaults<TContext extends BaseContext>(): SubgraphApolloDefaults<TContext> {
  return {
    includeStacktraceInErrorResponses: false,
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
  };
}
