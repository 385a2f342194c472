import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { Client } from 'pg';
import { databaseName, envPrefix, type HubConfig, type SubgraphName } from './config';
import {
  databaseRoles,
  grantRuntimeRole,
  MIGRATIONS_TABLE,
  provisionDatabase,
  RUNTIME_ROLE_SQL,
  runtimeRoleFindings,
  type RuntimeRoleRow,
} from './database-roles';
import { localSecret } from './local-secret';
import { logger } from './logger';
import { DATA_DIR } from './paths';
import { BoundPostgreSqlDriver, runSql } from './sql';

export type EntityClass = new (...args: never[]) => object;

export interface DatabaseDefinition {
  entities: EntityClass[];
  migrations: MigrationObject[];
}

/** One subgraph's database as its service uses it: see `database-roles.ts` for the two roles. */
export interface SubgraphDatabase {
  subgraph: SubgraphName;
  /** As the runtime role: what the service answers requests with. */
  url: string;
  /** As the owner: migrations and bulk loads. Null when someone else migrates. */
  migrationUrl: string | null;
  /** As the runtime role, for session state (leader lock, LISTEN), past any pooler; default `url`. */
  sessionUrl?: string;
  /** Serve as a superuser or as the log's owner anyway (`DATABASE_ALLOW_PRIVILEGED_ROLE`). */
  allowPrivilegedRole: boolean;
}

/** Where the passwords of the runtime roles the hub makes are kept, unless the environment gives them. */
const ROLE_PASSWORDS_DIR = join(DATA_DIR, 'database-roles');

/** The password of a database's runtime role: as given, else one generated once and kept. */
export async function runtimePassword(database: string, given: string | null): Promise<string> {
  return (
    given ?? (await localSecret(join(ROLE_PASSWORDS_DIR, `${databaseRoles(database).runtime}.password`)))
  );
}

/**
 * A subgraph's database from the configuration. With its own `<NAME>_DATABASE_URL` (and optionally
 * `<NAME>_MIGRATION_DATABASE_URL`), a partner's deployment: used as given, no role is created. Else
 * its database on `DATABASE_URL`'s server, an administrative connection: database, owner and runtime
 * role are created or brought in line (`reset` drops the database first).
 */
export async function subgraphDatabase(
  config: HubConfig,
  name: SubgraphName,
  options: { reset?: boolean } = {},
): Promise<SubgraphDatabase> {
  const own = config.subgraphs[name];
  const prefix = envPrefix(name);
  const allowPrivilegedRole = config.allowPrivilegedDatabaseRole;
  if (own.databaseUrl) {
    if (options.reset) {
      throw new Error(
        `Resetting needs DATABASE_URL; ${prefix}_DATABASE_URL names a database the hub does not manage.`,
      );
    }
    return {
      subgraph: name,
      url: own.databaseUrl,
      migrationUrl: own.migrationDatabaseUrl,
      sessionUrl: own.sessionDatabaseUrl ?? own.databaseUrl,
      allowPrivilegedRole,
    };
  }
  if (own.migrationDatabaseUrl) {
    throw new Error(
      `${prefix}_MIGRATION_DATABASE_URL needs ${prefix}_DATABASE_URL, the runtime role's connection.`,
    );
  }
  if (!config.databaseUrl) {
    throw new Error(
      `No database for subgraph ${name}: set DATABASE_URL (a PostgreSQL server and an administrative user, e.g. ` +
        `postgres://postgres@127.0.0.1:5432/postgres) or ${prefix}_DATABASE_URL and ${prefix}_MIGRATION_DATABASE_URL.`,
    );
  }
  const database = databaseName(name, config.databasePrefix);
  const password = await runtimePassword(database, own.databasePassword);
  try {
    const provisioned = await provisionDatabase(config.databaseUrl, database, password, options);
    return { subgraph: name, ...provisioned, allowPrivilegedRole };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      (error as { code?: string }).code === '42501'
        ? `Could not create ${database} and its roles (${reason}): DATABASE_URL needs an administrative user ` +
            `(a superuser, or CREATEDB and CREATEROLE); a partner's own roles go in ${prefix}_DATABASE_URL ` +
            `and ${prefix}_MIGRATION_DATABASE_URL.`
        : `Could not create ${database} and its roles on DATABASE_URL's server (${reason}).`,
    );
  }
}

/** The owner's connection URL of each database, for bulk loads; refuses where there is none. */
export function ownerUrls<N extends SubgraphName>(databases: Record<N, SubgraphDatabase>): Record<N, string> {
  const urls = {} as Record<N, string>;
  for (const [name, database] of Object.entries(databases) as [N, SubgraphDatabase][]) {
    if (!database.migrationUrl) {
      throw new Error(
        `Loading data needs the owner of ${name}'s database: set ${envPrefix(name)}_MIGRATION_DATABASE_URL (or DATABASE_URL).`,
      );
    }
    urls[name] = database.migrationUrl;
  }
  return urls;
}

/** Creates the database of `url` on its server when it does not exist yet (`npm run migration:create`). */
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

/** Drops a database, used by the benchmark and by tests. */
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

/**
 * Options shared by every subgraph's ORM; `overrides` lets tests and scripts adjust them. A URL's
 * `options` parameter (server settings such as `-c role=...`) reaches the server as in libpq.
 */
export function ormOptions(
  url: string,
  definition: DatabaseDefinition,
  overrides: Partial<Options> = {},
): Options {
  const serverOptions = new URL(url).searchParams.get('options');
  return {
    clientUrl: url,
    // Values travel as bound parameters, never in a statement's text (platform/sql.ts).
    driver: BoundPostgreSqlDriver,
    driverOptions: {
      // A server that does not answer fails a request within seconds, with a named error, rather
      // than holding it for the default minute.
      connection: { connectionTimeoutMillis: 5_000, ...(serverOptions ? { options: serverOptions } : {}) },
      acquireConnectionTimeout: 10_000,
      // The query builder's own messages (a lost connection, say) go through the structured log.
      log: {
        warn: (message: unknown) => logger.warn({ component: 'database' }, String(message)),
        error: (message: unknown) => logger.error({ component: 'database' }, String(message)),
        deprecate: (message: unknown) => logger.warn({ component: 'database' }, String(message)),
        debug: (message: unknown) => logger.debug({ component: 'database' }, String(message)),
      },
    },
    entities: definition.entities,
    extensions: [Migrator],
    migrations: { migrationsList: definition.migrations, transactional: true, snapshot: false, silent: true },
    pool: { min: 0, max: 10 },
    allowGlobalContext: false,
    ...overrides,
  };
}

/**
 * As the owner: brings the schema up to date, then re-applies the runtime role's grants (the role
 * named in the runtime URL), so tables added by the migrations are usable at once.
 */
export async function migrateDatabase(
  database: SubgraphDatabase,
  definition: DatabaseDefinition,
): Promise<void> {
  if (!database.migrationUrl) {
    throw new Error(
      `No owner connection to migrate ${database.subgraph}: set ${envPrefix(database.subgraph)}_MIGRATION_DATABASE_URL.`,
    );
  }
  const runtimeRole = decodeURIComponent(new URL(database.url).username);
  if (!runtimeRole)
    throw new Error(`${envPrefix(database.subgraph)}_DATABASE_URL must name its role (the user).`);
  const orm = await MikroORM.init(
    ormOptions(database.migrationUrl, definition, { pool: { min: 0, max: 1 } }),
  );
  try {
    await orm.getMigrator().up();
  } finally {
    await orm.close();
  }
  await grantRuntimeRole(database.migrationUrl, runtimeRole);
}

/** Without an owner connection the service does not migrate: it refuses a schema that is behind. */
async function ensureMigrated(orm: MikroORM, database: SubgraphDatabase, definition: DatabaseDefinition) {
  let applied: Set<string>;
  try {
    const rows = await runSql<{ name: string }>(orm.em, `select name from ${MIGRATIONS_TABLE}`);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    if ((error as { code?: string }).code !== '42P01') throw error;
    applied = new Set();
  }
  const pending = definition.migrations.filter((migration) => !applied.has(migration.name));
  if (pending.length > 0) {
    throw new Error(
      `${database.subgraph}: ${pending.length} migration(s) pending, from ${pending[0]?.name}: run them as the ` +
        `database's owner first (${envPrefix(database.subgraph)}_MIGRATION_DATABASE_URL, or npm run seed).`,
    );
  }
}

/**
 * Fail closed: a service that answers requests as a superuser, or as a role that owns or may rewrite
 * the processing log, could disable its append-only triggers or delete its lines. Refuses to start
 * then, unless explicitly allowed outside production.
 */
async function checkRuntimeRole(orm: MikroORM, database: SubgraphDatabase): Promise<void> {
  const [row] = await runSql<RuntimeRoleRow>(orm.em, RUNTIME_ROLE_SQL);
  if (!row)
    throw new Error(
      `${database.subgraph}: the role of ${envPrefix(database.subgraph)}_DATABASE_URL was not found`,
    );
  const { role, refusals } = runtimeRoleFindings(row);
  if (refusals.length === 0) return;
  const message =
    `${database.subgraph}: refusing to answer requests as PostgreSQL role "${role}": ${refusals.join('; ')}. ` +
    `${envPrefix(database.subgraph)}_DATABASE_URL must name a runtime role that owns nothing and may only ` +
    `INSERT and SELECT the processing log (docs/ACCESS.md, "Database roles").`;
  if (!database.allowPrivilegedRole) throw new Error(message);
  logger.warn({ subgraph: database.subgraph, role }, `${message} Allowed by DATABASE_ALLOW_PRIVILEGED_ROLE.`);
}

/**
 * Opens a subgraph's database for its service: migrates as the owner when there is an owner
 * connection, then connects as the runtime role and checks that role before anything is served.
 */
export async function openDatabase(
  database: SubgraphDatabase,
  definition: DatabaseDefinition,
  overrides: Partial<Options> = {},
): Promise<MikroORM> {
  if (database.migrationUrl) await migrateDatabase(database, definition);
  const orm = await MikroORM.init(ormOptions(database.url, definition, overrides));
  try {
    if (!database.migrationUrl) await ensureMigrated(orm, database, definition);
    await checkRuntimeRole(orm, database);
  } catch (error) {
    await orm.close();
    throw error;
  }
  return orm;
}

/** Registers a listener for every SQL statement the ORM sends, e.g. to count them. */
export function onSqlStatement(orm: MikroORM, listener: (sql: string) => void): () => void {
  const knex = orm.em.getConnection().getKnex();
  const handler = (query: { sql: string }) => listener(query.sql);
  knex.on('query', handler);
  return () => knex.off('query', handler);
}
