import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * A value a statement binds. A list is one array value, compared with `= any(?::<type>[])` where
 * `<type>` is the column's own type (`bpchar` for `char(n)`): an untyped or `text[]` array makes
 * PostgreSQL compare the column as text and skip its index.
 */
export type SqlValue = string | number | boolean | null | readonly string[] | readonly number[];

/**
 * Runs one hand-written statement with its values as bound parameters, and returns its rows. The
 * placeholders are `?` (`\\?` for a literal question mark), which knex numbers `$1, $2, ...` for the
 * `pg` driver; the values travel apart from the text, so no BSN, pseudonym or amount is part of a
 * statement PostgreSQL may log. Not `em.execute`: MikroORM 6 writes every value into the text
 * (`platform.formatQuery`) before it sends it. Runs in `em`'s transaction when it has one.
 */
export async function runSql<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly SqlValue[] = [],
): Promise<T[]> {
  const knex = em.getKnex();
  // Without values, knex leaves the text alone (a `?` operator stays an operator).
  const query = params.length > 0 ? knex.raw(sql, params as readonly Knex.RawBinding[]) : knex.raw(sql);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  try {
    const result = (await query) as { rows: T[] };
    return result.rows;
  } catch (error) {
    // The same exception classes as the ORM's own statements (a unique violation, a lost connection).
    throw em.getDriver().convertException(error as Error);
  }
}

/** A serial column is an integer with a default. */
const SERIAL_TYPES = new Map([
  ['serial', 'int'],
  ['serial4', 'int'],
  ['bigserial', 'bigint'],
  ['serial8', 'bigint'],
  ['smallserial', 'smallint'],
]);

/**
 * The element type of a column's array, for `= any(?::<type>[])`: the column's own type, so PostgreSQL
 * compares like with like and uses the column's index. Without its length: `char(9)[]` would refuse a
 * longer key instead of finding no row, and a bare `char` is `char(1)`, so `char(n)` becomes `bpchar`;
 * `serial` is no type of its own.
 */
export function arrayElementType(columnType: string): string {
  const type = columnType
    .trim()
    .toLowerCase()
    .replace(/\s*\(.*\)$/, '');
  if (type === 'char' || type === 'character' || type === 'bpchar') return 'bpchar';
  if (type === 'character varying') return 'varchar';
  const integer = SERIAL_TYPES.get(type);
  if (integer) return integer;
  if (!/^[a-z][a-z0-9 ]*$/.test(type)) throw new Error(`No array type for column type ${columnType}`);
  return type;
}
