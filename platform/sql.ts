import {
  AbstractSqlDriver,
  JsonProperty,
  PostgreSqlConnection,
  PostgreSqlPlatform,
  Utils,
  type AnyEntity,
  type Configuration,
  type EntityData,
  type EntityManager,
  type Knex,
  type LoggingOptions,
  type QueryResult,
} from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import { logger } from './logger';

/**
 * A value a statement binds. A list is one array value, compared with `= any(?::<type>[])` where
 * `<type>` is the column's own type (`bpchar` for `char(n)`): an untyped or `text[]` array makes
 * PostgreSQL compare the column as text and skip its index.
 */
export type SqlValue = string | number | boolean | null | SqlArray;

/** An array value; `null` elements are SQL nulls (a log line's column that is empty for some rows). */
export type SqlArray = readonly (string | null)[] | readonly (number | null)[];

export interface RunSqlOptions {
  /**
   * Prepare the statement once per connection and run it by name after that: PostgreSQL parses and
   * plans it once instead of at every call. For a hot statement whose text is fixed (a loader's), not
   * for one whose text varies with its values, which would leave a prepared statement per variant.
   */
  prepared?: boolean;
}

/** Names of prepared statements, by their text. */
const preparedNames = new Map<string, string>();

/**
 * The name a statement is prepared under: from its text, so one name never stands for two texts (`pg`
 * refuses that), and every connection and replica prepares the same statement under the same name.
 */
export function preparedName(sql: string): string {
  let name = preparedNames.get(sql);
  if (!name) {
    name = `keten_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    preparedNames.set(sql, name);
  }
  return name;
}

/**
 * Runs one hand-written statement with its values as bound parameters, and returns its rows. The
 * placeholders are `?` (`\\?` for a literal question mark), which knex numbers `$1, $2, ...` for the
 * `pg` driver; the values travel apart from the text, so no BSN, pseudonym or amount is part of a
 * statement PostgreSQL may log. Not `em.execute`: MikroORM 6 writes every value into the text
 * (`platform.formatQuery`), and even on `BoundPostgreSqlDriver` an array stays the ORM's list of values
 * rather than one array value. Runs in `em`'s transaction when it has one.
 */
export async function runSql<T extends object = Record<string, unknown>>(
  em: EntityManager,
  sql: string,
  params: readonly SqlValue[] = [],
  { prepared = false }: RunSqlOptions = {},
): Promise<T[]> {
  const knex = em.getKnex();
  // Without values, knex leaves the text alone (a `?` operator stays an operator).
  const query = params.length > 0 ? knex.raw(sql, params as readonly Knex.RawBinding[]) : knex.raw(sql);
  if (prepared) query.options({ name: preparedName(sql) });
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

/** A value `formatQuery` would write differently than the `pg` driver binds it: its statement inlines. */
const INLINE = Symbol('inline');

/**
 * A value of an ORM statement as the `pg` driver should receive it, spelled as MikroORM's
 * `formatQuery` would have spelled it; INLINE for a value only the text can carry.
 */
function asBinding(value: unknown, platform: PostgreSqlPlatform, knex: Knex): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return platform.formatDate(value);
  if (Utils.isRawSql(value)) {
    const params = value.params.map((param) => asBinding(param, platform, knex));
    return params.includes(INLINE) ? INLINE : knex.raw(value.sql, params as Knex.RawBinding[]);
  }
  if (Utils.isPlainObject(value) || (value as Record<symbol, unknown>)[JsonProperty])
    return JSON.stringify(value);
  // `formatQuery` spells an array as a list of values, `pg` as one array value.
  if (Array.isArray(value)) return INLINE;
  if (typeof value !== 'object' || Buffer.isBuffer(value) || platform.isRaw(value)) return value;
  return INLINE;
}

/**
 * The PostgreSQL connection of the ORM's own statements (finds, the unit of work's inserts and
 * updates): the same statement, its values bound instead of written into the text. A statement with a
 * value only the text can carry (an array the ORM spells as a list) goes as MikroORM sends it.
 */
export class BoundPostgreSqlConnection extends PostgreSqlConnection {
  /** Statements (their text with placeholders) already reported as inlined. */
  private readonly inlined = new Set<string>();

  override async execute<
    T extends QueryResult | EntityData<AnyEntity> | EntityData<AnyEntity>[] = EntityData<AnyEntity>[],
  >(
    queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Knex.Transaction,
    loggerContext?: LoggingOptions,
  ): Promise<T> {
    await this.ensureConnection();
    let sql: string;
    if (typeof queryOrKnex === 'string') sql = queryOrKnex;
    else {
      // As the ORM's own `execute`: a query builder of a transaction runs in it.
      const built = queryOrKnex as unknown as {
        client: { transacting?: boolean };
        toSQL(): { sql: string; bindings?: readonly unknown[] };
      };
      if (!ctx && built.client.transacting) ctx = queryOrKnex as unknown as Knex.Transaction;
      const compiled = built.toSQL();
      sql = compiled.sql;
      params = [...(compiled.bindings ?? [])];
    }
    const knex = this.getKnex();
    const bindings = params.map((value) => asBinding(value, this.platform as PostgreSqlPlatform, knex));
    if (bindings.includes(INLINE)) {
      // Said once per statement, without its values, so that a new one is seen and can be rewritten.
      if (!this.inlined.has(sql)) {
        this.inlined.add(sql);
        logger.warn({ component: 'database', statement: sql }, 'statement sent with its values in the text');
      }
      // eslint-disable-next-line no-restricted-syntax -- MikroORM's own way, for what only the text carries
      return super.execute<T>(sql, params, method, ctx, loggerContext);
    }
    sql = this.config.get('onQuery')(sql, params);
    return this.executeQuery(
      sql,
      async () => {
        const query = bindings.length > 0 ? knex.raw(sql, bindings as Knex.RawBinding[]) : knex.raw(sql);
        if (ctx) query.transacting(ctx);
        return this.transformRawResult<T>(await query, method);
      },
      { query: sql, params, ...loggerContext },
    );
  }
}

/** MikroORM's PostgreSQL driver on `BoundPostgreSqlConnection`: set as `driver` in the ORM's options. */
export class BoundPostgreSqlDriver extends AbstractSqlDriver<BoundPostgreSqlConnection, PostgreSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), BoundPostgreSqlConnection, ['knex', 'pg']);
  }
}
