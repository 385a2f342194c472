import DataLoader from 'dataloader';
import type { EntityManager, EntityName, FilterQuery } from '@mikro-orm/postgresql';

/** Builds a DataLoader bound to one request's EntityManager. */
export type LoaderFactory<K, V> = (em: EntityManager) => DataLoader<K, V>;

/** The DataLoaders of one request, created on first use, keyed by their factory. */
export class Loaders {
  private readonly loaders = new Map<LoaderFactory<unknown, unknown>, DataLoader<unknown, unknown>>();

  constructor(private readonly em: EntityManager) {}

  get<K, V>(factory: LoaderFactory<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(factory);
    if (!loader) {
      loader = factory(this.em);
      this.loaders.set(factory, loader);
    }
    return loader as DataLoader<K, V>;
  }
}

type KeyOf<E> = Extract<keyof E, string>;

/**
 * A loader of all rows whose `field` equals the key: one `WHERE field IN (...)` per batch, whatever the
 * number of keys. `orderBy` keeps lists stable.
 */
export function manyByKey<E extends object, F extends KeyOf<E>>(
  entity: EntityName<E>,
  field: F,
  orderBy: Partial<Record<KeyOf<E>, 'asc' | 'desc'>> = {},
): LoaderFactory<E[F], E[]> {
  return (em) =>
    new DataLoader<E[F], E[]>(async (keys) => {
      const rows = await em.find(entity, { [field]: { $in: [...keys] } } as FilterQuery<E>, {
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
): LoaderFactory<E[F], E | null> {
  return (em) =>
    new DataLoader<E[F], E | null>(async (keys) => {
      const rows = await em.find(entity, { [field]: { $in: [...keys] } } as FilterQuery<E>);
      const byKey = new Map<E[F], E>(rows.map((row): [E[F], E] => [(row as E)[field], row as E]));
      return keys.map((key) => byKey.get(key) ?? null);
    });
}
