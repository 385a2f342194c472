import type { EntityManager } from '@mikro-orm/postgresql';
import { isValidBsn } from '../bsn';
import type { SubgraphName } from '../config';
import type { Caller } from '../context';
import { badUserInput } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { isIsoDate } from '../scalars';
import type { Besluit } from '../auth/policy';
import { ORGANISATIONS, type Doelbinding } from '../auth/principals';
import type { Verwerkingsactiviteit } from './activities';
import { pseudonym } from './pseudonym';

/**
 * A search of the processing log (the standard's "lezen" extension). It travels between the subgraphs
 * as the key of the federated `Logboek`, so every subgraph answers exactly the same question.
 */
export interface Zoekvraag {
  traceId?: string;
  /** Processing activity URI. */
  activiteit?: string;
  /** Each subgraph turns it into its pseudonym: the log holds no BSN. */
  bsn?: string;
  /** Inclusive lower bound of the line's start time, ISO timestamp. */
  van?: string;
  /** Exclusive upper bound of the line's start time, ISO timestamp. */
  tot?: string;
  /** Lines per subgraph, newest first. */
  first: number;
}

export interface ZoekvraagInput {
  traceId?: string | null;
  activiteit?: string | null;
  bsn?: string | null;
  van?: string | null;
  tot?: string | null;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** Longer than any activity URI of a register; bounds what a caller can send into the query. */
const MAX_ACTIVITEIT_LENGTH = 300;

function tijdstip(name: string, value: string): string {
  const match = TIMESTAMP.exec(value);
  // The calendar check matters: Date.parse rolls 30 February over into March.
  const ms = match && isIsoDate(match[1]) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) {
    throw badUserInput(`${name} must be an ISO timestamp with time zone, e.g. 2026-11-23T09:00:00Z.`);
  }
  // Normalised so that the same moment always gives the same zoekvraag.
  return new Date(ms).toISOString();
}

/**
 * Validates a filter: the standard requires at least one of trace id, processing activity or data
 * subject, so the log can never be read whole. Throws BAD_USER_INPUT.
 */
export function zoekvraagVan(filter: ZoekvraagInput, first?: number | null): Zoekvraag {
  const zoekvraag: Zoekvraag = { first: first ?? DEFAULT_PAGE_SIZE };
  if (!Number.isInteger(zoekvraag.first) || zoekvraag.first < 1 || zoekvraag.first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  if (filter.traceId != null) {
    const traceId = filter.traceId.trim().toLowerCase();
    if (!TRACE_ID.test(traceId) || /^0+$/.test(traceId)) {
      throw badUserInput('traceId must be a W3C trace id: 32 hexadecimal characters, not all zero.');
    }
    zoekvraag.traceId = traceId;
  }
  if (filter.activiteit != null) {
    const activiteit = filter.activiteit.trim();
    if (!activiteit || activiteit.length > MAX_ACTIVITEIT_LENGTH) {
      throw badUserInput('activiteit must be the URI of a processing activity.');
    }
    zoekvraag.activiteit = activiteit;
  }
  if (filter.bsn != null) {
    // The BSN scalar checked it already; this guards the zoekvraag a subgraph receives as a key.
    if (!isValidBsn(filter.bsn)) throw badUserInput('Invalid BSN.');
    zoekvraag.bsn = filter.bsn;
  }
  if (!zoekvraag.traceId && !zoekvraag.activiteit && !zoekvraag.bsn) {
    throw badUserInput('The processing log is searched by traceId, activiteit or bsn: give at least one.');
  }
  if (filter.van != null) zoekvraag.van = tijdstip('van', filter.van);
  if (filter.tot != null) zoekvraag.tot = tijdstip('tot', filter.tot);
  if (zoekvraag.van && zoekvraag.tot && zoekvraag.van >= zoekvraag.tot) {
    throw badUserInput('van must be before tot.');
  }
  return zoekvraag;
}

/** The zoekvraag as a canonical JSON string (fixed key order, no empty keys): the entity key. */
export function zoekvraagSleutel(zoekvraag: Zoekvraag): string {
  const { activiteit, bsn, first, tot, traceId, van } = zoekvraag;
  return JSON.stringify({ activiteit, bsn, first, tot, traceId, van });
}

/** The zoekvraag of an entity key, or null when the key is not one this hub made. */
export function leesZoekvraagSleutel(sleutel: string): Zoekvraag | null {
  try {
    const value = JSON.parse(sleutel) as ZoekvraagInput & { first?: unknown };
    if (typeof value !== 'object' || value === null || typeof value.first !== 'number') return null;
    const zoekvraag = zoekvraagVan(value, value.first);
    return zoekvraagSleutel(zoekvraag) === sleutel ? zoekvraag : null;
  } catch {
    return null;
  }
}

/**
 * Who may read a subgraph's processing log, decided by that subgraph:
 * - a PRIVACY_OFFICER, for purpose `toezicht`, the log of the subgraph of their own organisation;
 * - a PRIVACY_OFFICER of any chain partner, for purpose `inzageverzoek` and with a BSN filter, the
 *   lines of that one resident in every subgraph. The resident asks one organisation (in practice the
 *   municipality, which has the regie of the chain) who looked at their data, and the chain answers
 *   as one, so the resident need not file five requests. `regio` is excluded: it processes no personal
 *   data, so no resident's request is addressed to it.
 * Everyone else is refused.
 */
export function beslisLogboekinzage(
  caller: Caller,
  purpose: Doelbinding | null,
  subgraph: SubgraphName,
  zoekvraag: Zoekvraag,
): Besluit {
  if (!caller.roles.includes('PRIVACY_OFFICER')) {
    return { toegestaan: false, reden: 'Only a PRIVACY_OFFICER reads the processing log.' };
  }
  const eigenSubgraph = ORGANISATIONS[caller.organisation];
  if (purpose === 'toezicht') {
    return eigenSubgraph === subgraph
      ? { toegestaan: true }
      : {
          toegestaan: false,
          reden: `For toezicht a PRIVACY_OFFICER reads the log of their own organisation only, not that of ${subgraph}.`,
        };
  }
  if (purpose === 'inzageverzoek') {
    if (!zoekvraag.bsn) {
      return { toegestaan: false, reden: "An inzageverzoek reads one resident's lines: filter by bsn." };
    }
    return eigenSubgraph !== null
      ? { toegestaan: true }
      : {
          toegestaan: false,
          reden: 'An inzageverzoek is answered by a chain partner that processes personal data.',
        };
  }
  return {
    toegestaan: false,
    reden: `Purpose ${purpose ?? '(none)'} does not permit reading the processing log: use toezicht or inzageverzoek.`,
  };
}

/** One line of the processing log joined with its actor record: what the PRIVACY_OFFICER sees. */
export interface Logregel {
  tijdstip: string;
  traceId: string;
  spanId: string;
  activiteit: string;
  activiteitNaam: string | null;
  doelbinding: string | null;
  organisatie: string;
  medewerker: string;
  rollen: string[];
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  bron: string;
}

interface Row {
  start_time: string | number;
  trace_id: string;
  span_id: string;
  processing_activity_id: string;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  resource: string;
  medewerker: string;
  organisatie: string;
  rollen: string[];
  doelbinding: string | null;
}

/**
 * Reads the lines of one subgraph's log that match the zoekvraag, newest first, in one statement. The
 * BSN filter becomes the keyed pseudonym the lines were written with.
 */
export async function leesLogboek(
  em: EntityManager,
  zoekvraag: Zoekvraag,
  pseudonymKey: Buffer,
  register: Record<string, Verwerkingsactiviteit>,
): Promise<Logregel[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  if (zoekvraag.traceId) {
    conditions.push('v.trace_id = ?');
    params.push(zoekvraag.traceId);
  }
  if (zoekvraag.activiteit) {
    conditions.push('v.processing_activity_id = ?');
    params.push(zoekvraag.activiteit);
  }
  if (zoekvraag.bsn) {
    conditions.push('v.data_subject_id = ?');
    params.push(pseudonym(zoekvraag.bsn, pseudonymKey));
  }
  if (zoekvraag.van) {
    conditions.push('v.start_time >= ?');
    params.push(Date.parse(zoekvraag.van));
  }
  if (zoekvraag.tot) {
    conditions.push('v.start_time < ?');
    params.push(Date.parse(zoekvraag.tot));
  }
  // Never without a condition: zoekvraagVan guarantees one, and a whole-log read must stay impossible.
  if (conditions.length === 0) throw badUserInput('The processing log is never read without a filter.');
  params.push(zoekvraag.first);
  const rows = await em.getConnection().execute<Row[]>(
    `select v.start_time, v.trace_id, v.span_id, v.processing_activity_id, v.velden, v.uitkomst, v.resource,
            a.medewerker, a.organisatie, a.rollen, a.doelbinding
       from verwerking v
       join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
      where ${conditions.join(' and ')}
      order by v.start_time desc, v.id desc
      limit ?`,
    params,
  );
  const namen = new Map(Object.values(register).map((activiteit) => [activiteit.id, activiteit.naam]));
  return rows.map((row) => ({
    tijdstip: new Date(Number(row.start_time)).toISOString(),
    traceId: row.trace_id,
    spanId: row.span_id,
    activiteit: row.processing_activity_id,
    activiteitNaam: namen.get(row.processing_activity_id) ?? null,
    doelbinding: row.doelbinding,
    organisatie: row.organisatie,
    medewerker: row.medewerker,
    rollen: row.rollen,
    velden: row.velden,
    uitkomst: row.uitkomst,
    bron: row.resource,
  }));
}
