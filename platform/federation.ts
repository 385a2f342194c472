import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { closeToResidents } from './auth/inwoner';
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
 * schema with its directives (type-graphql's own printer drops `@key`), adds the `@link` header,
 * merges the entities' reference resolvers and closes the schema to residents (`closeToResidents`).
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
  // An entity without a reference resolver of its own resolves to its representation, as
  // @apollo/subgraph would; made explicit so that `closeToResidents` guards it like the others.
  const entities = typeDefs.definitions.flatMap((definition) =>
    definition.kind === Kind.OBJECT_TYPE_DEFINITION &&
    definition.directives?.some((directive) => directive.name.value === 'key')
      ? [definition.name.value]
      : [],
  );
  const references: Record<string, ReferenceResolver<never>> = {
    ...Object.fromEntries(entities.map((name) => [name, (representation: object) => representation])),
    ...referenceResolvers,
  };
  for (const [typeName, resolveReference] of Object.entries(references)) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      __resolveReference: resolveReference,
    } as never;
  }
  closeToResidents(schema, resolvers);
  return buildSubgraphSchema({ typeDefs, resolvers });
}
