import { Client } from 'pg';
import { databaseRoles, provisionDatabase, quoteIdent, type ProvisionedDatabase } from '../database-roles';

/** The stream's one table. */
export const STROOM_TABEL = 'signaalstroom';

/**
 * As the stream database's owner: makes the stream's table when missing and grants the runtime role
 * exactly what publishing and consuming need. A publisher INSERTs (an event already there is skipped
 * by `on conflict do nothing`, which needs no more) and takes positions from the sequence; a consumer
 * SELECTs. Consumers keep their positions in their own partner's database, so nothing here is ever
 * updated or deleted: the role gets no UPDATE, DELETE or TRUNCATE, and owns nothing, so it cannot ALTER
 * or drop the table nor disable a trigger. Idempotent; several services may run it at once.
 */
export async function maakSignaalstroom(ownerUrl: string, runtimeRole: string): Promise<void> {
  const role = quoteIdent(runtimeRole);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('begin');
    // `create table if not exists` is not safe against a concurrent one: one service at a time.
    await client.query(`select pg_advisory_xact_lock(hashtext('signaalstroom-schema'))`);
    await client.query(
      `create table if not exists ${STROOM_TABEL} (
         positie bigserial primary key,
         id uuid not null unique,
         gebeurtenis jsonb not null,
         opgeslagen_op timestamptz not null default clock_timestamp()
       )`,
    );
    const { rows } = await client.query<{ sequence: string }>(
      `select pg_get_serial_sequence($1, 'positie') as sequence`,
      [STROOM_TABEL],
    );
    const sequence = rows[0]?.sequence;
    if (!sequence) throw new Error(`${STROOM_TABEL}.positie has no sequence`);
    await client.query(`revoke all on table ${STROOM_TABEL} from public, ${role}`);
    await client.query(`revoke all on sequence ${sequence} from public, ${role}`);
    await client.query(`grant usage on schema public to ${role}`);
    await client.query(`grant select, insert on table ${STROOM_TABEL} to ${role}`);
    await client.query(`grant usage on sequence ${sequence} to ${role}`);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

/**
 * Where the hub administers the server (`DATABASE_URL`, or the embedded one): the stream database
 * `database` with an owner and a runtime role of its own, as the partners' databases have
 * (`database-roles.ts`), and its table made by the owner. `reset` drops the database first.
 */
export async function provisionSignaalstroom(
  adminUrl: string,
  database: string,
  runtimePassword: string,
  options: { reset?: boolean } = {},
): Promise<ProvisionedDatabase> {
  const provisioned = await provisionDatabase(adminUrl, database, runtimePassword, options);
  await maakSignaalstroom(provisioned.migrationUrl, databaseRoles(database).runtime);
  return provisioned;
}

/** Run on the runtime connection: whether it may do more than publishing and consuming need. */
export const STROOM_ROL_SQL = `
  select current_user as role,
         r.rolsuper as superuser,
         to_regclass('${STROOM_TABEL}') is not null as tabel,
         coalesce((select pg_has_role(current_user, c.relowner, 'MEMBER') from pg_class c
                    where c.oid = to_regclass('${STROOM_TABEL}')), false) as eigenaar,
         coalesce((select has_table_privilege(c.oid, 'UPDATE') or has_table_privilege(c.oid, 'DELETE')
                          or has_table_privilege(c.oid, 'TRUNCATE') from pg_class c
                    where c.oid = to_regclass('${STROOM_TABEL}')), false) as herschrijft,
         has_schema_privilege('public', 'CREATE') as maakt
    from pg_roles r where r.rolname = current_user`;

export interface StroomRolRij {
  role: string;
  superuser: boolean;
  tabel: boolean;
  eigenaar: boolean;
  herschrijft: boolean;
  maakt: boolean;
}

/** Reasons to refuse the connection of a stream's runtime role; empty when it is fit. */
export function stroomRolBezwaren(rij: StroomRolRij): string[] {
  const bezwaren: string[] = [];
  if (rij.superuser) bezwaren.push('it is a superuser');
  else if (rij.eigenaar) bezwaren.push(`it owns ${STROOM_TABEL} (or is a member of its owner)`);
  if (!rij.superuser && rij.herschrijft) bezwaren.push(`it may UPDATE, DELETE or TRUNCATE ${STROOM_TABEL}`);
  if (!rij.superuser && rij.maakt) bezwaren.push('it may CREATE in schema public');
  return bezwaren;
}
