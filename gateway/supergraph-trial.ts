import { spawn } from 'node:child_process';
import {
  buildSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';

/** A trial that takes longer than this is a planner that hangs: the supergraph is refused. */
const TRIAL_TIMEOUT_MS = 30_000;

/**
 * The trial, run by a separate Node process: it builds the Rust query planner over the supergraph and
 * plans every operation. A panic in native code can abort the process that runs it; here that is the
 * trial's process, never the gateway's.
 */
const TRIAL_SOURCE = (plannerPath: string): string => `
const { QueryPlanner } = require(${JSON.stringify(plannerPath)});
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  try {
    const { supergraph, operations } = JSON.parse(input);
    const planner = new QueryPlanner(supergraph);
    for (const operation of operations) planner.plan(operation, null, new Set(), 0);
    process.stdout.write('planned');
  } catch (error) {
    process.stderr.write(String(error && error.message ? error.message : error));
    process.exitCode = 1;
  }
});
`;

const hidden = (node: {
  astNode?: { directives?: readonly { name: { value: string } }[] } | null;
}): boolean =>
  Boolean(node.astNode?.directives?.some((directive) => directive.name.value === 'inaccessible'));

/** Fields a client may select without arguments: the trial has no values to give them. */
function selectableFields(type: GraphQLNamedType): GraphQLField<unknown, unknown>[] {
  if (!isObjectType(type) && !isInterfaceType(type)) return [];
  return Object.values(type.getFields()).filter(
    (field) =>
      !hidden(field) &&
      !hidden(getNamedType(field.type)) &&
      field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined),
  );
}

/** A selection of a type down to `depth` levels: its leaves, and `__typename` wherever it stops. */
function selection(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  const fields = depth > 0 ? selectableFields(named) : [];
  return `{ __typename ${fields.map((field) => `${field.name} ${selection(field.type, depth - 1)}`).join(' ')} }`;
}

/**
 * One operation per root field a client can reach (queries and mutations), two levels deep, with its
 * required arguments as variables: a field the planner cannot route to a subgraph fails the trial.
 */
export function trialOperations(supergraph: string): string[] {
  const schema = buildSchema(supergraph);
  const operations: string[] = [];
  for (const [kind, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (hidden(field) || hidden(getNamedType(field.type))) continue;
      const required = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
      const variables = required.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
      const args = required.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
      operations.push(
        `${kind} Proef${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection(field.type, 2)} }`,
      );
    }
  }
  return operations;
}

/**
 * Plans `operations` over `supergraph` with the Rust planner in a child process. Resolves when every
 * operation plans; rejects with the planner's reason, or when the process dies or takes too long.
 */
export function planInChildProcess(supergraph: string, operations: string[]): Promise<void> {
  const plannerPath = require.resolve('@graphql-hive/router-query-planner');
  return new Promise((resolve, reject) => {
    // No environment: the trial needs none of the gateway's keys.
    const child = spawn(process.execPath, ['-e', TRIAL_SOURCE(plannerPath)], {
      env: {},
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: TRIAL_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin.on('error', () => undefined);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0 && stdout === 'planned') return resolve();
      reject(
        new Error(
          signal
            ? `the query planner's trial process ended by ${signal}`
            : `the query planner refused it: ${stderr.trim().split('\n')[0] ?? 'no reason given'}`,
        ),
      );
    });
    child.stdin.end(JSON.stringify({ supergraph, operations }));
  });
}

/** Whether the Rust planner can plan every root field of the supergraph, tried outside this process. */
export async function trialPlan(supergraph: string): Promise<void> {
  await planInChildProcess(supergraph, trialOperations(supergraph));
}
