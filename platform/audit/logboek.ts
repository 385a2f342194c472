import type { EntityManager } from '@mikro-orm/postgresql';
import { isValidBsn } from '../bsn';
import type { SubgraphName } from '../config';
import { type Principal, isResident, ORGANISATIONS, type Doelbinding } from '../auth/principals';
import { badUserInput } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { isIsoDate } from '../scalars';
import type { Besluit } from '../auth/policy';
import type { Verwerkingsactiviteit } from './activities';
import { pseudonym } from './pseudonym';
import { runSql, type SqlValue } from '../sql';

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
  /** A case conference: the lines of the looks made for it (`verwerking.casusoverleg_id`). */
  casusoverleg?: string;
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
  casusoverleg?: string | null;
  van?: string | null;
  tot?: string | null;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const TIMESTAMP =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
/** A conference id as werk-inkomen issues them (and room for another partner's scheme). */
const CASUSOVERLEG_ID = /^[0-9A-Za-z-]{1,64}$/;
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

/** A period of the log: `van` inclusive, `tot` exclusive, both ISO timestamps and both optional. */
export interface Logperiode {
  van?: string;
  tot?: string;
}

/** Validates and normalises a period of the log. Throws BAD_USER_INPUT. */
export function logperiodeVan(input: { van?: string | null; tot?: string | null }): Logperiode {
  const periode: Logperiode = {};
  if (input.van != null) periode.van = tijdstip('van', input.van);
  if (input.tot != null) periode.tot = tijdstip('tot', input.tot);
  if (periode.van && periode.tot && periode.van >= periode.tot) throw badUserInput('van must be before tot.');
  return periode;
}

/** SQL conditions on a line's start time (alias `v`) for a period, with their bindings. */
export function periodeVoorwaarden(periode: Logperiode): { conditions: string[]; params: number[] } {
  const conditions: string[] = [];
  const params: number[] = [];
  if (periode.van) {
    conditions.push('v.start_time >= ?');
    params.push(Date.parse(periode.van));
  }
  if (periode.tot) {
    conditions.push('v.start_time < ?');
    params.push(Date.parse(periode.tot));
  }
  return { conditions, params };
}

/** A page size of the log's lists, 1 to MAX_PAGE_SIZE. Throws BAD_USER_INPUT. */
export function paginagrootte(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  return size;
}

/**
 * Validates a filter: the standard requires at least one of trace id, processing activity or data
 * subject (or here a case conference, whose lines are all about its one resident), so the log can never
 * be read whole. Throws BAD_USER_INPUT.
 */
export function zoekvraagVan(filter: ZoekvraagInput, first?: number | null): Zoekvraag {
  const zoekvraag: Zoekvraag = { first: paginagrootte(first) };
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
  if (filter.casusoverleg != null) {
    const casusoverleg = filter.casusoverleg.trim();
    if (!CASUSOVERLEG_ID.test(casusoverleg))
      throw badUserInput('casusoverleg must be the id of a case conference.');
    zoekvraag.casusoverleg = casusoverleg;
  }
  if (!zoekvraag.traceId && !zoekvraag.activiteit && !zoekvraag.bsn && !zoekvraag.casusoverleg) {
    throw badUserInput(
      'The processing log is searched by traceId, activiteit, bsn or casusoverleg: give at least one.',
    );
  }
  return { ...zoekvraag, ...logperiodeVan(filter) };
}

/**
 * A search as a canonical JSON string (keys in alphabetical order, no empty keys): the key of a
 * federated log entity, so that every subgraph answers exactly the same question.
 */
export function canoniekeSleutel(search: object): string {
  const entries = Object.entries(search).filter(([, value]) => value !== undefined);
  return JSON.stringify(Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/**
 * The search of an entity key, or null when the key is not one this hub made: `valideer` must accept
 * it and give back exactly the same key.
 */
export function leesSleutel<T extends object>(sleutel: string, valideer: (value: object) => T): T | null {
  try {
    const value: unknown = JSON.parse(sleutel);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const search = valideer(value);
    return canoniekeSleutel(search) === sleutel ? search : null;
  } catch {
    return null;
  }
}

/** The zoekvraag as its entity key. */
export function zoekvraagSleutel(zoekvraag: Zoekvraag): string {
  return canoniekeSleutel(zoekvraag);
}

/** The zoekvraag of an entity key, or null when the key is not one this hub made. */
export function leesZoekvraagSleutel(sleutel: string): Zoekvraag | null {
  return leesSleutel(sleutel, (value: ZoekvraagInput & { first?: unknown }) => {
    if (typeof value.first !== 'number') throw new TypeError('first is required');
    return zoekvraagVan(value, value.first);
  });
}

/**
 * Who may read a subgraph's processing log, decided by that subgraph: a PRIVACY_OFFICER of the
 * organisation whose log it is, and no one else. For purpose `toezicht` with any filter; for purpose
 * `inzageverzoek` (a resident asked this organisation who looked at their data) with a BSN filter. A
 * partner's officer never reads another partner's lines, whatever the purpose or filter: that the
 * Stadsbank helps a resident with debts is not the Werkplein's business. The resident reads their
 * whole chain themselves (`mijnInzage`); `regio` holds no personal data and has no log.
 */
export function beslisLogboekinzage(
  caller: Principal,
  purpose: Doelbinding | null,
  subgraph: SubgraphName,
  zoekvraag: Zoekvraag,
): Besluit {
  if (isResident(caller)) {
    return { toegestaan: false, reden: 'A resident reads their own access report through mijnInzage.' };
  }
  if (!caller.roles.includes('PRIVACY_OFFICER')) {
    return { toegestaan: false, reden: 'Only a PRIVACY_OFFICER reads the processing log.' };
  }
  if (ORGANISATIONS[caller.organisation] !== subgraph) {
    return {
      toegestaan: false,
      reden: `A PRIVACY_OFFICER reads the log of their own organisation only, not that of ${subgraph}.`,
    };
  }
  if (purpose === 'toezicht') return { toegestaan: true };
  if (purpose === 'inzageverzoek') {
    return zoekvraag.bsn
      ? { toegestaan: true }
      : { toegestaan: false, reden: "An inzageverzoek reads one resident's lines: filter by bsn." };
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
  casusoverlegId: string | null;
}

/** A row of `LOGREGEL_KOLOMMEN`. */
export interface LogregelRij {
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
  casusoverleg_id: string | null;
}

/** The columns of a `Logregel`, of `verwerking v` joined with `verwerking_actor a`. */
export const LOGREGEL_KOLOMMEN = `v.start_time, v.trace_id, v.span_id, v.processing_activity_id, v.velden,
  v.uitkomst, v.resource, v.casusoverleg_id, a.medewerker, a.organisatie, a.rollen, a.doelbinding`;

/** Maps rows to lines, naming each activity from the subgraph's register. */
export function logregelsVan(
  rows: LogregelRij[],
  register: Record<string, Verwerkingsactiviteit>,
): Logregel[] {
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
    casusoverlegId: row.casusoverleg_id,
  }));
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
  const params: SqlValue[] = [];
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
  if (zoekvraag.casusoverleg) {
    conditions.push('v.casusoverleg_id = ?');
    params.push(zoekvraag.casusoverleg);
  }
  // Never without a condition: zoekvraagVan guarantees one, and a whole-log read must stay impossible.
  if (conditions.length === 0) throw badUserInput('The processing log is never read without a filter.');
  const periode = periodeVoorwaarden(zoekvraag);
  conditions.push(...periode.conditions);
  params.push(...periode.params, zoekvraag.first);
  const rows = await runSql<LogregelRij>(
    em,
    `select ${LOGREGEL_KOLOMMEN}
       from verwerking v
       join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
      where ${conditions.join(' and ')}
      order by v.start_time desc, v.id desc
      limit ?`,
    params,
  );
  return logregelsVan(rows, register);
}
