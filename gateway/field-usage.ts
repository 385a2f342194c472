import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { TypeInfo, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { logger } from '../platform/logger';
import type { HubContext } from './context';

/** The client of a document that is not registered (allowed in development only). */
export const AD_HOC_CLIENT = 'ad-hoc';

/** Counts per day (UTC, `YYYY-MM-DD`), client and schema coordinate (`Type.field`, `Type.field.argument`). */
export type FieldUsage = Record<string, Record<string, Record<string, number>>>;

interface UsageFile {
  version: 1;
  dagen: FieldUsage;
}

/** Days kept in a usage file: longer than any `partner:check --days` asks. */
const RETENTION_DAYS = 400;

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * The schema coordinates an operation asks for: every field (`Inwoner.naam`) and every argument it
 * passes (`Query.inwoner.bsn`), in the notation graphql-inspector gives its changes. Argument values
 * and variables are never looked at: the counts hold no personal data.
 */
export function coordinatesOf(schema: GraphQLSchema, document: DocumentNode): string[] {
  const typeInfo = new TypeInfo(schema);
  const coordinates = new Set<string>();
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        // Introspection is no field of a partner's schema.
        if (!parent || parent.name.startsWith('__') || node.name.value.startsWith('__')) return;
        const field = `${parent.name}.${node.name.value}`;
        coordinates.add(field);
        for (const argument of node.arguments ?? []) coordinates.add(`${field}.${argument.name.value}`);
      },
    }),
  );
  return [...coordinates].sort();
}

/**
 * Field usage counted in memory and added to a small JSON file per gateway host every minute and on
 * close: cheap on the request path (a map increment per coordinate), no database of the gateway's own,
 * and the same on the embedded default as in production, where each replica writes its own file into
 * one shared folder and `partner:check` sums the files.
 */
export class FieldUsageRecorder {
  private pending: FieldUsage = {};
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly dir: string,
    readonly file: string = `${hostname()}.json`,
  ) {}

  record(client: string, coordinates: readonly string[], at: Date = new Date()): void {
    const perClient = (this.pending[day(at)] ??= {});
    const counts = (perClient[client] ??= {});
    for (const coordinate of coordinates) counts[coordinate] = (counts[coordinate] ?? 0) + 1;
  }

  /** Adds what was counted since the last flush to the file; a failure is logged and retried next time. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Flushes every `intervalMs` until closed. */
  start(intervalMs = 60_000): void {
    this.timer = setInterval(() => void this.flush(), intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  private async write(): Promise<void> {
    const counted = this.pending;
    if (Object.keys(counted).length === 0) return;
    this.pending = {};
    const path = join(this.dir, this.file);
    try {
      await mkdir(this.dir, { recursive: true });
      const usage = await readUsageFile(path);
      addUsage(usage, counted);
      const oldest = day(new Date(Date.now() - RETENTION_DAYS * 86_400_000));
      for (const dag of Object.keys(usage)) if (dag < oldest) delete usage[dag];
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ version: 1, dagen: usage } satisfies UsageFile));
      await rename(temporary, path);
    } catch (error) {
      // Counts are kept for the next attempt; losing the statistics never costs a request.
      addUsage(this.pending, counted);
      logger.warn({ service: 'gateway', err: error, path }, 'field usage not written');
    }
  }
}

function addUsage(into: FieldUsage, from: FieldUsage): void {
  for (const [dag, clients] of Object.entries(from)) {
    for (const [client, counts] of Object.entries(clients)) {
      const target = ((into[dag] ??= {})[client] ??= {});
      for (const [coordinate, count] of Object.entries(counts)) {
        target[coordinate] = (target[coordinate] ?? 0) + count;
      }
    }
  }
}

async function readUsageFile(path: string): Promise<FieldUsage> {
  try {
    return (JSON.parse(await readFile(path, 'utf8')) as UsageFile).dagen;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** The usage every gateway wrote into `dir`, summed; no folder is no usage. */
export async function readFieldUsage(dir: string): Promise<FieldUsage> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => file.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const usage: FieldUsage = {};
  for (const file of files) addUsage(usage, await readUsageFile(join(dir, file)));
  return usage;
}

/** Uses per coordinate and client on `since` (a `YYYY-MM-DD`) and later. */
export function usageSince(usage: FieldUsage, since: string): Map<string, Map<string, number>> {
  const result = new Map<string, Map<string, number>>();
  for (const [dag, clients] of Object.entries(usage)) {
    if (dag < since) continue;
    for (const [client, counts] of Object.entries(clients)) {
      for (const [coordinate, count] of Object.entries(counts)) {
        const perClient = result.get(coordinate) ?? new Map<string, number>();
        perClient.set(client, (perClient.get(client) ?? 0) + count);
        result.set(coordinate, perClient);
      }
    }
  }
  return result;
}

/**
 * Counts the schema coordinates of every operation the gateway executes, per client: a registered
 * document's client, else {@link AD_HOC_CLIENT}. The coordinates of a document are worked out once.
 */
export function useFieldUsage(
  recorder: FieldUsageRecorder,
  clientOf: (request: Request) => string,
): GatewayPlugin<HubContext> {
  const cache = new WeakMap<DocumentNode, string[]>();
  const count = ({ args }: { args: unknown }): void => {
    const { document, schema, contextValue } = args as {
      document: DocumentNode;
      schema: GraphQLSchema;
      contextValue: { request: Request };
    };
    try {
      let coordinates = cache.get(document);
      if (!coordinates) {
        coordinates = coordinatesOf(schema, document);
        cache.set(document, coordinates);
      }
      recorder.record(clientOf(contextValue.request), coordinates);
    } catch (error) {
      logger.warn({ service: 'gateway', err: error }, 'field usage not counted');
    }
  };
  // A subscription's fields count once, when it is subscribed.
  return { onExecute: count, onSubscribe: count };
}
