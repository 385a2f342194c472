/**
 * Monthly plans of the benefit caseload: for every month of the history the number of benefits that
 * start and the reasons of those that end. A plan is made first and realised as spells afterwards,
 * because the calibration is easy to satisfy on counts and hard to satisfy on individual spells.
 *
 * Flow identity the plans keep: running(month-end t) = running(t-1) + instroom(t) - uitstroom(t), where
 * a benefit ending in month t ends before its last day (see `realiseSpells`).
 */
import {
  BHH_HISTORY,
  BHH_TARGETS,
  BHH_WORK_SHARE,
  ENSCHEDE_OTHER_PERIODS,
  ENSCHEDE_Q3_2024,
  ENSCHEDE_RUNNING_SEP_2024,
  OTHER_REASON_WEIGHTS,
  type Template,
} from './calibration';
import { HISTORY_MONTHS, historyMonthIndex } from './dates';
import { allocate, interleave, type Random } from './random';
import type { Uitstroomreden } from './tables';

export interface MonthFlow {
  instroom: number;
  /** One reason per benefit that ends this month. */
  uitstroom: Uitstroomreden[];
}

export interface BenefitPlan {
  /** Benefits running on 31 Dec 2020 (started before the history). */
  startStock: number;
  /** One entry per month of HISTORY_MONTHS. */
  months: MonthFlow[];
}

/** Multiplies a published number by the scale factor; exact at factor 1. */
export function scaled(value: number, factor: number): number {
  return factor === 1 ? value : Math.round(value * factor);
}

/** Mild seasonality of endings (January and summer higher) with some noise. */
function monthWeights(rng: Random): number[] {
  const season = [1.15, 1.0, 1.0, 0.95, 0.95, 1.0, 1.1, 1.05, 1.0, 0.95, 0.9, 0.95];
  return season.map((weight) => Math.max(0.2, weight * (1 + rng.normal(0, 0.12))));
}

/**
 * Spreads reasons over months: `counts` per reason for the whole period (whole quarters from its
 * start), `perMonth` exits per month. Each quarter gets its share of every reason (`interleave`),
 * shuffled over its months.
 */
function spreadReasons(
  rng: Random,
  counts: Partial<Record<Uitstroomreden, number>>,
  perMonth: number[],
): Uitstroomreden[][] {
  const tokens: Uitstroomreden[] = [];
  for (const [reason, count] of Object.entries(counts) as [Uitstroomreden, number][]) {
    for (let i = 0; i < count; i++) tokens.push(reason);
  }
  const spread = interleave(tokens, (reason) => reason);
  const months: Uitstroomreden[][] = [];
  let offset = 0;
  for (let first = 0; first < perMonth.length; first += 3) {
    const quarter = perMonth.slice(first, first + 3);
    const total = quarter.reduce((acc, count) => acc + count, 0);
    const inQuarter = rng.shuffle(spread.slice(offset, offset + total));
    offset += total;
    let start = 0;
    for (const count of quarter) {
      months.push(inQuarter.slice(start, start + count));
      start += count;
    }
  }
  return months;
}

/** Splits a number of "other" endings over the other reasons. */
function otherReasons(total: number): Partial<Record<Uitstroomreden, number>> {
  const reasons = Object.keys(OTHER_REASON_WEIGHTS) as Uitstroomreden[];
  const parts = allocate(
    total,
    reasons.map((reason) => OTHER_REASON_WEIGHTS[reason] ?? 0),
  );
  return Object.fromEntries(reasons.map((reason, index) => [reason, parts[index] ?? 0]));
}

/**
 * Month-end levels from `from` (the previous December) to `to` (this December): a straight line with
 * noise. With `sum`, the twelve levels add up to exactly `sum` (the yearly mean times 12): the
 * difference from the straight line is spread as a hump over January..November.
 */
function yearPath(rng: Random, from: number, to: number, noise: number, sum?: number): number[] {
  const path: number[] = [];
  for (let k = 1; k <= 11; k++) {
    path.push(Math.round(from + ((to - from) * k) / 12 + rng.normal(0, noise)));
  }
  path.push(to);
  if (sum !== undefined) {
    const current = path.reduce((acc, level) => acc + level, 0);
    const hump = Array.from({ length: 11 }, (_, index) => Math.sin((Math.PI * (index + 1)) / 12));
    const corrections = allocate(sum - current, hump);
    for (let k = 0; k < 11; k++) path[k] = (path[k] ?? 0) + (corrections[k] ?? 0);
  }
  return path;
}

/**
 * Derives monthly instroom from levels and endings. Where a month would need negative instroom
 * (the level drops by more than the endings), endings move in from another month of the same year,
 * which keeps the year's endings and levels exact.
 */
function flowsFromLevels(startLevel: number, levels: number[], exits: Uitstroomreden[][]): MonthFlow[] {
  const months: MonthFlow[] = levels.map((level, index) => {
    const previous = index === 0 ? startLevel : (levels[index - 1] ?? 0);
    const uitstroom = exits[index] ?? [];
    return { instroom: level - previous + uitstroom.length, uitstroom };
  });
  for (let index = 0; index < months.length; index++) {
    const month = months[index] as MonthFlow;
    const yearStart = index - (index % 12);
    const quarterStart = index - (index % 3);
    while (month.instroom < 0) {
      // A donor of the same quarter first, so that each quarter keeps its share of every reason.
      let donor: MonthFlow | undefined;
      for (const [from, to] of [
        [quarterStart, quarterStart + 3],
        [yearStart, yearStart + 12],
      ] as const) {
        for (let other = from; other < to; other++) {
          const candidate = months[other];
          if (!candidate || candidate === month || candidate.uitstroom.length === 0 || candidate.instroom < 1)
            continue;
          if (!donor || candidate.instroom > donor.instroom) donor = candidate;
        }
        if (donor) break;
      }
      if (donor) {
        const reason = donor.uitstroom.pop() as Uitstroomreden;
        donor.instroom--;
        month.uitstroom.push(reason);
      } else {
        // Only reachable at tiny fractional scales, where exactness is not promised.
        month.uitstroom.push('OVERIG');
      }
      month.instroom++;
    }
  }
  return months;
}

/** Plan of Borne, Hengelo or Haaksbergen: levels through the 2024 calibration, endings per year. */
export function bhhPlan(template: Exclude<Template, 'enschede'>, factor: number, rng: Random): BenefitPlan {
  const targets = BHH_TARGETS[template];
  const history = BHH_HISTORY[template];
  const december: Record<number, number> = {
    2020: scaled(history.running[2020], factor),
    2021: scaled(history.running[2021], factor),
    2022: scaled(history.running[2022], factor),
    2023: scaled(history.running[2023], factor),
    2024: scaled(targets.running2024, factor),
    2025: scaled(history.running[2025], factor),
  };
  const levels: number[] = [];
  const exits: Uitstroomreden[][] = [];
  for (let year = 2021; year <= 2025; year++) {
    const from = december[year - 1] ?? 0;
    const to = december[year] ?? 0;
    const noise = Math.max(0.3, 0.003 * to);
    const sum = year === 2024 ? 12 * scaled(targets.mean2024, factor) : undefined;
    levels.push(...yearPath(rng, from, to, noise, sum));

    let counts: Partial<Record<Uitstroomreden, number>>;
    if (year === 2024) {
      counts = {
        ...otherReasons(scaled(targets.endedOther2024, factor)),
        WERK: scaled(targets.endedWork2024, factor),
      };
    } else {
      const total = scaled(history.ended[year as 2021 | 2022 | 2023 | 2025], factor);
      const work = Math.round(total * BHH_WORK_SHARE * (1 + rng.normal(0, 0.05)));
      counts = { ...otherReasons(total - work), WERK: work };
    }
    const total = Object.values(counts).reduce((acc, count) => acc + count, 0);
    exits.push(...spreadReasons(rng, counts, allocate(total, monthWeights(rng))));
  }
  return { startStock: december[2020] ?? 0, months: flowsFromLevels(december[2020] ?? 0, levels, exits) };
}

/** Reason mix of Enschede's endings outside Q1-Q3 2024: the published Q1-Q3 mix. */
function enschedeReasons(total: number): Partial<Record<Uitstroomreden, number>> {
  const reasons = Object.keys(ENSCHEDE_Q3_2024.uitstroom) as Uitstroomreden[];
  const parts = allocate(
    total,
    reasons.map((reason) => ENSCHEDE_Q3_2024.uitstroom[reason] ?? 0),
  );
  return Object.fromEntries(reasons.map((reason, index) => [reason, parts[index] ?? 0]));
}

/** Plan of Enschede: published flows per period; the stock at the start follows from Sep 2024 back. */
export function enschedePlan(factor: number, rng: Random): BenefitPlan {
  const months: MonthFlow[] = HISTORY_MONTHS.map(() => ({ instroom: 0, uitstroom: [] }));
  const periods = [
    {
      ...ENSCHEDE_Q3_2024,
      uitstroom: Object.fromEntries(
        Object.entries(ENSCHEDE_Q3_2024.uitstroom).map(([reason, count]) => [reason, scaled(count, factor)]),
      ) as Partial<Record<Uitstroomreden, number>>,
      instroom: scaled(ENSCHEDE_Q3_2024.instroom, factor),
    },
    ...ENSCHEDE_OTHER_PERIODS.map((period) => ({
      ...period,
      instroom: scaled(period.instroom, factor),
      uitstroom: enschedeReasons(scaled(period.uitstroom, factor)),
    })),
  ];
  for (const period of periods) {
    const count = period.toMonth - period.fromMonth + 1;
    const first = historyMonthIndex(period.year, period.fromMonth);
    const season = monthWeights(rng).slice(period.fromMonth - 1, period.toMonth);
    const instroom = allocate(
      period.instroom,
      season.map((weight) => 2 - weight),
    );
    const total = Object.values(period.uitstroom).reduce((acc, n) => acc + n, 0);
    const perMonth = allocate(total, season);
    const reasons = spreadReasons(rng, period.uitstroom, perMonth);
    for (let k = 0; k < count; k++) {
      const month = months[first + k] as MonthFlow;
      month.instroom = instroom[k] ?? 0;
      month.uitstroom = reasons[k] ?? [];
    }
  }
  // Running on 30 Sep 2024 is published; walk the flows back to 31 Dec 2020.
  const sep2024 = historyMonthIndex(2024, 9);
  let stock = scaled(ENSCHEDE_RUNNING_SEP_2024, factor);
  for (let index = sep2024; index >= 0; index--) {
    const month = months[index] as MonthFlow;
    stock += month.uitstroom.length - month.instroom;
  }
  return { startStock: stock, months };
}
