import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ChangeType, CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { composeSubgraphs } from '../composition';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { SCHEMA_DIR } from '../../platform/paths';
import { usageSince, type FieldUsage } from '../../gateway/field-usage';
import { readClientManifests, type ClientManifest } from '../../gateway/trusted-documents';

export interface PartnerCheckInput {
  /** The partner (subgraph) whose schema the proposal replaces; a new name adds a partner. */
  partner: string;
  /** The proposed subgraph SDL, as its `_service { sdl }` prints it. */
  proposal: string;
  /** How far back field usage counts, in days (today included). */
  days: number;
  /** Field usage as the gateways recorded it. */
  usage: FieldUsage;
  /** Today's registered subgraph SDL by partner (default: schema/<name>.graphql). */
  registered?: Record<string, string>;
  /** The registered clients' trusted documents (default: registry/clients). */
  clients?: ClientManifest[];
  today?: Date;
}

export interface PartnerCheckResult {
  approved: boolean;
  /** Why the proposal is refused, one line each; empty when approved. */
  refusals: string[];
  /** The report for people, as `npm run partner:check` prints it. */
  report: string;
}

/** Removing these requires a deprecation in today's schema first: a client must have had warning. */
const REMOVALS: ReadonlySet<Change['type']> = new Set<Change['type']>([
  ChangeType.FieldRemoved,
  ChangeType.FieldArgumentRemoved,
  ChangeType.InputFieldRemoved,
  ChangeType.EnumValueRemoved,
]);

const LEVEL: Record<CriticalityLevel, string> = {
  [CriticalityLevel.Breaking]: 'BREAKING ',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE     ',
};

async function registeredSchemas(): Promise<Record<string, string>> {
  const schemas: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    schemas[name] = await readFile(join(SCHEMA_DIR, `${name}.graphql`), 'utf8');
  }
  return schemas;
}

/** The API schema clients see when these subgraph SDLs compose, or the composition's errors. */
function apiSchemaOf(
  subgraphs: Record<string, string>,
): { api: GraphQLSchema; errors: null } | { api: null; errors: string[] } {
  const result = composeSubgraphs(subgraphs);
  return result.errors
    ? { api: null, errors: result.errors }
    : { api: buildSchema(result.publicSdl), errors: null };
}

/** The deprecation reason of a coordinate in `schema` (`Type.field`, `Type.field.arg`, `Enum.VALUE`), if any. */
function deprecationOf(schema: GraphQLSchema, path: string): string | null | undefined {
  const [typeName, member, argument] = path.split('.');
  const type = typeName ? schema.getType(typeName) : undefined;
  if (!type || !member) return undefined;
  if (isEnumType(type)) return type.getValue(member)?.deprecationReason;
  if (isInputObjectType(type)) return type.getFields()[member]?.deprecationReason;
  if (isObjectType(type) || isInterfaceType(type)) {
    const field = type.getFields()[member];
    if (!argument) return field?.deprecationReason;
    return field?.args.find((arg) => arg.name === argument)?.deprecationReason;
  }
  return undefined;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Checks a partner's proposed subgraph schema against today's registered one: it must compose with
 * the other partners, every registered client operation must stay valid, a breaking change may not
 * touch a coordinate any client used in the last `days` days, and a removal needs an earlier deprecation.
 */
export async function checkPartnerProposal(input: PartnerCheckInput): Promise<PartnerCheckResult> {
  const registered = input.registered ?? (await registeredSchemas());
  const clients = input.clients ?? (await readClientManifests());
  const today = input.today ?? new Date();
  const since = day(new Date(today.getTime() - (input.days - 1) * 86_400_000));
  const refusals: string[] = [];
  const lines: string[] = [
    `partner:check ${input.partner}: field usage since ${since} (${input.days} days)`,
    '',
  ];
  const finish = (): PartnerCheckResult => {
    lines.push(
      '',
      refusals.length === 0
        ? 'Verdict: APPROVED'
        : `Verdict: REFUSED\n${refusals.map((reason) => `  - ${reason}`).join('\n')}`,
    );
    return { approved: refusals.length === 0, refusals, report: lines.join('\n') };
  };

  const current = apiSchemaOf(registered);
  if (!current.api)
    throw new Error(`Today's registered schemas do not compose:\n${current.errors.join('\n')}`);

  try {
    parse(input.proposal);
  } catch (error) {
    refusals.push(`the proposed schema does not parse: ${(error as Error).message}`);
    lines.push('Composition: not tried, the proposal does not parse');
    return finish();
  }
  const isNew = !(input.partner in registered);
  const proposed = apiSchemaOf({ ...registered, [input.partner]: input.proposal });
  if (!proposed.api) {
    lines.push(`Composition with the other partners: FAILED`);
    for (const error of proposed.errors) lines.push(`  - ${error}`);
    refusals.push(`the proposal does not compose with the other partners (${proposed.errors.length} errors)`);
    return finish();
  }
  lines.push(`Composition with the other partners: ok${isNew ? ` (${input.partner} is a new partner)` : ''}`);

  const changes: Change[] = await diff(current.api, proposed.api);
  const counts = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level).length;
  lines.push(
    '',
    `Changes to the API schema clients see: ${changes.length} (${counts(CriticalityLevel.Breaking)} breaking, ` +
      `${counts(CriticalityLevel.Dangerous)} dangerous, ${counts(CriticalityLevel.NonBreaking)} safe)`,
  );
  const used = usageSince(input.usage, since);
  for (const change of changes) {
    lines.push(`  ${LEVEL[change.criticality.level]} ${change.message}`);
    if (change.criticality.level !== CriticalityLevel.Breaking || !change.path) continue;
    const path = change.path;
    const users = new Map<string, number>();
    for (const [coordinate, perClient] of used) {
      if (coordinate !== path && !coordinate.startsWith(`${path}.`)) continue;
      for (const [client, count] of perClient) users.set(client, (users.get(client) ?? 0) + count);
    }
    if (users.size > 0) {
      const who = [...users].map(([client, count]) => `${client} (${count}x)`).join(', ');
      lines.push(`            refused: ${path} was used in the last ${input.days} days by ${who}`);
      refusals.push(`${path}: breaking, and used in the last ${input.days} days by ${who}`);
    } else {
      lines.push(`            no client used ${path} in the last ${input.days} days`);
    }
    if (REMOVALS.has(change.type) && !deprecationOf(current.api, path)) {
      lines.push(`            refused: ${path} is not deprecated in today's schema; deprecate it first`);
      refusals.push(`${path}: removed without an earlier deprecation (@deprecated in a release before)`);
    }
  }

  const operations = clients.flatMap((manifest) =>
    manifest.operations.map((operation) => ({ client: manifest.client, operation })),
  );
  const invalid = operations.flatMap(({ client, operation }) =>
    validate(proposed.api, parse(operation.body)).map(
      (error) =>
        `${client} ${operation.name ?? '(anonymous)'} (${operation.id.slice(0, 12)}): ${error.message}`,
    ),
  );
  lines.push(
    '',
    `Registered operations of ${clients.length} clients against the new API schema: ` +
      (invalid.length === 0 ? `all ${operations.length} valid` : `${invalid.length} errors`),
  );
  for (const error of invalid) {
    lines.push(`  - ${error}`);
    refusals.push(`registered operation no longer valid: ${error}`);
  }
  return finish();
}
