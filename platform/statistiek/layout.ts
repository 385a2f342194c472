import { isSmall, SUPPRESSION_THRESHOLD } from './suppression';

/** Twelve values of one calendar year, January first. */
export type Monthly = readonly number[];

/** Quarters published as one: a quarter alone, or the quarters hidden together. */
export interface Stratum {
  quarters: number[];
  months: number[];
  /** Months whose totals are hidden together. */
  hiddenMonths: Set<number>;
}

/**
 * Which totals of a year of flows are hidden: the year's, each quarter's (those hidden together form
 * one stratum) and each month's. The same layout serves both flows of a stock (its starts and its
 * ends), so that the two are always hidden in the same months, quarters and year.
 */
export interface Layout {
  strata: Stratum[];
  stratumOfQuarter: Stratum[];
  hiddenQuarters: Set<number>;
  yearHidden: boolean;
}

const QUARTERS = [0, 1, 2, 3];
const monthsOfQuarter = (quarter: number) => [quarter * 3, quarter * 3 + 1, quarter * 3 + 2];
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The layout of one flow (`ends` omitted), or of the starts and ends of a stock, decided from the
 * year's data alone (docs/ACCESS.md, Statistics, rules 5 to 9). A month, quarter or year is a pair (starts, ends),
 * for one flow (n, n); a pair is small when either count is 1 to 4, and its weight is the smaller
 * count. `stockPoints` are the 13 values of the stock around the months, the point before January
 * first and the one after December last: a month-end stock from the previous December to this one,
 * a stock on first days from this January's to the next. Rules:
 *
 * 1. A month must be hidden when its pair is small or a stock point beside it is (1 to 4).
 * 2. A group of months whose total is known hides the months that must be hidden as one block, and
 *    when their weights add up to less than 5, also the month of smallest weight among those of at
 *    least 5 (the first of equals). So every combination the stock's changes leave open (each hidden
 *    month taken as its starts or as its ends) adds up to 0 or at least 5.
 * 3. Quarters are the strata. A quarter is hidden with others (one stratum) when its pair is small,
 *    when its months cannot form such a block alone, or when the stock at its start or end (between
 *    two quarters) is small. Those quarters' months form one group; while its block cannot be formed,
 *    the quarter of smallest weight (the first of equals) joins them.
 * 4. The year's totals are hidden when its pair is small, when a stock at the year's start or end is
 *    small, or when the strata cannot be formed. Then the year gives no total to subtract from: the
 *    quarters that must be hidden are hidden together, each hiding the months that must be.
 */
export function flowLayout(starts: Monthly, ends: Monthly = starts, stockPoints: Monthly = []): Layout {
  if (starts.length !== 12 || ends.length !== 12) throw new Error('A flow has twelve monthly totals');
  const smallPoint = (point: number) => {
    const value = stockPoints[point];
    return value !== undefined && isSmall(value);
  };
  const small = (a: number, b: number) => isSmall(a) || isSmall(b);
  const weight = (month: number) => Math.min(starts[month] ?? 0, ends[month] ?? 0);
  const mustHide = (month: number) =>
    small(starts[month] ?? 0, ends[month] ?? 0) || smallPoint(month) || smallPoint(month + 1);

  /** Rule 2: the block of a group of months with a known total, or null when none can be formed. */
  const block = (months: readonly number[]): Set<number> | null => {
    const hidden = new Set(months.filter(mustHide));
    if (hidden.size === 0 || sum([...hidden].map(weight)) >= SUPPRESSION_THRESHOLD) return hidden;
    let extra = -1;
    for (const month of months) {
      if (
        !hidden.has(month) &&
        weight(month) >= SUPPRESSION_THRESHOLD &&
        (extra < 0 || weight(month) < weight(extra))
      )
        extra = month;
    }
    if (extra < 0) return null;
    return hidden.add(extra);
  };

  const quarterPair = (quarter: number) =>
    [
      sum(monthsOfQuarter(quarter).map((m) => starts[m] ?? 0)),
      sum(monthsOfQuarter(quarter).map((m) => ends[m] ?? 0)),
    ] as const;
  const mustPool = (quarter: number) =>
    small(...quarterPair(quarter)) ||
    block(monthsOfQuarter(quarter)) === null ||
    (quarter > 0 && smallPoint(quarter * 3)) ||
    (quarter < 3 && smallPoint(quarter * 3 + 3));

  /** Rule 3: the quarters hidden together and their block, or null when none can be formed. */
  const pool = (): { quarters: number[]; block: Set<number> } | null => {
    let quarters = QUARTERS.filter(mustPool);
    if (quarters.length === 0) return { quarters, block: new Set() };
    const joining = QUARTERS.filter((quarter) => !quarters.includes(quarter))
      .map((quarter) => ({ quarter, weight: Math.min(...quarterPair(quarter)) }))
      .filter((candidate) => candidate.weight > 0)
      .sort((a, b) => a.weight - b.weight || a.quarter - b.quarter);
    for (;;) {
      const hidden = block(quarters.flatMap(monthsOfQuarter));
      if (hidden) return { quarters, block: hidden };
      const next = joining.shift();
      if (!next) return null;
      quarters = [...quarters, next.quarter].sort((a, b) => a - b);
    }
  };

  const yearSmall = small(sum(starts), sum(ends)) || smallPoint(0) || smallPoint(12);
  const pooledWithYear = yearSmall ? null : pool();
  const yearHidden = pooledWithYear === null;
  // Rule 4: with no total to subtract from, the quarters that must be are hidden together, and in
  // them the months that must be; no month joins them.
  const pooled =
    pooledWithYear?.quarters ??
    QUARTERS.filter(
      (quarter) => mustPool(quarter) || (quarter === 0 && smallPoint(0)) || (quarter === 3 && smallPoint(12)),
    );
  const pooledBlock = pooledWithYear?.block ?? new Set(pooled.flatMap(monthsOfQuarter).filter(mustHide));

  const strata: Stratum[] = [];
  const stratumOfQuarter: Stratum[] = [];
  for (const quarter of QUARTERS) {
    if (pooled.includes(quarter)) continue;
    const months = monthsOfQuarter(quarter);
    strata.push({ quarters: [quarter], months, hiddenMonths: block(months) ?? new Set(months) });
  }
  if (pooled.length > 0) {
    strata.push({
      quarters: pooled,
      months: pooled.flatMap(monthsOfQuarter),
      hiddenMonths: pooledBlock,
    });
  }
  strata.sort((a, b) => (a.quarters[0] ?? 0) - (b.quarters[0] ?? 0));
  for (const stratum of strata) for (const quarter of stratum.quarters) stratumOfQuarter[quarter] = stratum;
  return { strata, stratumOfQuarter, hiddenQuarters: new Set(pooled), yearHidden };
}
