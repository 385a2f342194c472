/**
 * SWB Midden Twente: re-integration trajectories (mostly for Hengelo and Borne, a few for
 * Haaksbergen), Wsw and Nieuw beschut employment, and a handful of Hof van Twente residents whose
 * statistics are small enough to be suppressed.
 */
import { HOF_VAN_TWENTE, SWB_BETAALD_WERK_SHARE, SWB_ENDED, SWB_HENGELO, type Template } from './calibration';
import { scaledCount, type RegionContext } from './context';
import { addYears, day, HISTORY_END, HISTORY_START, iso, offMonthEnd } from './dates';
import type { Persoon } from './persons';
import { allocate, interleave, type Random } from './random';
import type { SwSoort, TrajectResultaat, TrajectRow, TrajectSoort } from './tables';

const SOORT_GEWICHTEN: Record<TrajectSoort, number> = {
  DIAGNOSE: 28,
  ARBEIDSFIT: 30,
  WERKLEERBEDRIJF: 20,
  Z_ROUTE: 10,
  JOBCOACHING: 12,
};

/** Duration in days per kind of trajectory. */
const DUUR: Record<TrajectSoort, [number, number]> = {
  DIAGNOSE: [30, 90],
  ARBEIDSFIT: [90, 270],
  WERKLEERBEDRIJF: [180, 540],
  Z_ROUTE: [180, 720],
  JOBCOACHING: [90, 365],
};

const ANDERE_RESULTATEN: Record<Exclude<TrajectResultaat, 'BETAALD_WERK'>, number> = {
  OPLEIDING: 9,
  VERVOLGTRAJECT: 33,
  UITVAL: 24,
  GEEN_RESULTAAT: 34,
};

interface PlannedTraject {
  start: number;
  end: number | null;
  soort: TrajectSoort;
  resultaat: TrajectResultaat | null;
  persoon: Persoon | null;
}

type SwbTemplate = Exclude<Template, 'enschede'>;
const SWB_TEMPLATES: readonly SwbTemplate[] = ['hengelo', 'borne', 'haaksbergen'];

/** Trajectories that end in each year (the calibrated Hengelo figures are on their end year). */
function planTrajecten(context: RegionContext, template: SwbTemplate, rng: Random): PlannedTraject[] {
  const planned: PlannedTraject[] = [];
  for (let year = 2021; year <= 2025; year++) {
    const exact = template === 'hengelo' && (year === 2023 || year === 2024) ? SWB_HENGELO[year] : null;
    const ended = scaledCount(context, exact ? exact.ended : (SWB_ENDED[template][year] ?? 0));
    const betaaldWerk = exact
      ? scaledCount(context, exact.betaaldWerk)
      : Math.round(ended * SWB_BETAALD_WERK_SHARE * rng.real(0.85, 1.15));
    const yearTrajecten: PlannedTraject[] = [];
    for (let i = 0; i < ended; i++) {
      const soort = rng.weightedKey(SOORT_GEWICHTEN);
      const [min, max] = DUUR[soort];
      const end = day(year, 1, 1) + rng.int(0, 364);
      yearTrajecten.push({ start: end - rng.int(min, max), end, soort, resultaat: null, persoon: null });
    }
    // Paid work comes from the work-oriented trajectories, not from the Z-route (participation).
    rng.shuffle(yearTrajecten);
    yearTrajecten.sort((a, b) => Number(a.soort === 'Z_ROUTE') - Number(b.soort === 'Z_ROUTE'));
    // The other results in proportion, so that each has enough for every quarter (see below).
    const kinds = Object.keys(ANDERE_RESULTATEN) as (keyof typeof ANDERE_RESULTATEN)[];
    const others = allocate(
      Math.max(0, ended - betaaldWerk),
      kinds.map((kind) => ANDERE_RESULTATEN[kind]),
    ).flatMap((count, index) => Array.from({ length: count }, () => kinds[index] as TrajectResultaat));
    rng.shuffle(others);
    yearTrajecten.forEach((traject, index) => {
      traject.resultaat =
        index < betaaldWerk ? 'BETAALD_WERK' : (others[index - betaaldWerk] ?? 'GEEN_RESULTAAT');
    });
    // Each quarter of the year gets its share of every result: the statistics publish results per
    // quarter, and a result small in one quarter is hidden for the year too.
    interleave(yearTrajecten, (traject) => traject.resultaat ?? '').forEach((traject, index) => {
      const quarter = Math.floor((index * 4) / yearTrajecten.length);
      const from = day(year, quarter * 3 + 1, 1);
      const to = quarter === 3 ? day(year, 12, 31) : day(year, quarter * 3 + 4, 1) - 1;
      const duration = (traject.end ?? 0) - traject.start;
      traject.end = rng.int(from, to);
      traject.start = traject.end - duration;
    });
    planned.push(...yearTrajecten);
  }
  const running = Math.round(scaledCount(context, SWB_ENDED[template][2025] ?? 0) * 0.5);
  for (let i = 0; i < running; i++) {
    const soort = rng.weightedKey(SOORT_GEWICHTEN);
    const [, max] = DUUR[soort];
    planned.push({
      start: HISTORY_END - rng.int(0, max - 1),
      end: null,
      soort,
      resultaat: null,
      persoon: null,
    });
  }
  // Registration order: SWB numbers trajectories as they start.
  return planned.sort((a, b) => a.start - b.start);
}

function trajectRow(persoon: Persoon, gemeente: string, traject: PlannedTraject): TrajectRow {
  return {
    bsn: persoon.bsn,
    gemeente,
    soort: traject.soort,
    startdatum: iso(traject.start),
    einddatum: traject.end === null ? null : iso(offMonthEnd(traject.end)),
    resultaat: traject.resultaat,
  };
}

function generateTrajecten(context: RegionContext, template: SwbTemplate): void {
  const rng = context.rng.fork(`swb-traject-${template}`);
  const gemeente = context.codes[template];
  const planned = planTrajecten(context, template, rng);
  const caseload = context.caseloads[template];

  // The ketenaanpak cohort first: a trajectory that starts while their benefit runs.
  const order = rng.shuffle(planned.map((_, index) => index));
  for (const spell of context.cohort) {
    if (spell.gemeente !== gemeente) continue;
    const from = Math.max(spell.start, HISTORY_START);
    const to = Math.min(spell.end ?? HISTORY_END, HISTORY_END);
    const match = order.find((index) => {
      const traject = planned[index] as PlannedTraject;
      return traject.persoon === null && traject.start >= from && traject.start <= to;
    });
    if (match !== undefined) (planned[match] as PlannedTraject).persoon = spell.persoon;
  }

  for (const traject of planned) {
    if (traject.persoon === null) {
      const spell = rng.chance(0.8) ? caseload.runningOn(rng, traject.start) : null;
      traject.persoon =
        spell?.persoon ?? context.bevolking.newResident(gemeente, traject.start, { minAge: 18, maxAge: 60 });
    }
    context.out.swb.traject.push(trajectRow(traject.persoon, gemeente, traject));
    // Half of those who found paid work did so through a placement by the Werkplein.
    if (
      traject.resultaat === 'BETAALD_WERK' &&
      traject.end !== null &&
      traject.end < HISTORY_END &&
      rng.chance(0.5)
    ) {
      const start = traject.end + 1;
      const end = rng.chance(0.5) ? null : start + rng.int(180, 900);
      context.werkplein.place(
        traject.persoon,
        start,
        end,
        rng.chance(0.4) ? 'BANENAFSPRAAK' : 'REGULIER',
        false,
      );
    }
  }
}

/** Wsw employees at the start of the history, and Nieuw beschut starts per year, at factor 1. */
const WSW_STAND: Record<SwbTemplate, number> = { hengelo: 560, borne: 115, haaksbergen: 12 };
const NIEUW_BESCHUT_PER_JAAR: Record<SwbTemplate, number> = { hengelo: 16, borne: 4, haaksbergen: 1 };

function generateDienstverbanden(context: RegionContext, template: SwbTemplate): void {
  const rng = context.rng.fork(`swb-dienstverband-${template}`);
  const gemeente = context.codes[template];
  const rows = context.out.swb.sw_dienstverband;
  const push = (persoon: Persoon, soort: SwSoort, start: number, end: number | null, gedetacheerd: boolean) =>
    rows.push({
      bsn: persoon.bsn,
      gemeente,
      soort,
      startdatum: iso(start),
      einddatum: end === null || end > HISTORY_END ? null : iso(end),
      gedetacheerd,
    });

  // The Wsw closed for newcomers in 2015: a shrinking stock of long-serving employees.
  const wsw = scaledCount(context, WSW_STAND[template]);
  for (let i = 0; i < wsw; i++) {
    const persoon = context.bevolking.newResident(gemeente, HISTORY_START, { minAge: 25, maxAge: 65 });
    const earliest = Math.max(addYears(persoon.geboorte, 18), day(1985, 1, 1));
    const latest = day(2014, 12, 31);
    const start = earliest < latest ? rng.int(earliest, latest) : latest;
    const aow = addYears(persoon.geboorte, 67) - 1;
    const end = aow <= HISTORY_END ? aow : rng.chance(0.12) ? rng.int(HISTORY_START, HISTORY_END) : null;
    push(persoon, 'WSW', start, end, rng.chance(0.35));
  }

  const caseload = context.caseloads[template];
  for (let year = 2016; year <= 2025; year++) {
    const count = Math.round(NIEUW_BESCHUT_PER_JAAR[template] * context.factor * rng.real(0.8, 1.2));
    for (let i = 0; i < count; i++) {
      const start = day(year, 1, 1) + rng.int(0, 364);
      const spell = start >= HISTORY_START && rng.chance(0.3) ? caseload.runningOn(rng, start) : null;
      const persoon =
        spell?.persoon ?? context.bevolking.newResident(gemeente, start, { minAge: 18, maxAge: 55 });
      const end = rng.chance(0.1) ? start + rng.int(365, 3 * 365) : null;
      push(persoon, 'NIEUW_BESCHUT', start, end, rng.chance(0.15));
    }
  }
}

/**
 * Hof van Twente: SWB only, deliberately few rows: 3 trajectories started in 2024 and 2 ended in 2024
 * (one in paid work), so that its statistics fall under small-number protection (counts 1..4).
 */
function generateHofVanTwente(context: RegionContext): void {
  const rng = context.rng.fork('swb-hof-van-twente');
  const inMonth = (year: number, month: number) => day(year, month, rng.int(1, 28));
  const trajecten: [TrajectSoort, number, number | null, TrajectResultaat | null][] = [
    ['DIAGNOSE', inMonth(2022, 3), inMonth(2023, 2), 'GEEN_RESULTAAT'],
    ['ARBEIDSFIT', inMonth(2023, 9), inMonth(2024, 3), 'BETAALD_WERK'],
    ['WERKLEERBEDRIJF', inMonth(2023, 11), inMonth(2024, 6), 'UITVAL'],
    ['JOBCOACHING', inMonth(2024, 2), inMonth(2025, 1), 'OPLEIDING'],
    ['Z_ROUTE', inMonth(2024, 5), null, null],
    ['ARBEIDSFIT', inMonth(2024, 10), inMonth(2025, 6), 'VERVOLGTRAJECT'],
    ['DIAGNOSE', inMonth(2025, 3), null, null],
  ];
  for (const [soort, start, end, resultaat] of trajecten) {
    const persoon = context.bevolking.newResident(HOF_VAN_TWENTE, start, { maxAge: 60, registered: false });
    context.out.swb.traject.push(
      trajectRow(persoon, HOF_VAN_TWENTE, { soort, start, end, resultaat, persoon }),
    );
  }
  const wsw = context.bevolking.newResident(HOF_VAN_TWENTE, HISTORY_START, {
    minAge: 40,
    maxAge: 55,
    registered: false,
  });
  const beschut = context.bevolking.newResident(HOF_VAN_TWENTE, day(2022, 4, 1), {
    maxAge: 30,
    registered: false,
  });
  context.out.swb.sw_dienstverband.push(
    {
      bsn: wsw.bsn,
      gemeente: HOF_VAN_TWENTE,
      soort: 'WSW',
      startdatum: iso(day(1998, 3, 1)),
      einddatum: null,
      gedetacheerd: true,
    },
    {
      bsn: beschut.bsn,
      gemeente: HOF_VAN_TWENTE,
      soort: 'NIEUW_BESCHUT',
      startdatum: iso(day(2022, 4, 1)),
      einddatum: null,
      gedetacheerd: false,
    },
  );
}

export function generateSwb(context: RegionContext): void {
  for (const template of SWB_TEMPLATES) {
    generateTrajecten(context, template);
    generateDienstverbanden(context, template);
  }
  if (context.real) generateHofVanTwente(context);
}
