import { Client, Pool } from 'pg';
import { logger } from '../logger';
import { STROOM_ROL_SQL, STROOM_TABEL, stroomRolBezwaren, type StroomRolRij } from './stroom-database';
import { leesBericht, vingerafdruk, type Gebeurtenis } from './gebeurtenis';
import type { Abonnement, AbonnementOpties, Levering, SignaalTransport } from './transport';

const CHANNEL = 'signaalstroom';
const BATCH = 200;

export interface PostgresTransportOptions {
  /** How often a consumer looks when no notification woke it (a lost notification costs this much). */
  pollIntervalMs?: number;
  /**
   * Use a connection that may rewrite the stream anyway (a superuser, the table's owner); default
   * false: refused, as the partners refuse such a role (`DATABASE_ALLOW_PRIVILEGED_ROLE`).
   */
  allowPrivilegedRole?: boolean;
}

/**
 * The event stream in a PostgreSQL database of its own (`SIGNALEN_DATABASE_URL`): a table in which each
 * event has a position, unique by event id. Publishers take a transaction-scoped lock, so positions
 * become visible in order and a consumer reading past a position never skips one that commits later.
 * Consumers are woken by NOTIFY and look anyway every `pollIntervalMs`. The table is the owner's
 * (`stroom-database.ts`); the transport connects as the runtime role, which may only add and read.
 */
export class PostgresTransport implements SignaalTransport {
  readonly naam = 'postgres';
  private readonly pool: Pool;
  private ready: Promise<void> | undefined;
  private readonly pollIntervalMs: number;
  private readonly allowPrivilegedRole: boolean;

  constructor(
    private readonly url: string,
    options: PostgresTransportOptions = {},
  ) {
    this.pool = new Pool({ connectionString: url, max: 4 });
    // An idle client that loses its server must not bring the process down; the next query reconnects.
    this.pool.on('error', (error) => logger.warn({ err: error }, 'signal stream connection lost'));
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.allowPrivilegedRole = options.allowPrivilegedRole ?? false;
  }

  /**
   * Fail closed, once per transport: refuses a stream without its table (its owner makes it) and a
   * connection that could rewrite the stream, unless allowed.
   */
  controleer(): Promise<void> {
    return (this.ready ??= this.pool
      .query<StroomRolRij>(STROOM_ROL_SQL)
      .then(({ rows }) => {
        const rij = rows[0];
        if (!rij?.tabel) {
          throw new Error(
            `The signal stream has no table ${STROOM_TABEL}: its owner makes it (SIGNALEN_MIGRATION_DATABASE_URL, ` +
              `or DATABASE_URL where the hub administers the server).`,
          );
        }
        const bezwaren = stroomRolBezwaren(rij);
        if (bezwaren.length === 0) return;
        const message =
          `Refusing the signal stream as PostgreSQL role "${rij.role}": ${bezwaren.join('; ')}. ` +
          `SIGNALEN_DATABASE_URL must name the stream's runtime role, which may only INSERT and SELECT ` +
          `(docs/ACCESS.md, "Database roles").`;
        if (!this.allowPrivilegedRole) throw new Error(message);
        logger.warn(message);
      })
      .catch((error: unknown) => {
        this.ready = undefined;
        throw error;
      }));
  }

  async publiceer(gebeurtenissen: Gebeurtenis[]): Promise<void> {
    if (gebeurtenissen.length === 0) return;
    await this.controleer();
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select pg_advisory_xact_lock(hashtext('signaalstroom'))`);
      await client.query(
        `insert into signaalstroom (id, gebeurtenis)
         select (g->>'id')::uuid, g from jsonb_array_elements($1::jsonb) with ordinality as t(g, n)
         order by n
         on conflict (id) do nothing`,
        [JSON.stringify(gebeurtenissen)],
      );
      await client.query(`select pg_notify('${CHANNEL}', '')`);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  abonneer(consument: string, opties: AbonnementOpties): Abonnement {
    let stopped = false;
    let wake: (() => void) | undefined;
    // Set by a notification that came while the consumer was busy, so it does not go to sleep.
    let dirty = false;
    let listener: Client | undefined;
    const sleep = (ms: number): Promise<void> =>
      new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, ms);
        wake = done;
      });
    const listen = async (): Promise<void> => {
      try {
        const client = new Client({ connectionString: this.url });
        client.on('error', () => {
          listener = undefined;
        });
        client.on('notification', () => {
          dirty = true;
          wake?.();
        });
        await client.connect();
        await client.query(`listen ${CHANNEL}`);
        listener = client;
      } catch {
        // Without notifications the consumer still polls.
      }
    };
    const loop = async (): Promise<void> => {
      let positie: number | null = null;
      while (!stopped) {
        dirty = false;
        try {
          if (!listener) await listen();
          await this.controleer();
          positie ??= await opties.vanaf();
          // As text: an unreadable row is recognised by the hash of what is stored.
          const { rows }: { rows: { positie: string; tekst: string }[] } = await this.pool.query(
            `select positie, gebeurtenis::text as tekst from signaalstroom
              where positie > $1 order by positie limit ${BATCH}`,
            [positie],
          );
          const batch = rows.map((row): Levering => {
            const gelezen = leesBericht(row.tekst);
            const plaats = { positie: Number(row.positie) };
            if ('gebeurtenis' in gelezen) return { ...plaats, gebeurtenis: gelezen.gebeurtenis };
            return {
              ...plaats,
              onbestelbaar: {
                ...gelezen.onleesbaar,
                onderwerp: STROOM_TABEL,
                sha256: vingerafdruk(row.tekst),
              },
            };
          });
          // Unreadable rows too: the consumer records them and moves past them.
          if (batch.length > 0) await opties.verwerk(batch);
          if (rows.length > 0) positie = Number(rows[rows.length - 1]?.positie);
          if (rows.length === BATCH) continue;
        } catch (error) {
          if (stopped) break;
          logger.warn({ consument, err: error }, 'signal consumer will try again');
          // Where it stands is asked again: only what committed counts.
          positie = null;
          // After a failure it waits its interval, however many notifications came.
          dirty = false;
        }
        if (!stopped && !dirty) await sleep(this.pollIntervalMs);
      }
    };
    const running = loop();
    return {
      stop: async () => {
        stopped = true;
        wake?.();
        await running;
        await listener?.end().catch(() => undefined);
      },
    };
  }

  async sluit(): Promise<void> {
    await this.pool.end();
  }
}
