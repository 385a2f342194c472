import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * One request's way to its database. Most requests only read plain rows and write their log line, for
 * which any pooled connection serves; the request's own EntityManager (identity map, unit of work,
 * transaction) is forked when something first needs it.
 */
export class RequestDatabase {
  private forked: EntityManager | undefined;

  constructor(private readonly root: EntityManager) {}

  /** The request's own EntityManager, forked on first use. */
  get em(): EntityManager {
    return (this.forked ??= this.root.fork());
  }

  /** Where a plain statement runs: in the request's transaction when it has one. */
  get reader(): EntityManager {
    return this.forked ?? this.root;
  }
}
