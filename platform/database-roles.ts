import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Least privilege in PostgreSQL. Every subgraph database has two roles of its own:
 *
 * - the owner (`<database>_owner`) owns the database, its schema and every table, and runs the
 *   migrations. Created by the hub it cannot log in: the administrative connection acts as it
 *   (`SET ROLE`) to migrate and to bulk-load.
 * - the runtime role (`<database>_runtime`) is the role the service answers requests with. It owns
 *   nothing, so it cannot change the schema, disable a trigger or drop a table; it is no superuser, so
 *   it cannot set `session_replication_role` either. It may SELECT every table, INSERT, UPDATE and
 *   DELETE the domain tables, only INSERT into the append-only tables of the processing log, on a
 *   table with row level security only the commands its policies name (and only the rows they
 *   allow), and use the sequences.
 *
 * The runtime role's grants are re-applied by the owner after every migration run, derived from
 * the schema as it then is: a table added by any later migration gets them without a line here.
 * Append-only tables are recognised by their append-only trigger, tables with row level security by
 * their policies, not by a list of names.
 */

/** The function behind the append-only triggers of the processing log (`logboek.migration.ts`). */
const APPEND_ONLY_FUNCTION = 'logboek_append_only';

/** MikroORM's record of the migrations run: the runtime role may read it, never write it. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** Longest identifier PostgreSQL keeps whole. */
const MAX_IDENTIFIER = 63;

export interface DatabaseRoles {
  owner: string;
  runtime: string;
}

/** Role names of a database. Roles are global to a server, so they carry the database's name. */
export function databaseRoles(database: string): DatabaseRoles {
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Refusing unusual database name "${database}"`);
  const roles = { owner: `${database}_owner`, runtime: `${database}_runtime` };
  if (roles.runtime.length > MAX_IDENTIFIER) {
    throw new Error(`Database name "${database}" is too long for its role names (at most 55 characters)`);
  }
  return roles;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The password as a SCRAM-SHA-256 verifier, as `psql`'s `\password` sends it: the clear text never
 * reaches the server, so it cannot end up in its statement log. Passwords beyond printable ASCII go
 * as they are, since the server would first normalise them (SASLprep).
 */
function passwordVerifier(password: string): string {
  if (!/^[\x20-\x7e]+$/.test(password)) return password;
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Attributes of both roles: nothing beyond logging in (the runtime role) and owning (the owner). */
const PLAIN_ROLE = 'NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';

async function ensureRole(admin: Client, role: string, attributes: string): Promise<void> {
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
  await admin.query(`${verb} ROLE ${quoteIdent(role)} WITH ${PLAIN_ROLE} ${attributes}`);
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The connection URL of `database` on the server of `serverUrl`: as the URL's own user, as another
 * role with its password, or as the URL's user acting as a role it is a member of.
 */
function databaseUrl(
  serverUrl: string,
  database: string,
  login: { user: string; password: string } | { actAs: string } | null = null,
): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  url.searchParams.delete('options');
  if (login && 'actAs' in login) url.searchParams.set('options', `-c role=${login.actAs}`);
  else if (login) {
    url.username = encodeURIComponent(login.user);
    url.password = encodeURIComponent(login.password);
  }
  return url.toString();
}

/** Connection URLs of a database whose roles the hub made. */
export interface ProvisionedDatabase {
  /** As the runtime role, with its password. */
  url: string;
  /** As the administrative user acting as the owner: what migrations and bulk loads use. */
  migrationUrl: string;
}

/**
 * With an administrative connection (a superuser, or a role with CREATEDB and CREATEROLE): creates the
 * database, its owner and its runtime role, or brings existing ones in line (attributes, the runtime
 * role's password, ownership of a database made before these roles existed). Idempotent, and safe
 * when several processes provision the same database at once; `reset` drops the database first.
 * Roles outlive a dropped database and are reused by the next run.
 */
export async function provisionDatabase(
  adminUrl: string,
  database: string,
  runtimePassword: string,
  options: { reset?: boolean } = {},
): Promise<ProvisionedDatabase> {
  const roles = databaseRoles(database);
  // Statements about databases and roles run in the server's maintenance database.
  await withClient(databaseUrl(adminUrl, 'postgres'), async (admin) => {
    // Roles and databases are global to the server: one provisioning of this database at a time.
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [`keten-provision:${database}`]);
    try {
      if (options.reset) await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      // The owner inherits: it creates in schema public through pg_database_owner (PostgreSQL 15+).
      await ensureRole(admin, roles.owner, 'NOLOGIN INHERIT');
      await ensureRole(
        admin,
        roles.runtime,
        `LOGIN NOINHERIT PASSWORD ${admin.escapeLiteral(passwordVerifier(runtimePassword))}`,
      );
      const { rows } = await admin.query<{ superuser: boolean }>(
        'SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
      );
      // A non-superuser administrator acts as the owner through membership.
      if (!rows[0]?.superuser) await admin.query(`GRANT ${quoteIdent(roles.owner)} TO CURRENT_USER`);
      const existing = await admin.query<{ owner: string }>(
        'SELECT pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = $1',
        [database],
      );
      if (existing.rowCount === 0) {
        await admin.query(`CREATE DATABASE ${quoteIdent(database)} OWNER ${quoteIdent(roles.owner)}`);
      } else if (existing.rows[0]?.owner !== roles.owner) {
        await admin.query(`ALTER DATABASE ${quoteIdent(database)} OWNER TO ${quoteIdent(roles.owner)}`);
      }
      // Nobody else connects or makes temporary tables; the runtime role only connects.
      await admin.query(`REVOKE ALL ON DATABASE ${quoteIdent(database)} FROM PUBLIC`);
      await admin.query(`GRANT CONNECT ON DATABASE ${quoteIdent(database)} TO ${quoteIdent(roles.runtime)}`);
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [`keten-provision:${database}`]);
    }
  });
  await withClient(databaseUrl(adminUrl, database), (admin) => adoptSchema(admin, roles));
  return {
    url: databaseUrl(adminUrl, database, { user: roles.runtime, password: runtimePassword }),
    migrationUrl: databaseUrl(adminUrl, database, { actAs: roles.owner }),
  };
}

/**
 * Inside the database: schema `public` belongs to the owner and only the owner creates in it (before
 * PostgreSQL 15 everyone could), and objects made before the owner role existed (by the administrative
 * user, in a database of an earlier version of the hub) pass to the owner.
 */
async function adoptSchema(admin: Client, roles: DatabaseRoles): Promise<void> {
  const owner = quoteIdent(roles.owner);
  await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  const schema = await admin.query<{ owner: string }>(
    `SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = 'public'`,
  );
  const schemaOwner = schema.rows[0]?.owner;
  if (schemaOwner !== roles.owner && schemaOwner !== 'pg_database_owner') {
    await admin.query(`ALTER SCHEMA public OWNER TO ${owner}`);
  }
  // Sequences of serial and identity columns follow their table.
  const relations = await admin.query<{ name: string; kind: string }>(
    `SELECT c.oid::regclass::text AS name, c.relkind AS kind
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
        AND pg_get_userbyid(c.relowner) <> $1
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                          AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
      ORDER BY c.relkind <> 'S'`,
    [roles.owner],
  );
  const command: Record<string, string> = {
    r: 'TABLE',
    p: 'TABLE',
    v: 'VIEW',
    m: 'MATERIALIZED VIEW',
    f: 'FOREIGN TABLE',
    S: 'SEQUENCE',
  };
  for (const { name, kind } of relations.rows.reverse()) {
    await admin.query(`ALTER ${command[kind] ?? 'TABLE'} ${name} OWNER TO ${owner}`);
  }
  const routines = await admin.query<{ signature: string; kind: string }>(
    `SELECT p.oid::regprocedure::text AS signature, p.prokind AS kind
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
    [roles.owner],
  );
  for (const { signature, kind } of routines.rows) {
    await admin.query(`ALTER ${kind === 'p' ? 'PROCEDURE' : 'FUNCTION'} ${signature} OWNER TO ${owner}`);
  }
  const types = await admin.query<{ name: string }>(
    `SELECT t.oid::regtype::text AS name
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm')
        AND pg_get_userbyid(t.typowner) <> $1`,
    [roles.owner],
  );
  for (const { name } of types.rows) await admin.query(`ALTER TYPE ${name} OWNER TO ${owner}`);
}

/** The tables of schema `public` with what the runtime role may do on each. */
const TABLES_SQL = `
  SELECT c.relname AS name,
         c.relkind IN ('r', 'p') AS writable,
         EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                  WHERE t.tgrelid = c.oid AND p.proname = '${APPEND_ONLY_FUNCTION}') AS append_only,
         c.relrowsecurity AS policed,
         array(SELECT DISTINCT po.polcmd::text FROM pg_policy po WHERE po.polrelid = c.oid
                ORDER BY 1) AS policy_commands
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
   ORDER BY c.relname`;

/** `pg_policy.polcmd` of the policies that write: what the runtime role is granted on such a table. */
const POLICY_COMMANDS: Record<string, string[]> = {
  a: ['INSERT'],
  w: ['UPDATE'],
  d: ['DELETE'],
  '*': ['INSERT', 'UPDATE', 'DELETE'],
};

function policedCommands(policyCommands: string[]): string[] {
  const granted = new Set(policyCommands.flatMap((command) => POLICY_COMMANDS[command] ?? []));
  return ['INSERT', 'UPDATE', 'DELETE'].filter((command) => granted.has(command));
}

/**
 * As the owner, after migrating: the runtime role's privileges, exactly. Everything is revoked and
 * granted again in one transaction, so what the role may do follows from the schema, whatever earlier
 * runs granted: SELECT on every table and view; INSERT, UPDATE and DELETE on the domain tables
 * (triggers that maintain other tables, such as statistics aggregates, write with those privileges);
 * only INSERT on the append-only log tables; on a table with row level security the commands its
 * policies name, whose rows the policies then restrict (`gebruikt_bewijs`: INSERT, and DELETE of
 * expired rows); nothing on the migrations record; USAGE on the sequences. Never TRUNCATE, REFERENCES
 * or TRIGGER.
 */
export async function grantRuntimeRole(migrationUrl: string, runtimeRole: string): Promise<void> {
  const role = quoteIdent(runtimeRole);
  await withClient(migrationUrl, async (owner) => {
    await owner.query('BEGIN');
    try {
      await owner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${role}`);
      await owner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${role}`);
      await owner.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
      const { rows } = await owner.query<{
        name: string;
        writable: boolean;
        append_only: boolean;
        policed: boolean;
        policy_commands: string[];
      }>(TABLES_SQL);
      const list = (names: string[]): string => names.map(quoteIdent).join(', ');
      const readable = rows.map((t) => t.name);
      const domain = rows.filter(
        (t) => t.writable && !t.append_only && !t.policed && t.name !== MIGRATIONS_TABLE,
      );
      const appendOnly = rows.filter((t) => t.writable && t.append_only);
      if (readable.length > 0) await owner.query(`GRANT SELECT ON TABLE ${list(readable)} TO ${role}`);
      if (domain.length > 0) {
        await owner.query(
          `GRANT INSERT, UPDATE, DELETE ON TABLE ${list(domain.map((t) => t.name))} TO ${role}`,
        );
      }
      if (appendOnly.length > 0) {
        await owner.query(`GRANT INSERT ON TABLE ${list(appendOnly.map((t) => t.name))} TO ${role}`);
      }
      for (const table of rows.filter((t) => t.writable && !t.append_only && t.policed)) {
        const commands = policedCommands(table.policy_commands);
        if (commands.length > 0) {
          await owner.query(`GRANT ${commands.join(', ')} ON TABLE ${quoteIdent(table.name)} TO ${role}`);
        }
      }
      await owner.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}`);
      await owner.query('COMMIT');
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** What the runtime role of a connection may do that it must not. */
export interface RuntimeRoleFindings {
  role: string;
  /** Reasons to refuse, as phrases; empty when the role is fit to serve. */
  refusals: string[];
}

/** Run on a runtime connection: the checks behind "refuse to serve as a superuser or as the owner". */
export const RUNTIME_ROLE_SQL = `
  WITH log AS (
    SELECT c.oid, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND EXISTS (
       SELECT 1 FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
        WHERE t.tgrelid = c.oid AND p.proname = '${APPEND_ONLY_FUNCTION}'))
  SELECT current_user AS role,
         r.rolsuper AS superuser,
         r.rolbypassrls AS bypasses_policies,
         (SELECT count(*) FROM log)::int AS log_tables,
         coalesce((SELECT bool_or(pg_has_role(current_user, relowner, 'MEMBER')) FROM log), false) AS owns_log,
         coalesce((SELECT bool_or(has_table_privilege(oid, 'UPDATE') OR has_table_privilege(oid, 'DELETE')
                                  OR has_table_privilege(oid, 'TRUNCATE')) FROM log), false) AS rewrites_log,
         has_schema_privilege('public', 'CREATE') AS creates
    FROM pg_roles r WHERE r.rolname = current_user`;

export interface RuntimeRoleRow {
  role: string;
  superuser: boolean;
  bypasses_policies: boolean;
  log_tables: number;
  owns_log: boolean;
  rewrites_log: boolean;
  creates: boolean;
}

export function runtimeRoleFindings(row: RuntimeRoleRow): RuntimeRoleFindings {
  const refusals: string[] = [];
  if (row.superuser) refusals.push('it is a superuser');
  else if (row.owns_log) refusals.push('it owns the processing log (or is a member of its owner)');
  if (!row.superuser && row.rewrites_log)
    refusals.push('it may UPDATE, DELETE or TRUNCATE the processing log');
  if (!row.superuser && row.creates) refusals.push('it may CREATE in schema public');
  // Row level security keeps a used proof's record until it has expired (gebruikt_bewijs).
  if (!row.superuser && row.bypasses_policies) refusals.push('it bypasses row level security');
  if (row.log_tables === 0) refusals.push('the processing log tables are missing');
  return { role: row.role, refusals };
}
