import { Client } from 'pg';
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
 * loses its connection stops at once. The connection is one of its own to `url`, the session URL of the
 * database (`<NAME>_SESSION_DATABASE_URL`): through a pooler in transaction mode a session lock would
 * stay on a server connection that other clients then share, and two replicas could both lead.
 */
export function alsLeider(
  url: string,
  naam: string,
  start: () => { stop(): Promise<void> },
  intervalMs = 5000,
): Leiding {
  let stopped = false;
  let verbinding: Client | null = null;
  let dienst: { stop(): Promise<void> } | null = null;
  let timer: NodeJS.Timeout | undefined;

  const laat = async (): Promise<void> => {
    const lopend = dienst;
    dienst = null;
    await lopend?.stop();
    const conn = verbinding;
    verbinding = null;
    // Closing the session lets go of its lock.
    await conn?.end().catch(() => undefined);
  };

  const probeer = async (): Promise<void> => {
    if (stopped || dienst) return;
    const conn = new Client({ connectionString: url, application_name: naam });
    // Until it leads, a lost connection is found by the next attempt; then the lead goes with it.
    conn.on('error', (err: Error) => {
      if (verbinding !== conn) return;
      logger.warn({ naam, err }, 'signals: lost the lead with the database connection');
      void laat();
    });
    try {
      await conn.connect();
      const { rows } = await conn.query<{ ok: boolean }>('select pg_try_advisory_lock(hashtext($1)) as ok', [
        naam,
      ]);
      if (!rows[0]?.ok || stopped) {
        await conn.end();
        return;
      }
      verbinding = conn;
      dienst = start();
      logger.info({ naam }, 'signals: this process leads');
    } catch (err) {
      logger.warn({ naam, err }, 'signals: could not ask for the lead; trying again');
      if (conn !== verbinding) await conn.end().catch(() => undefined);
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
