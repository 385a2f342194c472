import {
  Kind,
  parse,
  type DocumentNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeNode,
} from 'graphql';

/** A field of a shared entity that the subgraph resolves itself, ready to select. */
export interface OwnField {
  name: string;
  /** `{ __typename }` for an object or a list of objects, empty for a scalar or an enum. */
  selection: string;
}

/** What the suite needs to know of a subgraph's schema, read from its `_service { sdl }`. */
export interface SubgraphShape {
  sdl: string;
  /** Entity types the subgraph declares (with `@key`). */
  entities: Set<string>;
  /** Fields of `Inwoner` the subgraph resolves: not the key, not `@external`, not hidden, no required args. */
  inwonerFields: OwnField[];
  /** `@external` fields of `Inwoner` (a `@requires` names them): the gateway sends them along, null here. */
  inwonerExternal: string[];
  /** The subgraph's own field on `Logboek`, its processing log, if it has one. */
  logboekField: string | null;
}

const BUILT_IN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function hasDirective(node: { directives?: readonly { name: { value: string } }[] }, name: string): boolean {
  return (node.directives ?? []).some((directive) => directive.name.value === name);
}

/** Every field of an object type over its definition and extensions. */
function fieldsOf(document: DocumentNode, typeName: string): FieldDefinitionNode[] {
  return document.definitions
    .filter(
      (definition): definition is ObjectNode =>
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
        definition.name.value === typeName,
    )
    .flatMap((definition) => definition.fields ?? []);
}

/** Reads a subgraph's SDL; throws the parser's error when it is no SDL at all. */
export function subgraphShape(sdl: string): SubgraphShape {
  const document = parse(sdl);
  const leafTypes = new Set(BUILT_IN_SCALARS);
  const entities = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      leafTypes.add(definition.name.value);
    }
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      hasDirective(definition, 'key')
    ) {
      entities.add(definition.name.value);
    }
  }
  const own = (field: FieldDefinitionNode): boolean =>
    !hasDirective(field, 'external') &&
    !hasDirective(field, 'inaccessible') &&
    (field.arguments ?? []).every((arg) => arg.type.kind !== Kind.NON_NULL_TYPE || arg.defaultValue);
  const inwoner = fieldsOf(document, 'Inwoner');
  const logboek = fieldsOf(document, 'Logboek').filter(
    (field) => field.name.value !== 'zoekvraag' && own(field),
  );
  return {
    sdl,
    entities,
    inwonerFields: inwoner
      .filter((field) => field.name.value !== 'bsn' && own(field))
      .map((field) => ({
        name: field.name.value,
        selection: leafTypes.has(namedType(field.type)) ? '' : ' { __typename }',
      })),
    inwonerExternal: inwoner
      .filter((field) => hasDirective(field, 'external'))
      .map((field) => field.name.value),
    logboekField: logboek[0]?.name.value ?? null,
  };
}
