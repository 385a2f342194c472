import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamClient,
  type JsMsg,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { logger } from '../logger';
import { leesBericht, vingerafdruk, type Gebeurtenis } from './gebeurtenis';
import type { Abonnement, AbonnementOpties, Levering, SignaalTransport } from './transport';

export const NATS_STREAM = 'SIGNALEN';
const BATCH = 200;
/** Nanoseconds, as JetStream counts. */
const ns = (ms: number): number => ms * 1_000_000;

/**
 * The event stream on NATS JetStream: one file-backed stream `SIGNALEN`, subjects
 * `signalen.<partner>.<kind>` (never a BSN in a subject). A publish carries the event id as
 * `Nats-Msg-Id`, so JetStream drops a repeat within its duplicate window; consumers are durable pull
 * consumers that acknowledge a batch only once its effects are committed, so a dropped connection or
 * a stopped consumer gets the unacknowledged events again, and the consumer skips those it has.
 */
export class NatsTransport implements SignaalTransport {
  readonly naam = 'nats';

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly ackWaitMs: number,
    private readonly stream: string,
    private readonly prefix: string,
  ) {}

  /**
   * Connects and makes the stream when missing. `stream` and `prefix` (its subjects) default to
   * `SIGNALEN` and `signalen`; tests that share a server take their own.
   */
  static async connect(
    url: string,
    options: { ackWaitMs?: number; stream?: string; prefix?: string } = {},
  ): Promise<NatsTransport> {
    const stream = options.stream ?? NATS_STREAM;
    const prefix = options.prefix ?? 'signalen';
    const nc = await connect({ servers: url, name: 'twente-ketenhub-signalen', maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);
    const config = {
      name: stream,
      subjects: [`${prefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      duplicate_window: ns(10 * 60_000),
    };
    try {
      await jsm.streams.info(stream);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
      await jsm.streams.add(config);
    }
    return new NatsTransport(nc, jetstream(nc), jsm, options.ackWaitMs ?? 5000, stream, prefix);
  }

  async publiceer(gebeurtenissen: Gebeurtenis[]): Promise<void> {
    // One at a time: each is stored before the next is sent, so the stream keeps the outbox order.
    for (const gebeurtenis of gebeurtenissen) {
      await this.js.publish(
        `${this.prefix}.${gebeurtenis.bron}.${gebeurtenis.soort}`,
        JSON.stringify(gebeurtenis),
        {
          msgID: gebeurtenis.id,
        },
      );
    }
  }

  /**
   * The consumer's position in its own database is the truth; the durable consumer is only a cursor,
   * made again from that position at every start and after every failed batch. So events of a batch
   * that failed before its commit come again before any newer one, which an acknowledgement of a newer
   * event (AckPolicy.All) would otherwise have covered. The stream keeps its events (Limits retention).
   */
  private async consumer(naam: string, vanaf: number): Promise<void> {
    try {
      await this.jsm.consumers.delete(this.stream, naam);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
    }
    await this.jsm.consumers.add(this.stream, {
      durable_name: naam,
      ack_policy: AckPolicy.All,
      ack_wait: ns(this.ackWaitMs),
      max_ack_pending: BATCH,
      ...(vanaf > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: vanaf + 1 }
        : { deliver_policy: DeliverPolicy.All }),
    });
  }

  /**
   * An event as the consumer gets it. One it cannot read goes to the consumer too, to be recorded as
   * a dead letter with the batch; so is one whose subject does not say the source and kind it carries
   * (a subject is what a partner may be allowed to publish on).
   */
  private lees(message: JsMsg): Levering {
    const gelezen = leesBericht(message.data);
    const plaats = { positie: message.seq };
    const bericht = { onderwerp: message.subject, sha256: vingerafdruk(message.data) };
    if ('onleesbaar' in gelezen) return { ...plaats, onbestelbaar: { ...gelezen.onleesbaar, ...bericht } };
    const { gebeurtenis } = gelezen;
    if (message.subject !== `${this.prefix}.${gebeurtenis.bron}.${gebeurtenis.soort}`) {
      return {
        ...plaats,
        onbestelbaar: {
          reden: 'ONGELDIG',
          toelichting: 'subject',
          gebeurtenisId: gebeurtenis.id,
          bron: gebeurtenis.bron,
          soort: gebeurtenis.soort,
          ...bericht,
        },
      };
    }
    return { ...plaats, gebeurtenis };
  }

  abonneer(consument: string, opties: AbonnementOpties): Abonnement {
    let stopped = false;
    const loop = async (): Promise<void> => {
      let ready = false;
      while (!stopped) {
        try {
          if (!ready) {
            await this.consumer(consument, await opties.vanaf());
            ready = true;
          }
          const consumer = await this.js.consumers.get(this.stream, consument);
          // `next` returns as soon as one event is there (a fetch waits for a full batch or its expiry);
          // the events waiting behind it are fetched by count, so that fetch too ends when they arrive.
          const eerste = await consumer.next({ expires: 1000 });
          if (!eerste) continue;
          const berichten: JsMsg[] = [eerste];
          const wachtend = Math.min(eerste.info.pending, BATCH - 1);
          if (wachtend > 0) {
            for await (const message of await consumer.fetch({ max_messages: wachtend, expires: 1000 })) {
              berichten.push(message);
            }
          }
          const batch = berichten.map((message) => this.lees(message));
          if (stopped) break;
          await opties.verwerk(batch);
          // AckPolicy.All: acknowledging the last acknowledges the batch, after its commit.
          berichten[berichten.length - 1]?.ack();
        } catch (error) {
          if (stopped) break;
          // Start again from the committed position (see `consumer`).
          ready = false;
          logger.warn({ consument, err: error }, 'signal consumer will try again');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }
    };
    const running = loop();
    return {
      stop: async () => {
        stopped = true;
        await running;
      },
    };
  }

  /** Drops the connection and reconnects (tests: a transport fault mid-stream). */
  async verbreek(): Promise<void> {
    await this.nc.reconnect();
  }

  /** Removes the stream with everything in it (tests). */
  async verwijderStroom(): Promise<void> {
    await this.jsm.streams.delete(this.stream);
  }

  async sluit(): Promise<void> {
    await this.nc.close();
  }
}
