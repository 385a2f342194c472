import type { Gebeurtenis, Onleesbaar } from './gebeurtenis';

/** Where a delivery sits in the stream. */
interface Plaats {
  /** Position in the stream (PostgreSQL: the row's position; NATS: the stream sequence). */
  positie: number;
}

/** An event as a consumer receives it, with its place in the stream. */
export interface Bezorging extends Plaats {
  gebeurtenis: Gebeurtenis;
}

/**
 * An event in the stream that the consumer cannot handle: it is handed over in its place all the same,
 * so the consumer records it (a dead letter) and moves past it in one transaction, rather than
 * dropping it unseen or stalling behind it.
 */
export interface OnbestelbareBezorging extends Plaats {
  onbestelbaar: Onleesbaar & {
    /** NATS: the message's subject; PostgreSQL: the stream's table. */
    onderwerp: string;
    /** SHA-256 of the event as it was stored (hex): recognisable without keeping a BSN. */
    sha256: string;
  };
}

export type Levering = Bezorging | OnbestelbareBezorging;

export interface AbonnementOpties {
  /**
   * Where the consumer stopped: delivery starts after this position. Asked at every (re)start, so a
   * consumer that stores its position with its work resumes exactly there.
   */
  vanaf(): Promise<number>;
  /**
   * Handles a batch in stream order, readable events and unreadable ones alike; resolves once its
   * effects are committed. A rejected batch is delivered again (the consumer is idempotent by event id).
   */
  verwerk(batch: Levering[]): Promise<void>;
}

export interface Abonnement {
  stop(): Promise<void>;
}

/**
 * Carries events from the partners' outboxes to consumers: PostgreSQL on the embedded default, NATS
 * JetStream where configured. Publishing is idempotent by event id: a relay that publishes again after
 * a crash doubles nothing.
 */
export interface SignaalTransport {
  readonly naam: 'postgres' | 'nats';
  /** Stores the events durably, in this order; resolves once they are stored. */
  publiceer(gebeurtenissen: Gebeurtenis[]): Promise<void>;
  /** One durable consumer by name, one batch at a time, in stream order. */
  abonneer(consument: string, opties: AbonnementOpties): Abonnement;
  sluit(): Promise<void>;
}
