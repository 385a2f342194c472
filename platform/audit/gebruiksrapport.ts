import type { EntityManager } from '@mikro-orm/postgresql';
import type { Besluit } from '../auth/policy';
import { isResident, ORGANISATIONS, type Doelbinding, type Principal } from '../auth/principals';
import type { SubgraphName } from '../config';
import { badUserInput } from '../errors';
import type { Verwerkingsactiviteit } from './activities';
import {
  canoniekeSleutel,
  leesSleutel,
  LOGREGEL_KOLOMMEN,
  logperiodeVan,
  logregelsVan,
  periodeVoorwaarden,
  type Logperiode,
  type Logregel,
  type LogregelRij,
} from './logboek';
import { runSql, type SqlValue } from '../sql';

/**
 * Office hours of the usage report "outside office hours": Monday to Friday, 08:00 up to 18:00, in
 * the Netherlands' time zone (CET/CEST). Public holidays count as working days: the report errs on the
 * side of showing too little, never of hiding a night-time look-up.
 */
export const KANTOORTIJD = {
  tijdzone: 'Europe/Amsterdam',
  /** ISO day numbers: 1 Monday through 5 Friday. */
  laatsteWerkdag: 5,
  van: '08:00',
  tot: '18:00',
} as const;

/** Distinct residents per clock hour above which an employee is listed, when no threshold is given. */
export const STANDAARD_DREMPEL_PER_UUR = 30;
export const MAX_DREMPEL_PER_UUR = 10_000;

/**
 * A usage report's period, as its entity key: `van` inclusive, `tot` exclusive. Both optional: without
 * them the report covers the whole log of the organisation.
 */
export type Rapportperiode = Logperiode;

export const rapportperiodeSleutel = (periode: Rapportperiode): string => canoniekeSleutel(periode);

export function leesRapportperiodeSleutel(sleutel: string): Rapportperiode | null {
  return leesSleutel(sleutel, (value: { van?: string; tot?: string }) => logperiodeVan(value));
}

/**
 * ACCESS.md rule 7: the usage reports of a partner's log are for that partner's own PRIVACY_OFFICER,
 * for purpose `toezicht`; no one else, the other partners' officers included.
 */
export function beslisGebruiksrapport(
  caller: Principal,
  purpose: Doelbinding | null,
  subgraph: SubgraphName,
): Besluit {
  if (isResident(caller) || !caller.roles.includes('PRIVACY_OFFICER')) {
    return { toegestaan: false, reden: 'Only a PRIVACY_OFFICER reads the usage reports.' };
  }
  if (ORGANISATIONS[caller.organisation] !== subgraph) {
    return {
      toegestaan: false,
      reden: `A PRIVACY_OFFICER reads the usage reports of their own organisation only, not those of ${subgraph}.`,
    };
  }
  if (purpose !== 'toezicht') {
    return { toegestaan: false, reden: 'The usage reports are read for purpose toezicht.' };
  }
  return { toegestaan: true };
}

export function drempelVan(drempel: number | null | undefined): number {
  const value = drempel ?? STANDAARD_DREMPEL_PER_UUR;
  if (!Number.isInteger(value) || value < 1 || value > MAX_DREMPEL_PER_UUR) {
    throw badUserInput(`drempel must be between 1 and ${MAX_DREMPEL_PER_UUR}.`);
  }
  return value;
}

/** A look-up of a usage report: the line with who did it, and the resident as this partner's pseudonym. */
export interface Raadpleging extends Logregel {
  betrokkene: string;
}

export interface Raadplegingen {
  /** All look-ups of the report in the period; `regels` holds the newest of them. */
  aantal: number;
  regels: Raadpleging[];
}

export interface VeelRaadpleger {
  medewerker: string;
  organisatie: string;
  /** Start of the clock hour, ISO timestamp. */
  uur: string;
  aantalInwoners: number;
  aantalRaadplegingen: number;
}

export interface Geraadpleegde {
  betrokkene: string;
  aantalRaadplegingen: number;
  aantalMedewerkers: number;
  laatsteRaadpleging: string;
}

/**
 * The look-ups of the reports: log lines joined with their actor record, employees only (a resident
 * reading their own report is no look-up by staff), within the period. Bindings follow the SQL.
 */
function raadplegingenSql(periode: Rapportperiode): { where: string; params: number[] } {
  const { conditions, params } = periodeVoorwaarden(periode);
  return { where: [`not ('INWONER' = any(a.rollen))`, ...conditions].join(' and '), params };
}

const VAN_LOG = `from verwerking v join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id`;

type RaadplegingRij = LogregelRij & { data_subject_id: string; aantal: string | number };

async function raadplegingen(
  em: EntityManager,
  periode: Rapportperiode,
  extra: { condition: string; params: SqlValue[] },
  first: number,
  register: Record<string, Verwerkingsactiviteit>,
): Promise<Raadplegingen> {
  const { where, params } = raadplegingenSql(periode);
  // `count(*) over ()` is taken before the limit: the total of the period with its newest lines.
  const rows = await runSql<RaadplegingRij>(
    em,
    `select ${LOGREGEL_KOLOMMEN}, v.data_subject_id, count(*) over () as aantal
       ${VAN_LOG}
      where ${where} and (${extra.condition})
      order by v.start_time desc, v.id desc
      limit ?`,
    [...params, ...extra.params, first],
  );
  const regels = logregelsVan(rows, register);
  return {
    aantal: Number(rows[0]?.aantal ?? 0),
    regels: regels.map((regel, index) => ({ ...regel, betrokkene: rows[index]?.data_subject_id ?? '' })),
  };
}

/** Look-ups outside office hours (`KANTOORTIJD`), newest first. */
export function buitenKantoortijd(
  em: EntityManager,
  periode: Rapportperiode,
  first: number,
  register: Record<string, Verwerkingsactiviteit>,
): Promise<Raadplegingen> {
  // The local wall-clock time of the line; its weekday and time of day decide.
  const lokaal = `(to_timestamp(v.start_time / 1000.0) at time zone ?)`;
  return raadplegingen(
    em,
    periode,
    {
      condition: `extract(isodow from ${lokaal}) > ? or ${lokaal}::time < ?::time or ${lokaal}::time >= ?::time`,
      params: [
        KANTOORTIJD.tijdzone,
        KANTOORTIJD.laatsteWerkdag,
        KANTOORTIJD.tijdzone,
        KANTOORTIJD.van,
        KANTOORTIJD.tijdzone,
        KANTOORTIJD.tot,
      ],
    },
    first,
    register,
  );
}

/** Refused look-ups (outcome GEWEIGERD), newest first. */
export function geweigerd(
  em: EntityManager,
  periode: Rapportperiode,
  first: number,
  register: Record<string, Verwerkingsactiviteit>,
): Promise<Raadplegingen> {
  return raadplegingen(em, periode, { condition: `v.uitkomst = 'GEWEIGERD'`, params: [] }, first, register);
}

/**
 * Employees who looked up more distinct residents than `drempel` within one clock hour, refused
 * attempts included (probing counts). Hours are whole UTC hours, which are the clock hours of the
 * Netherlands (its offsets are whole hours), without the doubled hour of the autumn clock change.
 * Most residents first.
 */
export async function veelRaadplegers(
  em: EntityManager,
  periode: Rapportperiode,
  drempel: number,
  first: number,
): Promise<VeelRaadpleger[]> {
  const { where, params } = raadplegingenSql(periode);
  const rows = await runSql<{
    medewerker: string;
    organisatie: string;
    uur: string | number;
    inwoners: string | number;
    regels: string | number;
  }>(
    em,
    `select a.medewerker, a.organisatie, (v.start_time / 3600000) * 3600000 as uur,
            count(distinct v.data_subject_id) as inwoners, count(*) as regels
       ${VAN_LOG}
      where ${where}
      group by 1, 2, 3
     having count(distinct v.data_subject_id) > ?
      order by inwoners desc, uur desc, a.organisatie, a.medewerker
      limit ?`,
    [...params, drempel, first],
  );
  return rows.map((row) => ({
    medewerker: row.medewerker,
    organisatie: row.organisatie,
    uur: new Date(Number(row.uur)).toISOString(),
    aantalInwoners: Number(row.inwoners),
    aantalRaadplegingen: Number(row.regels),
  }));
}

/**
 * The residents whose data was looked at most (outcome TOEGESTAAN), as this partner's pseudonym: one
 * look-up is one subgraph request (trace and span), whatever the number of fields or activities.
 */
export async function meestGeraadpleegd(
  em: EntityManager,
  periode: Rapportperiode,
  first: number,
): Promise<Geraadpleegde[]> {
  const { where, params } = raadplegingenSql(periode);
  const rows = await runSql<{
    betrokkene: string;
    raadplegingen: string | number;
    medewerkers: string | number;
    laatste: string | number;
  }>(
    em,
    `select v.data_subject_id as betrokkene,
            count(distinct (v.trace_id, v.span_id)) as raadplegingen,
            count(distinct (a.organisatie, a.medewerker)) as medewerkers,
            max(v.start_time) as laatste
       ${VAN_LOG}
      where ${where} and v.uitkomst = 'TOEGESTAAN'
      group by v.data_subject_id
      order by raadplegingen desc, laatste desc, betrokkene
      limit ?`,
    [...params, first],
  );
  return rows.map((row) => ({
    betrokkene: row.betrokkene,
    aantalRaadplegingen: Number(row.raadplegingen),
    aantalMedewerkers: Number(row.medewerkers),
    laatsteRaadpleging: new Date(Number(row.laatste)).toISOString(),
  }));
}
