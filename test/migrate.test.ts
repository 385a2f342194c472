import { Client } from 'pg';
import { envPrefix } from '../platform/config';
import { databaseRoles, quoteIdent } from '../platform/database-roles';
import { openDatabase } from '../platform/database';
import { migratePartner } from '../scripts/migrate';
import { SUBGRAPHS } from '../subgraphs';

/**
 * The migration Job of deploy/: a database made as CloudNativePG makes it (an owner that logs in and
 * owns the database, a runtime role that inherits nothing), migrated by scripts/migrate.ts; the
 * subgraph then starts on the runtime role alone.
 */
const NAME = 'swb';
const database = `keten_${process.env.TEST_DATABASE_NAMESPACE || 't'}_migratie_swb`;
const roles = databaseRoles(database);

function at(server: string, db: string, user?: string): string {
  const url = new URL(server);
  url.pathname = `/${db}`;
  if (user) {
    url.username = user;
    url.password = 'test';
  }
  return url.toString();
}

async function asAdmin(server: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: at(server, 'postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

const drop = [
  `DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`,
  `DROP ROLE IF EXISTS ${quoteIdent(roles.runtime)}`,
  `DROP ROLE IF EXISTS ${quoteIdent(roles.owner)}`,
];

describe('scripts/migrate.ts: migrates one partner as its owner for a runtime role that owns nothing', () => {
  const server = process.env.TEST_DATABASE_URL as string;

  beforeAll(() =>
    asAdmin(server, [
      ...drop,
      `CREATE ROLE ${quoteIdent(roles.owner)} LOGIN PASSWORD 'test'`,
      `CREATE ROLE ${quoteIdent(roles.runtime)} LOGIN NOINHERIT PASSWORD 'test'`,
      `CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(roles.owner)}`,
    ]),
  );
  afterAll(() => asAdmin(server, drop));

  it('refuses an unknown partner and a partner without both of its URLs', async () => {
    await expect(migratePartner('nope', {})).rejects.toThrow('usage: node dist/scripts/migrate.js');
    await expect(migratePartner(NAME, {})).rejects.toThrow('SWB_MIGRATION_DATABASE_URL');
  });

  it('migrates, after which the subgraph opens its database as the runtime role without the owner', async () => {
    const prefix = envPrefix(NAME);
    const env = {
      // As in the Job: the runtime role's name only, no password.
      [`${prefix}_DATABASE_URL`]: at(server, database, roles.runtime).replace(':test@', '@'),
      [`${prefix}_MIGRATION_DATABASE_URL`]: at(server, database, roles.owner),
    };
    await expect(migratePartner(NAME, env)).resolves.toBe(NAME);
    // Twice is harmless: a Job that runs again finds nothing to do.
    await expect(migratePartner(NAME, env)).resolves.toBe(NAME);
    const orm = await openDatabase(
      {
        subgraph: NAME,
        url: at(server, database, roles.runtime),
        migrationUrl: null,
        allowPrivilegedRole: false,
      },
      SUBGRAPHS[NAME],
    );
    await orm.close();
  });
});
