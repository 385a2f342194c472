/**
 * Werkcentrum Twente (Leven Lang Ontwikkelen): career advice, training, work-and-learn trajectories
 * and job-to-job moves, for benefit recipients as well as for people in work.
 */
import { TEMPLATES, type Template } from './calibration';
import { scaledCount, type RegionContext } from './context';
import { day, HISTORY_END, iso, offMonthEnd } from './dates';
import type { Persoon } from './persons';
import type { Random } from './random';
import type { OntwikkeltrajectRow, OntwikkeltrajectSoort } from './tables';

const SOORT_GEWICHTEN: Record<OntwikkeltrajectSoort, number> = {
  LOOPBAANADVIES: 35,
  SCHOLING: 30,
  LEERWERKTRAJECT: 20,
  VAN_WERK_NAAR_WERK: 15,
};

const DUUR: Record<OntwikkeltrajectSoort, [number, number]> = {
  LOOPBAANADVIES: [30, 90],
  SCHOLING: [90, 365],
  LEERWERKTRAJECT: [180, 730],
  VAN_WERK_NAAR_WERK: [60, 270],
};

/** Budget in euros. */
const BUDGET: Record<OntwikkeltrajectSoort, [number, number]> = {
  LOOPBAANADVIES: [500, 1500],
  SCHOLING: [1000, 5000],
  LEERWERKTRAJECT: [3000, 10000],
  VAN_WERK_NAAR_WERK: [1000, 3000],
};

/** Share of participants on benefit; the rest are in work (job-to-job moves always). */
const OP_UITKERING: Record<OntwikkeltrajectSoort, number> = {
  LOOPBAANADVIES: 0.3,
  SCHOLING: 0.45,
  LEERWERKTRAJECT: 0.6,
  VAN_WERK_NAAR_WERK: 0,
};

/** Starts per year in 2025 at factor 1; the programme grew from about half of that in 2021. */
const STARTS_2025: Record<Template, number> = { hengelo: 170, borne: 34, haaksbergen: 32, enschede: 380 };
const GROEI: Record<number, number> = { 2021: 0.45, 2022: 0.6, 2023: 0.75, 2024: 0.9, 2025: 1 };

export function ontwikkeltraject(
  rng: Random,
  persoon: Persoon,
  soort: OntwikkeltrajectSoort,
  start: number,
): OntwikkeltrajectRow {
  const [min, max] = DUUR[soort];
  const [low, high] = BUDGET[soort];
  const end = start + rng.int(min, max);
  return {
    bsn: persoon.bsn,
    gemeente: persoon.gemeente,
    soort,
    startdatum: iso(start),
    einddatum: end > HISTORY_END ? null : iso(offMonthEnd(end)),
    budget_centen: rng.int(low, high) * 100,
  };
}

export function generateWerkcentrum(context: RegionContext): void {
  for (const template of TEMPLATES) {
    const rng = context.rng.fork(`werkcentrum-${template}`);
    const gemeente = context.codes[template];
    const caseload = context.caseloads[template];
    for (let year = 2021; year <= 2025; year++) {
      const count = scaledCount(context, Math.round(STARTS_2025[template] * (GROEI[year] ?? 1)));
      for (let i = 0; i < count; i++) {
        const soort = rng.weightedKey(SOORT_GEWICHTEN);
        const start = day(year, 1, 1) + rng.int(0, 364);
        const spell = rng.chance(OP_UITKERING[soort]) ? caseload.runningOn(rng, start) : null;
        const persoon =
          spell?.persoon ?? context.bevolking.newResident(gemeente, start, { minAge: 20, maxAge: 62 });
        context.out.werkcentrum.ontwikkeltraject.push(ontwikkeltraject(rng, persoon, soort, start));
      }
    }
  }
}
