import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, type SqlValue } from './sql';

/** A plain read of one table: its own statement, and the same rows as one JSON column of a combined one. */
export interface PlainRead {
  /** The statement on its own, prepared: its text is fixed for the loader. */
  sql: string;
  /** A scalar subquery giving the rows as one JSON array, in order; null when JSON would change a value. */
  part: string | null;
}

interface Pending {
  read: PlainRead;
  params: readonly SqlValue[];
  resolve: (rows: object[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Plain reads that a request's loaders dispatch together (a resident's benefits, wage subsidies and civic
 * integration, asked for by sibling fields) go to PostgreSQL as one statement, one column per read:
 * one round trip and one statement for the partner and the server instead of one per table. Each read
 * keeps its own conditions and values, so a caller's restriction to their gemeenten holds per table.
 */
export class ReadBatch {
  private pending: Pending[] = [];

  constructor(private readonly reader: () => EntityManager) {}

  read<T extends object>(read: PlainRead, params: readonly SqlValue[]): Promise<T[]> {
    if (read.part === null) return runSql<T>(this.reader(), read.sql, params, { prepared: true });
    return new Promise<T[]>((resolve, reject) => {
      // DataLoader dispatches each loader's batch in its own `process.nextTick`; a microtask runs after
      // all of the ticks queued together, so it sees every read of that round.
      if (this.pending.length === 0) queueMicrotask(() => void this.flush());
      this.pending.push({ read, params, resolve: resolve as (rows: object[]) => void, reject });
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const em = this.reader();
    try {
      if (batch.length === 1) {
        const [{ read, params, resolve }] = batch as [Pending];
        resolve(await runSql(em, read.sql, params, { prepared: true }));
        return;
      }
      const columns = batch.map(({ read }, index) => `${read.part} as "${index}"`);
      // Prepared like a single read: the combinations a schema's sibling fields make are few and fixed.
      const [row] = await runSql<Record<string, object[]>>(
        em,
        `select ${columns.join(', ')}`,
        batch.flatMap(({ params }) => params),
        { prepared: true },
      );
      batch.forEach(({ resolve }, index) => resolve(row?.[String(index)] ?? []));
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      // One read's fault (a key its column refuses, say) fails the whole statement: each read alone
      // again, so that it withholds no other field's rows.
      else for (const pending of batch) this.alone(em, pending);
    }
  }

  private alone(em: EntityManager, { read, params, resolve, reject }: Pending): void {
    runSql(em, read.sql, params, { prepared: true }).then(resolve, reject);
  }
}

/**
 * One request's way to its database. Most requests only read plain rows and write their log line, for
 * which any pooled connection serves; the request's own EntityManager (identity map, unit of work,
 * transaction) is forked when something first needs it.
 */
export class RequestDatabase {
  private forked: EntityManager | undefined;
  private batch: ReadBatch | undefined;

  constructor(private readonly root: EntityManager) {}

  /** The request's own EntityManager, forked on first use. */
  get em(): EntityManager {
    return (this.forked ??= this.root.fork());
  }

  /** Where a plain statement runs: in the request's transaction when it has one. */
  get reader(): EntityManager {
    return this.forked ?? this.root;
  }

  /** The request's plain reads, combined when dispatched together. */
  get reads(): ReadBatch {
    return (this.batch ??= new ReadBatch(() => this.reader));
  }
}
