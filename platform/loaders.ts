import DataLoader from 'dataloader';
import { ReferenceKind, type EntityMetadata, type EntityName, type FilterQuery } from '@mikro-orm/postgresql';
import type { PlainRead, RequestDatabase } from './request-database';
import { arrayElementType, type SqlValue } from './sql';

/** Builds a DataLoader bound to one request's database and, when scoped, the caller's gemeenten. */
export type LoaderFactory<K, V> = (db: RequestDatabase, gemeenten: string[] | null) => DataLoader<K, V>;

/** The DataLoaders of one request, created on first use, keyed by their factory. */
export class Loaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  /** `gemeenten` null: no restriction (consent-opened data); otherwise rows of these gemeenten only. */
  constructor(
    private readonly db: RequestDatabase,
    private readonly gemeenten: string[] | null,
  ) {}

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory);
    if (!loader) {
      loader = factory(this.db, this.gemeenten);
      this.loaders.set(factory, loader);
    }
    return loader as DataLoader<K, V>;
  }

  /** Forgets every cached row, e.g. of a transaction that was rolled back. */
  clearAll(): void {
    for (const loader of this.loaders.values()) loader.clearAll();
  }
}

type KeyOf<E> = Extract<keyof E, string>;

export interface LoaderOptions<E> {
  orderBy?: Partial<Record<KeyOf<E>, 'asc' | 'desc'>>;
  /** Restrict rows to the caller's gemeenten by the table's `gemeente` column (default true). */
  scoped?: boolean;
  /**
   * Entities managed by the request's EntityManager, for rows a mutation changes and flushes. By
   * default a loader reads plain rows: the same properties, without the ORM's query building and
   * hydration, which cost a read-only request more than its SQL did.
   */
  managed?: boolean;
}

/** Values a plain row carries as PostgreSQL returns them (dates stay ISO strings, see the ORM's parsers). */
const PLAIN_TYPES = new Set(['string', 'number', 'boolean']);

/**
 * Column types whose JSON reads as the `pg` driver returns the column (text, integers, booleans, dates
 * as ISO strings): rows of these travel in a combined statement. A `bigint`, `numeric` or timestamp
 * would come back as another value in JSON, so a table with one is read on its own.
 */
const JSON_LIKE_TYPES = new Set([
  'bpchar',
  'varchar',
  'text',
  'uuid',
  'smallint',
  'int',
  'int2',
  'int4',
  'integer',
  'boolean',
  'bool',
  'date',
]);

/** Whether a column of this type may travel in a combined statement's JSON. */
export function isJsonLike(columnType: string): boolean {
  try {
    return JSON_LIKE_TYPES.has(arrayElementType(columnType));
  } catch {
    return false; // a type with no array of its own (an array, a domain with odd spelling): read alone
  }
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * A plain-row loader's statements: for one key and for several, each without and with the restriction
 * to the caller's gemeenten. One key is compared as `= ?`, not as a one-element array: PostgreSQL costs
 * `= any(?)` as if the array held several keys, so a prepared statement's generic plan never looks
 * cheaper than a plan for the actual values, and it would plan the statement again at every execution.
 */
interface PlainStatement {
  one: { unrestricted: PlainRead; restricted: PlainRead };
  many: { unrestricted: PlainRead; restricted: PlainRead };
}

/**
 * The statement of a plain-row loader, built once from the entity's metadata: every column under its
 * property's name, so a row reads like the entity. Entities with values the ORM would convert (times,
 * arrays, JSON) are refused here, at the loader's first use, rather than read differently. The keys and
 * the gemeenten are one array value each: the same text for any number of keys.
 */
function plainStatement<E extends object>(
  meta: EntityMetadata<E>,
  field: string,
  scoped: boolean,
  orderBy: Partial<Record<string, 'asc' | 'desc'>>,
): PlainStatement {
  const columns: string[] = [];
  const columnOf = new Map<string, { name: string; type: string }>();
  let jsonLike = true;
  for (const prop of meta.props) {
    if (prop.persist === false || prop.kind === ReferenceKind.ONE_TO_MANY) continue;
    const column = prop.fieldNames[0];
    const type = prop.columnTypes[0];
    const plain =
      prop.fieldNames.length === 1 &&
      (prop.kind === ReferenceKind.SCALAR || (prop.kind === ReferenceKind.MANY_TO_ONE && prop.mapToPk)) &&
      (prop.kind === ReferenceKind.MANY_TO_ONE || PLAIN_TYPES.has(prop.runtimeType));
    if (!plain || !column || !type) {
      throw new Error(`${meta.className}.${prop.name} is not a plain column: load it with managed: true`);
    }
    columnOf.set(prop.name, { name: column, type });
    jsonLike &&= isJsonLike(type);
    columns.push(column === prop.name ? quote(column) : `${quote(column)} as ${quote(prop.name)}`);
  }
  const column = (name: string): { name: string; type: string } => {
    const found = columnOf.get(name);
    if (!found) throw new Error(`${meta.className} has no column for ${name}`);
    return found;
  };
  const equals = (name: string, one: boolean): string => {
    const { name: columnName, type } = column(name);
    const element = arrayElementType(type);
    return one ? `${quote(columnName)} = ?::${element}` : `${quote(columnName)} = any(?::${element}[])`;
  };
  const order = Object.entries(orderBy).map(
    ([name, direction]) => `${quote(column(name).name)} ${direction}`,
  );
  const select = `select ${columns.join(', ')} from ${quote(meta.tableName)} where`;
  const tail = order.length > 0 ? ` order by ${order.join(', ')}` : '';
  const inGemeenten = scoped ? ` and ${equals('gemeente', false)}` : '';
  // As a part, the rows are one JSON array in the row's order; the sort moves into the aggregate, the
  // one place PostgreSQL keeps it.
  const rowOrder = Object.entries(orderBy).map(([name, direction]) => `r.${quote(name)} ${direction}`);
  const aggregateOrder = rowOrder.length > 0 ? ` order by ${rowOrder.join(', ')}` : '';
  const variant = (one: boolean, restricted: boolean): PlainRead => {
    const where = `${select} ${equals(field, one)}${restricted ? inGemeenten : ''}`;
    return {
      sql: `${where}${tail}`,
      part: jsonLike ? `(select coalesce(json_agg(r${aggregateOrder}), '[]'::json) from (${where}) r)` : null,
    };
  };
  return {
    one: { unrestricted: variant(true, false), restricted: variant(true, true) },
    many: { unrestricted: variant(false, false), restricted: variant(false, true) },
  };
}

/**
 * Reads the rows whose `field` is one of `keys`, restricted to `gemeenten` when scoped: one statement,
 * managed entities or plain rows as the options ask.
 */
function rowReader<E extends object>(
  entity: EntityName<E>,
  field: KeyOf<E>,
  { orderBy = {}, scoped = true, managed = false }: LoaderOptions<E>,
): (db: RequestDatabase, keys: readonly unknown[], gemeenten: string[] | null) => Promise<E[]> {
  if (managed) {
    return (db, keys, gemeenten) =>
      db.em.find(
        entity,
        {
          [field]: { $in: [...keys] },
          ...(scoped && gemeenten ? { gemeente: { $in: gemeenten } } : {}),
        } as FilterQuery<E>,
        { orderBy: orderBy as never },
      );
  }
  let statement: PlainStatement | undefined;
  return async (db, keys, gemeenten) => {
    const restricted = scoped && gemeenten ? gemeenten : null;
    // A caller of no gemeente sees no row of a scoped table; PostgreSQL is not asked for an empty list.
    if (restricted?.length === 0) return [];
    statement ??= plainStatement(db.reader.getMetadata().get<E>(entity), field, scoped, orderBy);
    const one = keys.length === 1;
    const variants = one ? statement.one : statement.many;
    const read = restricted ? variants.restricted : variants.unrestricted;
    const params = [(one ? keys[0] : [...keys]) as SqlValue, ...(restricted ? [restricted] : [])];
    return db.reads.read<E>(read, params);
  };
}

/**
 * A loader of all rows whose `field` equals the key: one `WHERE field = any(...)` per batch, whatever
 * the number of keys.
 */
export function manyByKey<E extends object, F extends KeyOf<E>>(
  entity: EntityName<E>,
  field: F,
  options: LoaderOptions<E> = {},
): LoaderFactory<E[F], E[]> {
  const read = rowReader(entity, field, options);
  return (db, gemeenten) =>
    new DataLoader<E[F], E[]>(async (keys) => {
      const rows = await read(db, keys, gemeenten);
      const byKey = new Map<E[F], E[]>();
      for (const row of rows) {
        const list = byKey.get(row[field]);
        if (list) list.push(row);
        else byKey.set(row[field], [row]);
      }
      return keys.map((key) => byKey.get(key) ?? []);
    });
}

/** A loader of the one row whose `field` equals the key, or null. */
export function oneByKey<E extends object, F extends KeyOf<E>>(
  entity: EntityName<E>,
  field: F,
  options: Pick<LoaderOptions<E>, 'scoped' | 'managed'> = {},
): LoaderFactory<E[F], E | null> {
  const read = rowReader(entity, field, options);
  return (db, gemeenten) =>
    new DataLoader<E[F], E | null>(async (keys) => {
      const rows = await read(db, keys, gemeenten);
      const byKey = new Map<E[F], E>(rows.map((row): [E[F], E] => [row[field], row]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
}
