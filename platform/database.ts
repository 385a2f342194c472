import { MikroORM } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';

export type EntityClass = new (...args: never[]) => object;

export interface DatabaseDefinition {
  entities: EntityClass[];
  migrations: MigrationObject[];
}

/** Creates the database of `url` on its server when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Refusing unusual database name "${name}"`);
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) {
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } catch (error) {
        // Another process may have created it in the meantime.
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
  } finally {
    await client.end();
  }
}

/** Drops a database, used by `npm start -- --reset` and by tests. */
export async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Options shared by every subgraph's ORM; `overrides` lets tests and scripts adjust them. */
export function ormOptions(
  url: string,
  definition: DatabaseDefinition,
  overrides: Partial<Options> = {},
): Options {
  return {
    clientUrl: url,
    entities: definition.entities,
    extensions: [Migrator],
    migrations: { migrationsList: definition.migrations, transactional: true, snapshot: false, silent: true },
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    ...overrides,
  };
}

/** Connects to a subgraph's database (created when missing) and brings its schema up to date. */
export async function openDatabase(
  url: string,
  definition: DatabaseDefinition,
  overrides: Partial<Options> = {},
): Promise<MikroORM> {
  await ensureDatabase(url);
  const orm = await MikroORM.init(ormOptions(url, definition, overrides));
  await orm.getMigrator().up();
  return orm;
}

/** Registers a listener for every SQL statement the ORM sends, e.g. to count them. */
export function onSqlStatement(orm: MikroORM, listener: (sql: string) => void): () => void {
  const knex = orm.em.getConnection().getKnex();
  const handler = (query: { sql: string }) => listener(query.sql);
  knex.on('query', handler);
  return () => knex.off('query', handler);
}
