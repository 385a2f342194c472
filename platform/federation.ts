import { makeExecutableSchema } from '@graphql-tools/schema';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import {
  execute,
  GraphQLError,
  GraphQLScalarType,
  isObjectType,
  Kind,
  parse,
  type ConstDirectiveNode,
  type GraphQLSchema,
} from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';
import { logMutationsInTheirTransaction } from './audit/wijziging';
import { closeToResidents } from './auth/inwoner';
import type { RequestContext } from './context';

/** The Federation 2 directives the subgraphs use, imported through `@link`. */
export const FEDERATION_DIRECTIVES = [
  '@key',
  '@shareable',
  '@external',
  '@requires',
  '@inaccessible',
] as const;

const FEDERATION_VERSION = 'https://specs.apollo.dev/federation/v2.7';

/**
 * The definitions of the subgraph specification that a subgraph schema needs beside its own types: the
 * `@link` machinery, the imported directives, `_Any` and `_Service`. They are not part of the subgraph's
 * SDL (`_service { sdl }`), as the specification asks.
 */
const SPECIFICATION_SDL = /* GraphQL */ `
  scalar _Any
  scalar federation__FieldSet
  scalar link__Import
  enum link__Purpose {
    SECURITY
    EXECUTION
  }
  directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external(reason: String) on OBJECT | FIELD_DEFINITION
  directive @requires(fields: federation__FieldSet!) on FIELD_DEFINITION
  directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION
  type _Service {
    sdl: String
  }
`;

/** `__resolveReference` of an entity: receives the representation the gateway sends. */
export type ReferenceResolver<R> = (
  representation: R,
  context: RequestContext,
) => Promise<object | null> | object | null;

type Representation = { __typename?: unknown } & Record<string, unknown>;

/** An entity in `_entities` is an object that says its type, so that `_Entity` can resolve it. */
async function withTypename(value: unknown, typename: string): Promise<unknown> {
  const entity = await value;
  return entity !== null && typeof entity === 'object' ? { ...entity, __typename: typename } : entity;
}

/** The names of the object types this subgraph declares as entities: a `@key` that is resolvable. */
function entityTypeNames(schema: GraphQLSchema): string[] {
  const resolvableKey = (directive: ConstDirectiveNode): boolean =>
    directive.name.value === 'key' &&
    !(directive.arguments ?? []).some(
      (argument) =>
        argument.name.value === 'resolvable' && argument.value.kind === Kind.BOOLEAN && !argument.value.value,
    );
  return Object.values(schema.getTypeMap())
    .filter(isObjectType)
    .filter((type) => (type.astNode?.directives ?? []).some(resolvableKey))
    .map((type) => type.name);
}

/**
 * The only place that turns a type-graphql schema into a Federation 2 subgraph schema (the subgraph
 * specification: `_service`, `_entities`, `_Entity`, `_Any`). It prints the schema with its directives
 * (type-graphql's own printer drops `@key`), adds the `@link` header and the entity resolution through
 * each entity's reference resolver, runs every mutation in one transaction with its processing-log
 * lines (`logMutationsInTheirTransaction`), and closes the schema to residents (`closeToResidents`).
 *
 * Written here rather than taken from `@apollo/subgraph`: that package is MIT, but it builds on
 * `@apollo/federation-internals`, which is Elastic-2.0, and the hub's runtime takes open-source
 * licences only. The specification part is small; composition validates the subgraph schemas.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: Record<string, ReferenceResolver<never>> = {},
): Promise<GraphQLSchema> {
  const schema = await buildSchema({ ...options, skipCheck: true });
  const imports = FEDERATION_DIRECTIVES.map((d) => `"${d}"`).join(', ');
  const sdl =
    `extend schema @link(url: "${FEDERATION_VERSION}", import: [${imports}])\n\n` +
    printSchemaWithDirectives(schema);
  const withoutEntities = makeExecutableSchema({ typeDefs: [SPECIFICATION_SDL, sdl] });
  const entities = entityTypeNames(withoutEntities);
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  // An entity without a reference resolver of its own resolves to its representation; made explicit so
  // that `closeToResidents` guards it like the others.
  const references: Record<string, ReferenceResolver<never>> = {
    ...Object.fromEntries(entities.map((name) => [name, (representation: object) => representation])),
    ...referenceResolvers,
  };
  logMutationsInTheirTransaction(resolvers);
  // Outermost: a resident is refused before any transaction begins.
  closeToResidents(schema, resolvers, references);
  const federation: IResolvers<unknown, RequestContext> = {
    _Any: new GraphQLScalarType({ name: '_Any', serialize: (value) => value }),
    _Entity: { __resolveType: (entity: { __typename: string }) => entity.__typename },
    Query: {
      ...resolvers.Query,
      _service: () => ({ sdl }),
      _entities: (
        _root: unknown,
        { representations }: { representations: Representation[] },
        context: RequestContext,
      ) =>
        representations.map((representation) => {
          const typename = representation.__typename;
          if (typeof typename !== 'string' || !entities.includes(typename)) {
            return new GraphQLError(`No entity of type "${String(typename)}" in this subgraph.`, {
              extensions: { code: 'BAD_USER_INPUT' },
            });
          }
          const resolveReference = references[typename] as ReferenceResolver<Representation>;
          return withTypename(resolveReference(representation, context), typename);
        }),
    },
  };
  return makeExecutableSchema({
    typeDefs: [
      SPECIFICATION_SDL,
      sdl,
      entities.length > 0 ? `union _Entity = ${entities.join(' | ')}` : '',
      /* GraphQL */ `
        extend type Query {
          ${entities.length > 0 ? '_entities(representations: [_Any!]!): [_Entity]!' : ''}
          _service: _Service!
        }
      `,
    ],
    resolvers: [resolvers as IResolvers, federation],
  });
}

/** A subgraph's own SDL, as the specification serves it at `_service { sdl }`: what composition reads. */
export function subgraphSdl(schema: GraphQLSchema): string {
  const result = execute({ schema, document: parse('{ _service { sdl } }') }) as {
    data?: { _service?: { sdl?: string } };
  };
  const sdl = result.data?._service?.sdl;
  if (!sdl) throw new Error('The schema is not a subgraph schema: _service { sdl } did not answer');
  return sdl;
}
