import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { bsnProblem } from '../bsn';
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

/**
 * Why an event in the stream cannot be handled as a `Gebeurtenis`: not JSON at all (`GEEN_JSON`), not a
 * valid event (`ONGELDIG`), or a valid event of a kind this version does not know (`ONBEKENDE_SOORT`:
 * a newer partner publishes it; not malformed, but this consumer has no rule for it yet).
 */
export const ONBESTELBAAR_REDENEN = ['GEEN_JSON', 'ONGELDIG', 'ONBEKENDE_SOORT'] as const;
export type OnbestelbaarReden = (typeof ONBESTELBAAR_REDENEN)[number];

/**
 * What a consumer records of an event it cannot handle: never the content, which may hold a BSN;
 * only which fields were wrong, and of a readable event its id, source and kind.
 */
export interface Onleesbaar {
  reden: OnbestelbaarReden;
  /** Which fields failed, by name; never a value. */
  toelichting: string;
  gebeurtenisId: string | null;
  bron: string | null;
  soort: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A partner's name and a kind are subject tokens on NATS: no dots, spaces or wildcards. */
const BRON = /^[a-z][a-z0-9-]{0,62}$/;
const SOORT = /^[A-Z][A-Z0-9_]{0,62}$/;
const DATUM = /^\d{4}-\d{2}-\d{2}$/;
const TIJDSTIP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function geldigeDatum(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    DATUM.test(value) &&
    new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
  );
}

/**
 * Reads an event as it came off the stream (already parsed from JSON). Checks every field the consumer
 * stores, so that an event that passes cannot fail its transaction later and stall the stream.
 */
export function leesGebeurtenis(value: unknown): { gebeurtenis: Gebeurtenis } | { onleesbaar: Onleesbaar } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      onleesbaar: {
        reden: 'ONGELDIG',
        toelichting: 'not an object',
        gebeurtenisId: null,
        bron: null,
        soort: null,
      },
    };
  }
  const v = value as Record<string, unknown>;
  const gebeurtenisId = typeof v.id === 'string' && UUID.test(v.id) ? v.id : null;
  const bron = typeof v.bron === 'string' && BRON.test(v.bron) ? v.bron : null;
  const soort = typeof v.soort === 'string' && SOORT.test(v.soort) ? v.soort : null;
  const onleesbaar = (reden: OnbestelbaarReden, velden: string[]) => ({
    onleesbaar: { reden, toelichting: velden.join(', '), gebeurtenisId, bron, soort },
  });
  // A kind this version does not know: its fields may differ too, so only its identity is checked.
  if (gebeurtenisId && bron && soort && !(GEBEURTENIS_SOORTEN as readonly string[]).includes(soort)) {
    return onleesbaar('ONBEKENDE_SOORT', ['soort']);
  }
  const fouten: string[] = [];
  if (!gebeurtenisId) fouten.push('id');
  if (!bron) fouten.push('bron');
  if (!soort) fouten.push('soort');
  if (bsnProblem(v.bsn) !== null) fouten.push('bsn');
  if (typeof v.gemeente !== 'string' || !/^GM\d{4}$/.test(v.gemeente)) fouten.push('gemeente');
  if (!geldigeDatum(v.datum)) fouten.push('datum');
  if (
    typeof v.vastgelegdOp !== 'string' ||
    !TIJDSTIP.test(v.vastgelegdOp) ||
    Number.isNaN(Date.parse(v.vastgelegdOp))
  ) {
    fouten.push('vastgelegdOp');
  }
  if (fouten.length > 0) return onleesbaar('ONGELDIG', fouten);
  return { gebeurtenis: value as Gebeurtenis };
}

/** Reads an event from the bytes of a message: `GEEN_JSON` when they are not JSON. */
export function leesBericht(
  data: Uint8Array | string,
): { gebeurtenis: Gebeurtenis } | { onleesbaar: Onleesbaar } {
  let value: unknown;
  try {
    value = JSON.parse(
      typeof data === 'string' ? data : new TextDecoder('utf-8', { fatal: true }).decode(data),
    );
  } catch {
    return {
      onleesbaar: {
        reden: 'GEEN_JSON',
        toelichting: 'not JSON in UTF-8',
        gebeurtenisId: null,
        bron: null,
        soort: null,
      },
    };
  }
  return leesGebeurtenis(value);
}

/** The SHA-256 of an event's bytes (hex): what is recorded of an event that cannot be read, instead of it. */
export function vingerafdruk(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
