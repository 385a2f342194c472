import { Client, type ClientConfig } from 'pg';
import type { PubSub } from 'type-graphql';
import { logger } from '../logger';

/** The channel on a partner's own database on which the consumer announces each stored signal (its id). */
export const SIGNAAL_KANAAL = 'signaal';
/** The topic under which a subgraph's subscriptions hear of new signals. */
export const SIGNAAL_TOPIC = 'signaal';

/** A new signal, as one subscriber hears of it: the subscription reads the row itself. */
export interface Signaalmelding {
  id: number;
}

/** A subscriber's queue: values wait here until the subscription asks for the next one. */
class Wachtrij<T> implements AsyncIterableIterator<T> {
  private readonly waarden: T[] = [];
  private wachtend: ((result: IteratorResult<T>) => void) | null = null;
  private klaar = false;

  constructor(private readonly opAfmelden: () => void) {}

  zet(waarde: T): void {
    if (this.klaar) return;
    if (this.wachtend) {
      const resolve = this.wachtend;
      this.wachtend = null;
      resolve({ value: waarde, done: false });
    } else this.waarden.push(waarde);
  }

  next(): Promise<IteratorResult<T>> {
    const waarde = this.waarden.shift();
    if (waarde !== undefined) return Promise.resolve({ value: waarde, done: false });
    if (this.klaar) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.wachtend = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.sluit();
    return Promise.resolve({ value: undefined, done: true });
  }

  sluit(): void {
    if (this.klaar) return;
    this.klaar = true;
    this.waarden.length = 0;
    this.opAfmelden();
    this.wachtend?.({ value: undefined, done: true });
    this.wachtend = null;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export interface SignaalmeldingenOptions {
  /** The partner's own database as its runtime role; none: nothing is heard (composition, unit tests). */
  database?: ClientConfig;
  /** First wait before connecting again after the connection went away; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Tells a subgraph process of every signal stored in its partner's database, whichever replica's
 * consumer stored it: the consumer runs in one replica only (`leiding.ts`) and notifies on
 * `SIGNAAL_KANAAL` in the transaction that stores the signal (delivered at its commit); every replica
 * listens on one dedicated connection. When that connection goes away it connects again with backoff and
 * then announces the signals stored meanwhile (ids after the last one heard: one consumer stores them in
 * order), so a subscriber misses none. It is type-graphql's pubSub of the subgraph's schema.
 */
export class Signaalmeldingen implements PubSub {
  private readonly abonnees = new Set<Wachtrij<Signaalmelding>>();
  private client: Client | null = null;
  private laatste: number | null = null;
  private gestopt = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private gestart: Promise<void> | null = null;

  constructor(private readonly options: SignaalmeldingenOptions = {}) {
    this.backoffMs = options.backoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 10_000;
  }

  /** Starts listening; resolves once the first connection listens (or failed once and retries). */
  start(): Promise<void> {
    if (!this.options.database) return Promise.resolve();
    return (this.gestart ??= this.verbind(this.backoffMs));
  }

  /** Whether the listening connection is up (tests wait on it after cutting it). */
  get luistert(): boolean {
    return this.client !== null;
  }

  publish(routingKey: string, ...args: unknown[]): void {
    if (routingKey !== SIGNAAL_TOPIC) return;
    const id = Number(args[0]);
    if (!Number.isSafeInteger(id)) return;
    if (this.laatste !== null && id <= this.laatste) return;
    this.laatste = id;
    for (const abonnee of this.abonnees) abonnee.zet({ id });
  }

  subscribe(routingKey: string): AsyncIterable<Signaalmelding> {
    if (routingKey !== SIGNAAL_TOPIC) throw new Error(`No topic ${routingKey}`);
    const wachtrij: Wachtrij<Signaalmelding> = new Wachtrij(() => this.abonnees.delete(wachtrij));
    this.abonnees.add(wachtrij);
    return wachtrij;
  }

  /** How many subscriptions listen now. */
  get aantal(): number {
    return this.abonnees.size;
  }

  async stop(): Promise<void> {
    this.gestopt = true;
    clearTimeout(this.timer);
    for (const abonnee of [...this.abonnees]) abonnee.sluit();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async verbind(backoff: number): Promise<void> {
    if (this.gestopt || !this.options.database) return;
    const client = new Client({
      connectionTimeoutMillis: 5_000,
      application_name: 'signaalmeldingen',
      ...this.options.database,
    });
    let verloren = false;
    const opnieuw = (err: unknown): void => {
      if (verloren) return;
      verloren = true;
      if (this.client === client) this.client = null;
      void client.end().catch(() => undefined);
      if (this.gestopt) return;
      logger.warn({ err, backoffMs: backoff }, 'signals: listening connection lost; connecting again');
      this.timer = setTimeout(() => void this.verbind(Math.min(backoff * 2, this.maxBackoffMs)), backoff);
      this.timer.unref();
    };
    client.on('error', opnieuw);
    client.on('end', () => opnieuw(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === SIGNAAL_KANAAL) this.publish(SIGNAAL_TOPIC, message.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${SIGNAAL_KANAAL}`);
      // What was stored while no one listened: after the last id heard, or from now on at the first start.
      const { rows } = await client.query<{ id: number }>(
        this.laatste === null
          ? 'select coalesce(max(id), 0) as id from signaal'
          : 'select id from signaal where id > $1 order by id',
        this.laatste === null ? [] : [this.laatste],
      );
      if (this.laatste === null) this.laatste = rows[0]?.id ?? 0;
      else for (const row of rows) this.publish(SIGNAAL_TOPIC, row.id);
      if (this.gestopt) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
    } catch (err) {
      opnieuw(err);
    }
  }
}
