import type { MonthRange } from './periode';
import { cell, hiddenBlock, keepsBlockWhole, type Cell } from './suppression';

/** Twelve values of one calendar year, January first. */
export type Monthly = readonly number[];

/** Per category of one breakdown (a reason, a kind, ...), its twelve monthly counts. */
export type Breakdown = ReadonlyMap<string, Monthly>;

/** Which categories of a breakdown a figure adds up: one, several, or all but some. */
export type Selection = (category: string) => boolean;

export function only(...categories: string[]): Selection {
  return (category) => categories.includes(category);
}

export function allBut(...categories: string[]): Selection {
  return (category) => !categories.includes(category);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function quarterOf(month: number): number {
  return Math.floor(month / 3);
}

interface Stratum {
  quarters: number[];
  months: number[];
  /** Months hidden together (see `hiddenBlock`). */
  hiddenMonths: Set<number>;
  /** Per breakdown, the categories hidden together over the stratum. */
  hiddenCategories: Map<string, Set<string>>;
}

/**
 * A flow (things that start or end) of one gemeente over one calendar year, with the suppression of
 * docs/ACCESS.md, Statistics, decided from the year's data alone, whatever the query asks:
 *
 * 1. Quarters are the strata. Quarters of 1 to 4 are hidden together as one stratum (with the smallest
 *    other non-zero quarter when they add up to less than 5); every other quarter is a stratum alone.
 * 2. Within a stratum, the monthly totals form groups of their own, and so do the categories of each
 *    breakdown (summed over the stratum); each group hides one block (`hiddenBlock`).
 * 3. A figure is shown only when, in every stratum it touches, it takes each hidden block whole or not
 *    at all: a total of months, or a sum of categories over whole strata. A category of a single month
 *    is never shown (it would pair a month total with a quarter's categories).
 *
 * Every figure shown is then a sum of blocks of 0 or at least 5, and so is every difference of shown
 * figures that counts a group of residents.
 */
export class FlowTable {
  private readonly strata: Stratum[] = [];
  private readonly stratumOfQuarter: Stratum[] = [];

  constructor(
    private readonly totals: Monthly,
    private readonly breakdowns: Readonly<Record<string, Breakdown>> = {},
  ) {
    if (totals.length !== 12) throw new Error('A flow has twelve monthly totals');
    for (const [name, breakdown] of Object.entries(breakdowns)) {
      for (let month = 0; month < 12; month++) {
        let parts = 0;
        for (const values of breakdown.values()) parts += values[month] ?? 0;
        if (parts !== totals[month]) {
          throw new Error(`Breakdown ${name} does not add up to the total in month ${month + 1}`);
        }
      }
    }
    const quarterTotals = [0, 1, 2, 3].map((quarter) => sum(totals.slice(quarter * 3, quarter * 3 + 3)));
    const hiddenQuarters = hiddenBlock(quarterTotals);
    const groups = [0, 1, 2, 3].filter((quarter) => !hiddenQuarters.has(quarter)).map((quarter) => [quarter]);
    if (hiddenQuarters.size > 0) groups.push([...hiddenQuarters].sort((a, b) => a - b));
    for (const quarters of groups) {
      const months = quarters.flatMap((quarter) => [quarter * 3, quarter * 3 + 1, quarter * 3 + 2]);
      const monthBlock = hiddenBlock(months.map((month) => totals[month] ?? 0));
      const stratum: Stratum = {
        quarters,
        months,
        hiddenMonths: new Set([...monthBlock].map((index) => months[index] ?? -1)),
        hiddenCategories: new Map(),
      };
      for (const [name, breakdown] of Object.entries(breakdowns)) {
        const categories = [...breakdown.keys()];
        const values = categories.map((category) =>
          sum(months.map((month) => breakdown.get(category)?.[month] ?? 0)),
        );
        const block = hiddenBlock(values);
        stratum.hiddenCategories.set(name, new Set([...block].map((index) => categories[index] ?? '')));
      }
      this.strata.push(stratum);
      for (const quarter of quarters) this.stratumOfQuarter[quarter] = stratum;
    }
  }

  private touched(range: MonthRange): Stratum[] {
    const strata = new Set<Stratum>();
    for (let month = range.first; month <= range.last; month++) {
      const stratum = this.stratumOfQuarter[quarterOf(month)];
      if (stratum) strata.add(stratum);
    }
    return [...strata];
  }

  /** The total over the range: shown when it takes the hidden months of every stratum whole or not at all. */
  total(range: MonthRange): Cell {
    const inRange = (month: number) => month >= range.first && month <= range.last;
    const whole = this.touched(range).every((stratum) => keepsBlockWhole(stratum.hiddenMonths, inRange));
    return cell(sum(this.totals.slice(range.first, range.last + 1)), whole);
  }

  /** The total of every month of the range. */
  perMonth(range: MonthRange): Cell[] {
    const cells: Cell[] = [];
    for (let month = range.first; month <= range.last; month++) {
      cells.push(this.total({ year: range.year, kind: 'maand', first: month, last: month }));
    }
    return cells;
  }

  /**
   * The sum of some categories of a breakdown over the range. Shown for a quarter that is a stratum
   * alone and for the year, when in each stratum the selection takes the hidden categories whole or
   * not at all; never for a single month, nor for a quarter hidden with others.
   */
  part(breakdown: string, selection: Selection, range: MonthRange): Cell {
    const values = this.breakdowns[breakdown];
    if (!values) throw new Error(`Unknown breakdown ${breakdown}`);
    let value = 0;
    for (const [category, monthly] of values) {
      if (selection(category)) value += sum(monthly.slice(range.first, range.last + 1));
    }
    const strata = this.touched(range);
    const wholeStrata = strata.every((stratum) =>
      stratum.months.every((month) => month >= range.first && month <= range.last),
    );
    const whole = strata.every((stratum) =>
      keepsBlockWhole(stratum.hiddenCategories.get(breakdown) ?? new Set<string>(), selection),
    );
    return cell(value, range.kind !== 'maand' && wholeStrata && whole);
  }
}
