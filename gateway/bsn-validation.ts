import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { bsnProblem } from '../platform/bsn';

const BSN_TYPE = 'BSN';
const SCALAR_LITERALS = new Set<Kind>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM]);

function invalidBsn(problem: string): GraphQLError {
  return new GraphQLError(`Invalid BSN: ${problem}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** Checks every BSN inside a variable value of the given input type, however deeply nested. */
function checkValue(type: GraphQLInputType, value: unknown): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value);
  if (isListType(type)) {
    for (const item of Array.isArray(value) ? value : [value]) checkValue(type.ofType, item);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(type.getFields())) {
      checkValue(field.type, (value as Record<string, unknown>)[field.name]);
    }
    return;
  }
  if (type.name === BSN_TYPE) {
    const problem = bsnProblem(value);
    if (problem) throw invalidBsn(problem);
  }
}

/** Checks BSN literals in the document and BSN values in the variables against the 11-proef. */
export function checkBsnInputs(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (type) checkValue(type, variables?.[definition.variable.name.value]);
  }
  const typeInfo = new TypeInfo(schema);
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        if (!SCALAR_LITERALS.has(node.kind)) return;
        if (getNamedType(typeInfo.getInputType())?.name !== BSN_TYPE) return;
        // A BSN literal must be a string: 012345678 as a number would lose its leading zero.
        const problem = node.kind === Kind.STRING ? bsnProblem(node.value) : 'a BSN is a string of 9 digits';
        if (problem) throw invalidBsn(problem);
      },
    }),
  );
}

/**
 * The gateway's schema treats custom scalars as opaque, so a wrong BSN would otherwise travel to the
 * subgraphs. This plugin rejects it with BAD_USER_INPUT before any subgraph or database is touched.
 */
export function bsnValidationPlugin<T extends BaseContext>(): ApolloServerPlugin<T> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        didResolveOperation: ({ schema, operation, request }) => {
          if (operation) checkBsnInputs(schema, operation, request.variables);
          return Promise.resolve();
        },
      }),
  };
}
