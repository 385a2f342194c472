import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import type { RequestContext } from './context';

export const FEDERATION_DIRECTIVES = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@inaccessible',
] as const;

/** `__resolveReference` of an entity: receives the representation the gateway sends. */
export type ReferenceResolver<R> = (
  representation: R,
  context: RequestContext,
) => Promise<object | null> | object | null;

/**
 * The only place that turns a type-graphql schema into a Federation 2 subgraph schema: it prints the
 * schema with its directives (type-graphql's own printer drops `@key`), adds the `@link` header and
 * merges the entities' reference resolvers.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: Record<string, ReferenceResolver<never>> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const imports = FEDERATION_DIRECTIVES.map((d) => `"${d}"`).join(', ');
  const typeDefs = parse(
    `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports}])\n` +
      printSchemaWithDirectives(schema),
  );
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, resolveReference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: resolveReference,
    } as never;
  }
  return buildSubgraphSchema({ typeDefs, resolvers });
}
