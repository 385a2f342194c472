import type { EntityManager } from '@mikro-orm/postgresql';
import type { Verwerkingsactiviteit } from './activities';
import {
  canoniekeSleutel,
  leesSleutel,
  logperiodeVan,
  paginagrootte,
  periodeVoorwaarden,
  type Logperiode,
} from './logboek';
import { pseudonym } from './pseudonym';
import { runSql } from '../sql';

/**
 * The resident's own access report ("who looked at my data"): a period and a page size. The resident is
 * not part of it: every subgraph takes the BSN from the verified token, never from the request, so no
 * one can ask for another resident's report.
 */
export interface Inzagevraag extends Logperiode {
  /** Lines per partner, newest first. */
  first: number;
}

/** Validates the resident's question. Throws BAD_USER_INPUT. */
export function inzagevraagVan(
  input: { van?: string | null; tot?: string | null },
  first?: number | null,
): Inzagevraag {
  return { first: paginagrootte(first), ...logperiodeVan(input) };
}

export function leesInzagevraagSleutel(sleutel: string): Inzagevraag | null {
  return leesSleutel(sleutel, (value: { van?: string; tot?: string; first?: unknown }) => {
    if (typeof value.first !== 'number') throw new TypeError('first is required');
    return inzagevraagVan(value, value.first);
  });
}

export const inzagevraagSleutel = (vraag: Inzagevraag): string => canoniekeSleutel(vraag);

/**
 * One line of a resident's access report: who (the organisation, never the employee), when, for which
 * processing activity of the partner's register with its purpose and legal basis, and the outcome.
 */
export interface Inzageregel {
  tijdstip: string;
  traceId: string;
  /** The organisation on whose behalf it was done, or `inwoner` for the resident's own reading. */
  organisatie: string;
  doelbinding: string | null;
  activiteit: string;
  activiteitNaam: string | null;
  doel: string | null;
  grondslag: string | null;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  bron: string;
}

interface Row {
  start_time: string | number;
  trace_id: string;
  processing_activity_id: string;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  resource: string;
  organisatie: string;
  doelbinding: string | null;
}

/**
 * The lines of one subgraph's log about the resident, newest first, in one statement: found by this
 * partner's own pseudonym of the BSN. The actor record gives the organisation and purpose only; the
 * employee and their roles are not even selected.
 */
export async function leesMijnInzage(
  em: EntityManager,
  bsn: string,
  vraag: Inzagevraag,
  pseudonymKey: Buffer,
  register: Record<string, Verwerkingsactiviteit>,
): Promise<Inzageregel[]> {
  const periode = periodeVoorwaarden(vraag);
  const rows = await runSql<Row>(
    em,
    `select v.start_time, v.trace_id, v.processing_activity_id, v.velden, v.uitkomst, v.resource,
            a.organisatie, a.doelbinding
       from verwerking v
       join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
      where ${['v.data_subject_id = ?', ...periode.conditions].join(' and ')}
      order by v.start_time desc, v.id desc
      limit ?`,
    [pseudonym(bsn, pseudonymKey), ...periode.params, vraag.first],
  );
  const activiteiten = new Map(Object.values(register).map((activiteit) => [activiteit.id, activiteit]));
  return rows.map((row) => {
    const activiteit = activiteiten.get(row.processing_activity_id);
    return {
      tijdstip: new Date(Number(row.start_time)).toISOString(),
      traceId: row.trace_id,
      organisatie: row.organisatie,
      doelbinding: row.doelbinding,
      activiteit: row.processing_activity_id,
      activiteitNaam: activiteit?.naam ?? null,
      doel: activiteit?.doel ?? null,
      grondslag: activiteit?.grondslag ?? null,
      velden: row.velden,
      uitkomst: row.uitkomst,
      bron: row.resource,
    };
  });
}
