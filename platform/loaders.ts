import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

/** Builds a DataLoader bound to one request's EntityManager and, when scoped, the caller's gemeenten. */
export type LoaderFactory<K, V> = (em: EntityManager, gemeenten: string[] | null) => DataLoader<K, V>;

/** The DataLoaders of one request, created on first use, keyed by their factory. */
export class Loaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  /** `gemeenten` null: no restriction (consent-opened data); otherwise rows of these gemeenten only. */
  constructor(
    private readonly em: EntityManager,
    private readonly gemeenten: string[] | null,
  ) {}

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory);
    if (!loader) {
      loader = factory(this.em, this.gemeenten);
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
}

function where<E>(
  field: string,
  keys: readonly unknown[],
  gemeenten: string[] | null,
  scoped: boolean,
): FilterQuery<E> {
  return {
    [field]: { $in: [...keys] },
    ...(scoped && gemeenten ? { gemeente: { $in: gemeenten } } : {}),
  } as FilterQuery<E>;
}

/**
 * A loader of all rows whose `field` equals the key: one `WHERE field IN (...)` per batch, whatever the
 * number of keys.
 */
export function manyByKey<E extends object, F extends KeyOf<E>>(
  entity: EntityName<E>,
  field: F,
  { orderBy = {}, scoped = true }: LoaderOptions<E> = {},
): LoaderFactory<E[F], E[]> {
  return (em, gemeenten) =>
    new DataLoader<E[F], E[]>(async (keys) => {
      const rows = await em.find(entity, where<E>(field, keys, gemeenten, scoped), {
        orderBy: orderBy as never,
      });
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
  { scoped = true }: Pick<LoaderOptions<E>, 'scoped'> = {},
): LoaderFactory<E[F], E | null> {
  return (em, gemeenten) =>
    new DataLoader<E[F], E | null>(async (keys) => {
      const rows = await em.find(entity, where<E>(field, keys, gemeenten, scoped));
      const byKey = new Map<E[F], E>(rows.map((row): [E[F], E] => [(row as E)[field], row as E]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
}
