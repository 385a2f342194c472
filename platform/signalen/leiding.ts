import type { MikroORM } from '@mikro-orm/postgresql';
import type { ClientBase } from 'pg';
import { logger } from '../logger';

export interface Leiding {
  /** Whether this process holds the lead now. */
  leidend(): boolean;
  stop(): Promise<void>;
}

/**
 * Runs `start` in one process of a partner at a time: the one that holds a session-level advisory lock
 * on the partner's own database. Replicas of a subgraph (Kubernetes runs two or more) would otherwise
 * each run a relay and a consumer on the same outbox and stream, and lose the order per resident. The
 * lock goes with its connection, so when the leader dies another replica takes over; a leader that
 * loses its connection stops at once.
 */
export function alsLeider(
  orm: MikroORM,
  naam: string,
  start: () => { stop(): Promise<void> },
  intervalMs = 5000,
): Leiding {
  // knex's client hands out a pooled connection of its own; the lock lives as long as that connection.
  const pool = orm.em.getConnection().getKnex().client as {
    acquireConnection(): Promise<ClientBase>;
    releaseConnection(connection: ClientBase): Promise<void>;
  };
  let stopped = false;
  let verbinding: ClientBase | null = null;
  let dienst: { stop(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;

  const laat = async (): Promise<void> => {
    const lopend = dienst;
    dienst = null;
    await lopend?.stop();
    const conn = verbinding;
    verbinding = null;
    if (conn) {
      await conn.query('select pg_advisory_unlock(hashtext($1))', [naam]).catch(() => undefined);
      await pool.releaseConnection(conn).catch(() => undefined);
    }
  };

  const probeer = async (): Promise<void> => {
    if (stopped || dienst) return;
    let conn: ClientBase | null = null;
    try {
      conn = await pool.acquireConnection();
      const { rows } = await conn.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
        naam,
      ]);
      if (!rows[0]?.ok || stopped) {
        if (rows[0]?.ok) await conn.query('select pg_advisory_unlock(hashtext($1))', [naam]);
        await pool.releaseConnection(conn);
        return;
      }
      verbinding = conn;
      conn.once('error', (err: Error) => {
        logger.warn({ naam, err }, 'signals: lost the lead with the database connection');
        void laat();
      });
      dienst = start();
      logger.info({ naam }, 'signals: this process leads');
    } catch (err) {
      logger.warn({ naam, err }, 'signals: could not ask for the lead; trying again');
      if (conn && conn !== verbinding) await pool.releaseConnection(conn).catch(() => undefined);
    }
  };

  const ronde = (): void => {
    void probeer().finally(() => {
      if (!stopped) timer = setTimeout(ronde, intervalMs);
    });
  };
  ronde();

  return {
    leidend: () => dienst !== null,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await laat();
    },
  };
}
