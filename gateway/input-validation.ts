import type { Plugin } from '@envelop/core';
import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  typeFromAST,
  visit,
  visitWithTypeInfo,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { bsnProblem } from '../platform/bsn';
import { isIsoDate } from '../platform/scalars';

/** Why a value is not valid for a custom scalar, or null when it is. */
type ScalarCheck = (value: unknown) => string | null;

/**
 * The custom scalars the gateway checks itself. Its schema treats custom scalars as opaque, so a wrong
 * value would otherwise travel to the subgraphs (and a subgraph's refusal of a variable reaches the
 * client only as a failed fetch).
 */
const SCALARS: Record<string, { label: string; check: ScalarCheck }> = {
  BSN: { label: 'BSN', check: bsnProblem },
  Date: {
    label: 'Date',
    check: (value) => (isIsoDate(value) ? null : 'expected a calendar date as YYYY-MM-DD'),
  },
};

const SCALAR_LITERALS = new Set<Kind>([Kind.STRING, Kind.INT, Kind.FLOAT, Kind.BOOLEAN, Kind.ENUM]);

function invalid(label: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid ${label}: ${problem}.`, {
    extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
  });
}

/** Checks every custom scalar inside a variable value of the given input type, however deeply nested. */
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
  const scalar = SCALARS[type.name];
  const problem = scalar?.check(value);
  if (scalar && problem) throw invalid(scalar.label, problem);
}

/** What one operation needs checked, worked out once per document: the literals' verdict, the variables' types. */
interface OperationChecks {
  /** The first wrong literal: its scalar and what is wrong with it. */
  literal: [label: string, problem: string] | null;
  variables: [name: string, type: GraphQLInputType][];
}

function operationChecks(schema: GraphQLSchema, operation: OperationDefinitionNode): OperationChecks {
  const variables: [string, GraphQLInputType][] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type as never) as GraphQLInputType | undefined;
    if (type) variables.push([definition.variable.name.value, type]);
  }
  let literal: [string, string] | null = null;
  const typeInfo = new TypeInfo(schema);
  visit(
    operation,
    visitWithTypeInfo(typeInfo, {
      enter(node) {
        if (literal || !SCALAR_LITERALS.has(node.kind)) return;
        const scalar = SCALARS[getNamedType(typeInfo.getInputType())?.name ?? ''];
        if (!scalar) return;
        // Literals must be strings: 012345678 as a number would lose its leading zero.
        const problem =
          node.kind === Kind.STRING ? scalar.check(node.value) : `a ${scalar.label} is written as a string`;
        if (problem) literal = [scalar.label, problem];
      },
    }),
  );
  return { literal, variables };
}

/**
 * Checks, per operation of a cached document, are kept beside it: Apollo Server hands the same parsed
 * document to every request with the same query, so the document is walked once, not per request.
 */
const checksByOperation = new WeakMap<OperationDefinitionNode, OperationChecks>();

/** Checks BSN and Date literals in the document and values in the variables. */
export function checkScalarInputs(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  let checks = checksByOperation.get(operation);
  if (!checks) {
    checks = operationChecks(schema, operation);
    checksByOperation.set(operation, checks);
  }
  if (checks.literal) throw invalid(...checks.literal);
  for (const [name, type] of checks.variables) checkValue(type, variables?.[name]);
}

/**
 * Rejects a wrong BSN or Date with BAD_USER_INPUT after validation and before execution, so before the
 * query planner or any subgraph or database is touched.
 */
export function useScalarInputChecks(): Plugin {
  const check = ({
    args,
    setResultAndStopExecution,
  }: {
    args: unknown;
    setResultAndStopExecution: (result: ExecutionResult) => void;
  }): void => {
    // The engine's hook types its arguments loosely; they are graphql-js's execution arguments.
    const { document, operationName, schema, variableValues } = args as ExecutionArgs;
    const operation = getOperationAST(document, operationName);
    if (!operation) return;
    try {
      checkScalarInputs(schema, operation, variableValues ?? undefined);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      setResultAndStopExecution({ errors: [error] });
    }
  };
  // A subscription is subscribed, not executed: it is checked the same way.
  return { onExecute: check, onSubscribe: check };
}
