/**
 * What the dashboard shows, as it lives in the URL: `/dashboard?gemeenten=GM0147,GM0164&jaar=2024`
 * with `&kwartaal=1` for a quarter or `&maand=3` for a month. A link carries the whole view.
 */
export type PeriodeSoort = 'jaar' | 'kwartaal' | 'maand';

/** The hub's `Periode` input: a year, a quarter of it or a month of it. */
export interface Periode {
  jaar: number;
  kwartaal?: number;
  maand?: number;
}

export interface Selectie {
  /** CBS codes, in the order of the gemeenten list. */
  gemeenten: string[];
  periode: Periode;
}

export const MAANDEN = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
];

/** The years the API accepts. */
const MIN_JAAR = 2000;
const MAX_JAAR = 2100;

export function soortVan(periode: Periode): PeriodeSoort {
  return periode.kwartaal ? 'kwartaal' : periode.maand ? 'maand' : 'jaar';
}

/** The last whole calendar year: what the dashboard shows when the link names no period. */
export function standaardJaar(nu = new Date()): number {
  return nu.getFullYear() - 1;
}

function geheel(waarde: string | undefined, min: number, max: number): number | null {
  if (waarde === undefined || !/^\d+$/.test(waarde)) return null;
  const getal = Number(waarde);
  return getal >= min && getal <= max ? getal : null;
}

/** The period of a URL query; what cannot be used is named in `problemen` and left at its default. */
export function leesPeriode(
  query: Record<string, string>,
  nu = new Date(),
): { periode: Periode; problemen: string[] } {
  const problemen: string[] = [];
  let jaar = geheel(query.jaar, MIN_JAAR, MAX_JAAR);
  if (jaar === null) {
    if (query.jaar !== undefined) problemen.push(`het jaar "${query.jaar}"`);
    jaar = standaardJaar(nu);
  }
  const kwartaal = geheel(query.kwartaal, 1, 4);
  const maand = geheel(query.maand, 1, 12);
  if (query.kwartaal !== undefined && kwartaal === null) problemen.push(`het kwartaal "${query.kwartaal}"`);
  if (query.maand !== undefined && maand === null) problemen.push(`de maand "${query.maand}"`);
  if (kwartaal !== null && maand !== null) {
    problemen.push('een kwartaal én een maand (het kwartaal is getoond)');
    return { periode: { jaar, kwartaal }, problemen };
  }
  if (kwartaal !== null) return { periode: { jaar, kwartaal }, problemen };
  if (maand !== null) return { periode: { jaar, maand }, problemen };
  return { periode: { jaar }, problemen };
}

/** The gemeenten of a URL query among those the hub knows (all of them when the link names none). */
export function leesGemeenten(
  query: Record<string, string>,
  bekend: string[],
): { gemeenten: string[]; problemen: string[] } {
  if (query.gemeenten === undefined) return { gemeenten: bekend, problemen: [] };
  const gevraagd = query.gemeenten.split(',').filter(Boolean);
  const onbekend = gevraagd.filter((code) => !bekend.includes(code));
  const gemeenten = bekend.filter((code) => gevraagd.includes(code));
  const problemen = onbekend.map((code) => `de gemeente "${code}"`);
  if (gemeenten.length === 0) {
    if (onbekend.length === 0) problemen.push('een lege keuze van gemeenten');
    return { gemeenten: bekend, problemen };
  }
  return { gemeenten, problemen };
}

/** The URL of a selection; commas stay readable (CBS codes need no escaping). */
export function selectieUrl({ gemeenten, periode }: Selectie): string {
  const delen = [`gemeenten=${gemeenten.map(encodeURIComponent).join(',')}`, `jaar=${periode.jaar}`];
  if (periode.kwartaal) delen.push(`kwartaal=${periode.kwartaal}`);
  if (periode.maand) delen.push(`maand=${periode.maand}`);
  return `/dashboard?${delen.join('&')}`;
}

/** `2024`, `1e kwartaal 2024`, `maart 2024`. */
export function periodeNaam(periode: Periode): string {
  if (periode.kwartaal) return `${periode.kwartaal}e kwartaal ${periode.jaar}`;
  if (periode.maand) return `${MAANDEN[periode.maand - 1]} ${periode.jaar}`;
  return String(periode.jaar);
}

/** Month indices (0 to 11) the period covers. */
export function maandenVan(periode: Periode): number[] {
  const { kwartaal } = periode;
  if (kwartaal) return [0, 1, 2].map((i) => (kwartaal - 1) * 3 + i);
  if (periode.maand) return [periode.maand - 1];
  return Array.from({ length: 12 }, (_, i) => i);
}

/** `31 maart 2024`: a calendar date in words. */
export function dag(jaar: number, maand: number, dagNummer: number): string {
  return `${dagNummer} ${MAANDEN[maand]} ${jaar}`;
}

export function laatsteDag(jaar: number, maand: number): number {
  return new Date(Date.UTC(jaar, maand + 1, 0)).getUTCDate();
}

/** First and last day of the period, in words. */
export function beginEnEinde(periode: Periode): [string, string] {
  const maanden = maandenVan(periode);
  const eerste = maanden[0] ?? 0;
  const laatste = maanden[maanden.length - 1] ?? 11;
  return [dag(periode.jaar, eerste, 1), dag(periode.jaar, laatste, laatsteDag(periode.jaar, laatste))];
}

/** `2024-K1`, `2024-03`, `2024`: the period in a file name. */
export function periodeKort(periode: Periode): string {
  if (periode.kwartaal) return `${periode.jaar}-K${periode.kwartaal}`;
  if (periode.maand) return `${periode.jaar}-${String(periode.maand).padStart(2, '0')}`;
  return String(periode.jaar);
}
