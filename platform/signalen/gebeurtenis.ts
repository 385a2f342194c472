import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { SubgraphName } from '../config';
import { runSql } from '../sql';

/** The domain events partners publish for early-warning signals. */
export const GEBEURTENIS_SOORTEN = [
  'UITKERING_BEEINDIGD',
  'PLAATSING_GESTART',
  'VROEGSIGNAAL_ONTVANGEN',
] as const;
export type GebeurtenisSoort = (typeof GEBEURTENIS_SOORTEN)[number];

/**
 * A domain event as it travels between partners: that something of a kind happened to a resident on a
 * day, never what exactly (no amounts, reasons, creditors or employers). The BSN is the only key a
 * receiving partner can find the resident by in its own files; nothing else about the resident travels.
 */
export interface Gebeurtenis {
  /** UUID, the same on every redelivery: consumers are idempotent by it. */
  id: string;
  bron: SubgraphName;
  soort: GebeurtenisSoort;
  bsn: string;
  gemeente: string;
  /** The day it happened (ISO date). */
  datum: string;
  /** When the change committed at the source (ISO timestamp): the start of a signal's latency. */
  vastgelegdOp: string;
}

export type NieuweGebeurtenis = Pick<Gebeurtenis, 'soort' | 'bsn' | 'gemeente' | 'datum'>;

/**
 * Writes an event to the partner's outbox with `em`, inside the transaction of the change that causes
 * it (`runSql` joins em's transaction): the change and its event commit together or not at all.
 */
export async function schrijfGebeurtenis(em: EntityManager, gebeurtenis: NieuweGebeurtenis): Promise<string> {
  if (!em.isInTransaction()) throw new Error('An event is written in the transaction of its change.');
  const id = randomUUID();
  await runSql(
    em,
    `insert into uitgaande_gebeurtenis (id, soort, bsn, gemeente, datum) values (?, ?, ?, ?, ?)`,
    [id, gebeurtenis.soort, gebeurtenis.bsn, gebeurtenis.gemeente, gebeurtenis.datum],
  );
  return id;
}

export function isGebeurtenis(value: unknown): value is Gebeurtenis {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.bron === 'string' &&
    typeof v.soort === 'string' &&
    (GEBEURTENIS_SOORTEN as readonly string[]).includes(v.soort) &&
    typeof v.bsn === 'string' &&
    typeof v.gemeente === 'string' &&
    typeof v.datum === 'string' &&
    typeof v.vastgelegdOp === 'string'
  );
}
