/**
 * Bulk loader: writes a generated population into the five partner databases with COPY FROM STDIN,
 * one transaction per database, the databases in parallel. The tables must exist (the subgraphs'
 * migrations create them); the loader never creates or alters a table.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  EXPLICIT_ID_TABLES,
  PARTNERS,
  TABLE_COLUMNS,
  type Partner,
  type Population,
  type RowCounts,
} from './tables';

/** Connection URL per partner database; partners without a URL are not loaded. */
export type DatabaseUrls = Partial<Record<Partner, string>>;

export interface LoadOptions {
  /** Empty the tables first (TRUNCATE ... RESTART IDENTITY CASCADE). Default true. */
  truncate?: boolean;
  /** Refresh the planner statistics after loading. Default true. */
  analyze?: boolean;
  /** Called after each part of a population that arrives in parts. */
  onPart?: (index: number, rows: RowCounts) => void;
}

type Row = Record<string, unknown>;

/** Characters with a meaning in COPY's text format. */
const SPECIAL = /[\\\t\n\r]/;

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') throw new Error(`cannot COPY a value of type ${typeof value}`);
  if (!SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** COPY text in chunks of about 1 MB: few writes, flat memory. */
function* copyText(rows: readonly Row[], columns: readonly string[]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) line += '\t';
      line += copyValue(row[columns[i] as string]);
    }
    chunk += line + '\n';
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function tablesOf(partner: Partner): [string, readonly string[]][] {
  return Object.entries(TABLE_COLUMNS[partner]) as [string, readonly string[]][];
}

async function copyTable(client: Client, table: string, columns: readonly string[], rows: readonly Row[]) {
  if (rows.length === 0) return;
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(copyText(rows, columns)), client.query(copyFrom(sql)));
}

/** Loads one partner's tables of one part, in the order of TABLE_COLUMNS (referenced tables first). */
async function copyPartner(client: Client, partner: Partner, part: Population, counts: RowCounts) {
  const tables = part[partner] as unknown as Record<string, Row[]>;
  for (const [table, columns] of tablesOf(partner)) {
    const rows = tables[table] ?? [];
    await copyTable(client, table, columns, rows);
    counts[partner][table] = (counts[partner][table] ?? 0) + rows.length;
  }
}

function isPopulation(value: unknown): value is Population {
  return typeof value === 'object' && value !== null && 'werk-inkomen' in value;
}

/**
 * Loads a population, or a sequence of parts of one (as `generatePopulationParts` yields them), into
 * the partner databases. All-or-nothing per database: on any error every open transaction is rolled
 * back. Returns the number of rows written per table.
 */
export async function loadPopulation(
  population: Population | Iterable<Population> | AsyncIterable<Population>,
  databaseUrls: DatabaseUrls,
  options: LoadOptions = {},
): Promise<RowCounts> {
  const partners = PARTNERS.filter((partner) => databaseUrls[partner]);
  const counts = Object.fromEntries(
    PARTNERS.map((partner) => [partner, Object.fromEntries(tablesOf(partner).map(([table]) => [table, 0]))]),
  ) as RowCounts;
  const clients = new Map<Partner, Client>();
  try {
    await Promise.all(
      partners.map(async (partner) => {
        const client = new Client({ connectionString: databaseUrls[partner] });
        clients.set(partner, client);
        await client.connect();
        await client.query('BEGIN');
        if (options.truncate ?? true) {
          const names = tablesOf(partner).map(([table]) => quoteIdent(table));
          await client.query(`TRUNCATE ${names.join(', ')} RESTART IDENTITY CASCADE`);
        }
      }),
    );

    const parts = isPopulation(population) ? [population] : population;
    let index = 0;
    for await (const part of parts) {
      await Promise.all(
        partners.map((partner) => copyPartner(clients.get(partner) as Client, partner, part, counts)),
      );
      options.onPart?.(index++, counts);
    }

    await Promise.all(
      partners.map(async (partner) => {
        const client = clients.get(partner) as Client;
        // Rows with explicit ids leave the serial sequence behind: move it past the highest id.
        for (const table of EXPLICIT_ID_TABLES[partner] ?? []) {
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce(max(id), 1), max(id) IS NOT NULL) FROM ${quoteIdent(table)}`,
            [table],
          );
        }
        await client.query('COMMIT');
        if (options.analyze ?? true) await client.query('ANALYZE');
      }),
    );
    return counts;
  } catch (error) {
    await Promise.all([...clients.values()].map((client) => client.query('ROLLBACK').catch(() => undefined)));
    throw error;
  } finally {
    await Promise.all([...clients.values()].map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * Cheap check whether a werk-inkomen database holds a population already (its inwoner table has
 * rows), so `npm start` can skip seeding. False when the table does not exist yet.
 */
export async function isPopulated(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ populated: boolean }>(
      'SELECT EXISTS (SELECT 1 FROM inwoner) AS populated',
    );
    return result.rows[0]?.populated ?? false;
  } catch (error) {
    if ((error as { code?: string }).code === '42P01') return false;
    throw error;
  } finally {
    await client.end();
  }
}
