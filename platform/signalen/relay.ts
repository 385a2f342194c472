import type { MikroORM } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config';
import { logger } from '../logger';
import { runSql } from '../sql';
import type { Gebeurtenis, GebeurtenisSoort } from './gebeurtenis';
import type { SignaalTransport } from './transport';

const BATCH = 100;

interface OutboxRij {
  positie: string;
  id: string;
  soort: GebeurtenisSoort;
  bsn: string;
  gemeente: string;
  datum: string;
  vastgelegd_op: string;
}

/**
 * Hands a partner's outbox to the transport, in outbox order. The rows it publishes stay locked until
 * they are marked, so a second relay of the same partner (another replica) waits instead of passing
 * them; a relay that dies between publishing and marking publishes them again, which the transport
 * takes once (by event id).
 */
export class Relay {
  private stopped = false;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly bron: SubgraphName,
    private readonly transport: SignaalTransport,
    private readonly intervalMs = 500,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  /** Looks at once: a change with an event just committed. */
  nudge(): void {
    this.wake?.();
  }

  /** Publishes what is in the outbox now; the number of events it handed over. */
  async publiceerOpenstaand(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.orm.em.fork().transactional(async (em) => {
        const rows = await runSql<OutboxRij>(
          em,
          `select positie, id, soort, bsn, gemeente, datum::text as datum,
                  to_char(vastgelegd_op at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as vastgelegd_op
             from uitgaande_gebeurtenis where gepubliceerd_op is null
            order by positie limit ${BATCH} for update`,
        );
        if (rows.length === 0) return 0;
        const gebeurtenissen: Gebeurtenis[] = rows.map((row) => ({
          id: row.id,
          bron: this.bron,
          soort: row.soort,
          bsn: row.bsn,
          gemeente: row.gemeente,
          datum: row.datum,
          vastgelegdOp: row.vastgelegd_op,
        }));
        await this.transport.publiceer(gebeurtenissen);
        await runSql(
          em,
          `update uitgaande_gebeurtenis set gepubliceerd_op = clock_timestamp() where positie = any(?::bigint[])`,
          [rows.map((row) => row.positie)],
        );
        return rows.length;
      });
      total += count;
      if (count < BATCH) return total;
    }
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.publiceerOpenstaand();
      } catch (error) {
        if (this.stopped) break;
        logger.warn({ service: this.bron, err: error }, 'signal relay will try again');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, this.intervalMs);
        this.wake = done;
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.running;
  }
}
