/**
 * The calibration figures computed from rows in memory, each mirroring the SQL the statistics use
 * (quoted above each function). Dates are ISO strings, so string comparison is date comparison.
 */
import type {
  LoonkostensubsidieRow,
  Population,
  SchuldhulpBron,
  TrajectResultaat,
  Uitstroomreden,
  UitkeringRow,
} from './tables';
import { COUNTED_REGELINGEN } from './tables';

function counted(row: UitkeringRow, gemeente: string): boolean {
  return row.gemeente === gemeente && COUNTED_REGELINGEN.includes(row.regeling);
}

function runs(start: string, end: string | null, on: string): boolean {
  return start <= on && (end === null || end >= on);
}

/**
 * select count(*) from uitkering where gemeente = $1 and regeling in ('PW','IOAW','IOAZ')
 *   and ingangsdatum <= $2 and (einddatum is null or einddatum >= $2)
 */
export function runningBenefits(population: Population, gemeente: string, on: string): number {
  let count = 0;
  for (const row of population['werk-inkomen'].uitkering) {
    if (counted(row, gemeente) && runs(row.ingangsdatum, row.einddatum, on)) count++;
  }
  return count;
}

/** Last calendar day of every month of `year`, as ISO strings. */
export function monthEnds(year: number): string[] {
  return Array.from({ length: 12 }, (_, month) =>
    new Date(Date.UTC(year, month + 1, 0)).toISOString().slice(0, 10),
  );
}

/** Sum of running benefits over the twelve month-ends of `year` (12 x the yearly mean). */
export function sumOfMonthEnds(population: Population, gemeente: string, year: number): number {
  return monthEnds(year).reduce((sum, on) => sum + runningBenefits(population, gemeente, on), 0);
}

/**
 * select count(*) from uitkering where gemeente = $1 and regeling in ('PW','IOAW','IOAZ')
 *   and einddatum between $2 and $3 [and uitstroomreden = any($4)]
 */
export function endedBenefits(
  population: Population,
  gemeente: string,
  from: string,
  to: string,
  reasons?: readonly Uitstroomreden[],
): number {
  let count = 0;
  for (const row of population['werk-inkomen'].uitkering) {
    if (!counted(row, gemeente) || row.einddatum === null || row.einddatum < from || row.einddatum > to)
      continue;
    if (reasons && (row.uitstroomreden === null || !reasons.includes(row.uitstroomreden))) continue;
    count++;
  }
  return count;
}

/** Same, split per reason. */
export function endedBenefitsByReason(
  population: Population,
  gemeente: string,
  from: string,
  to: string,
): Partial<Record<Uitstroomreden, number>> {
  const byReason: Partial<Record<Uitstroomreden, number>> = {};
  for (const row of population['werk-inkomen'].uitkering) {
    if (!counted(row, gemeente) || row.einddatum === null || row.einddatum < from || row.einddatum > to)
      continue;
    const reason = row.uitstroomreden;
    if (reason) byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  return byReason;
}

/**
 * select count(*) from uitkering where gemeente = $1 and regeling in ('PW','IOAW','IOAZ')
 *   and ingangsdatum between $2 and $3
 */
export function startedBenefits(population: Population, gemeente: string, from: string, to: string): number {
  let count = 0;
  for (const row of population['werk-inkomen'].uitkering) {
    if (counted(row, gemeente) && row.ingangsdatum >= from && row.ingangsdatum <= to) count++;
  }
  return count;
}

/**
 * select count(*) from uitkering u join inwoner i using (bsn) where u.gemeente = $1
 *   and u.regeling in ('PW','IOAW','IOAZ') and <running on $2> and i.statushouder
 */
export function statushoudersAmongRunning(population: Population, gemeente: string, on: string): number {
  const statushouders = new Set<string>();
  for (const inwoner of population['werk-inkomen'].inwoner)
    if (inwoner.statushouder) statushouders.add(inwoner.bsn);
  let count = 0;
  for (const row of population['werk-inkomen'].uitkering) {
    if (counted(row, gemeente) && runs(row.ingangsdatum, row.einddatum, on) && statushouders.has(row.bsn))
      count++;
  }
  return count;
}

function lks(population: Population, gemeente: string): LoonkostensubsidieRow[] {
  return population['werk-inkomen'].loonkostensubsidie.filter((row) => row.gemeente === gemeente);
}

/**
 * select count(distinct bsn) from loonkostensubsidie where gemeente = $1
 *   and startdatum <= $2 and (einddatum is null or einddatum >= $2)
 */
export function lksPersonsRunning(population: Population, gemeente: string, on: string): number {
  const persons = new Set<string>();
  for (const row of lks(population, gemeente))
    if (runs(row.startdatum, row.einddatum, on)) persons.add(row.bsn);
  return persons.size;
}

/** select count(*) from loonkostensubsidie where gemeente = $1 and <running on $2> */
export function lksContractsRunning(population: Population, gemeente: string, on: string): number {
  return lks(population, gemeente).filter((row) => runs(row.startdatum, row.einddatum, on)).length;
}

/** select count(*) from loonkostensubsidie where gemeente = $1 and startdatum between $2 and $3 */
export function lksContractsStarted(
  population: Population,
  gemeente: string,
  from: string,
  to: string,
): number {
  return lks(population, gemeente).filter((row) => row.startdatum >= from && row.startdatum <= to).length;
}

/** select count(*) from loonkostensubsidie where gemeente = $1 and einddatum between $2 and $3 */
export function lksContractsEnded(
  population: Population,
  gemeente: string,
  from: string,
  to: string,
): number {
  return lks(population, gemeente).filter(
    (row) => row.einddatum !== null && row.einddatum >= from && row.einddatum <= to,
  ).length;
}

/**
 * select count(*) from schuldhulptraject where gemeente = $1
 *   and aanmelddatum between '<year>-01-01' and '<year>-12-31' [and bron = $3]
 */
export function debtRegistrations(
  population: Population,
  gemeente: string,
  year: number,
  bron?: SchuldhulpBron,
): number {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return population.schuldhulp.schuldhulptraject.filter(
    (row) =>
      row.gemeente === gemeente &&
      row.aanmelddatum >= from &&
      row.aanmelddatum <= to &&
      (bron === undefined || row.bron === bron),
  ).length;
}

/**
 * select count(*) from traject where gemeente = $1
 *   and einddatum between '<year>-01-01' and '<year>-12-31' [and resultaat = $3]
 */
export function trajectoriesEnded(
  population: Population,
  gemeente: string,
  year: number,
  resultaat?: TrajectResultaat,
): number {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return population.swb.traject.filter(
    (row) =>
      row.gemeente === gemeente &&
      row.einddatum !== null &&
      row.einddatum >= from &&
      row.einddatum <= to &&
      (resultaat === undefined || row.resultaat === resultaat),
  ).length;
}

/** select count(*) from traject where gemeente = $1 and startdatum between '<year>-01-01' and '<year>-12-31' */
export function trajectoriesStarted(population: Population, gemeente: string, year: number): number {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  return population.swb.traject.filter(
    (row) => row.gemeente === gemeente && row.startdatum >= from && row.startdatum <= to,
  ).length;
}

/** A percentage rounded to one decimal, as the statistics API reports ratios. */
export function percentage(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : Math.round((numerator / denominator) * 1000) / 10;
}

/** BSNs that have at least one row at every one of the five partners. */
export function residentsAtAllPartners(population: Population): string[] {
  const sets = [
    new Set(population['werk-inkomen'].uitkering.map((row) => row.bsn)),
    new Set(population.swb.traject.map((row) => row.bsn)),
    new Set(population.werkplein.plaatsing.map((row) => row.bsn)),
    new Set(population.schuldhulp.schuldhulptraject.map((row) => row.bsn)),
    new Set(population.werkcentrum.ontwikkeltraject.map((row) => row.bsn)),
  ];
  const [first, ...rest] = sets;
  return [...(first ?? [])].filter((bsn) => rest.every((set) => set.has(bsn))).sort();
}
