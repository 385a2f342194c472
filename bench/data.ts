import { Client } from 'pg';
import { databaseName, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { dropDatabase } from '../platform/database';
import { databaseRoles, quoteIdent } from '../platform/database-roles';
import { loadPopulation } from '../generator/load';
import { DEFAULT_SEED, generatePopulationParts } from '../generator/population';
import type { Population } from '../generator/tables';

export type DatabaseUrls = Record<SubgraphName, string>;

/** The database of each subgraph on the bench's server: `<prefix><name>`. */
export function benchDatabaseUrls(serverUrl: string, prefix: string): DatabaseUrls {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const url = new URL(serverUrl);
      url.pathname = `/${databaseName(name, prefix)}`;
      return [name, url.toString()];
    }),
  ) as DatabaseUrls;
}

/** Drops the bench's databases and their roles (the server's, not the database's, so they would stay). */
export async function dropDatabases(urls: DatabaseUrls): Promise<void> {
  await Promise.all(SUBGRAPH_NAMES.map((name) => dropDatabase(urls[name])));
  const roles = SUBGRAPH_NAMES.flatMap((name) => {
    const { owner, runtime } = databaseRoles(decodeURIComponent(new URL(urls[name]).pathname.slice(1)));
    return [owner, runtime];
  });
  const server = new URL(urls['werk-inkomen']);
  server.pathname = '/postgres';
  await query(server.toString(), `DROP ROLE IF EXISTS ${roles.map(quoteIdent).join(', ')}`);
}

export interface LoadTiming {
  scale: number;
  /** A load over data already there (replacing it), after a first one. */
  reload?: boolean;
  generateMs: number;
  /** Loading alone: the total less the time spent generating. */
  loadMs: number;
  totalMs: number;
  rows: number;
  residents: number;
}

/**
 * Generates the population at `scale` and bulk-loads it, replacing what was there, as `npm run seed`
 * does: the parts are generated lazily while the loader pulls them, so generation is timed apart.
 */
export async function generateAndLoad(urls: DatabaseUrls, scale: number): Promise<LoadTiming> {
  let generateMs = 0;
  let residents = 0;
  const parts = generatePopulationParts({ seed: DEFAULT_SEED, scale });
  function* timed(): Generator<Population> {
    for (;;) {
      const before = performance.now();
      const next = parts.next();
      generateMs += performance.now() - before;
      if (next.done) return;
      residents += next.value['werk-inkomen'].inwoner.length;
      yield next.value;
    }
  }
  const started = performance.now();
  const counts = await loadPopulation(timed(), urls);
  const totalMs = performance.now() - started;
  const rows = Object.values(counts)
    .flatMap((tables) => Object.values(tables))
    .reduce((sum, n) => sum + n, 0);
  return { scale, generateMs, loadMs: totalMs - generateMs, totalMs, rows, residents };
}

export async function query<R extends object>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Random residents of `gemeenten` on a running benefit (not Bbz), sampled in the database. */
export async function residentsWithRunningBenefit(
  urls: DatabaseUrls,
  gemeenten: readonly string[],
  limit: number,
): Promise<string[]> {
  const rows = await query<{ bsn: string }>(
    urls['werk-inkomen'],
    `select i.bsn from inwoner i
      where i.gemeente = any($1)
        and exists (select 1 from uitkering u
                     where u.bsn = i.bsn and u.einddatum is null and u.regeling <> 'BBZ')
      order by random() limit $2`,
    [gemeenten, limit],
  );
  return rows.map((row) => row.bsn);
}
