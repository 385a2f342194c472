import { flowLayout, type Layout, type Monthly, type Stratum } from './layout';
import type { MonthRange } from './periode';
import { cell, hiddenBlock, keepsBlockWhole, type Cell } from './suppression';

export type { Monthly } from './layout';

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

/**
 * A flow (things that start or end) of one gemeente over one calendar year, with the suppression of
 * docs/ACCESS.md, Statistics, decided from the year's data alone, whatever the query asks. Which
 * totals are hidden (the year, quarters hidden together as one stratum, months hidden as one block
 * per stratum) is the flow's `Layout` (`flowLayout`): its own, or the one it shares with the other
 * flow of a stock. Within each stratum, the categories of each breakdown (summed over the stratum)
 * form a group and hide one block (`hiddenBlock`). A sum of categories is shown only for a quarter
 * that is a stratum alone and for a year whose totals are shown, when in every stratum it takes each
 * hidden block whole or not at all; a category of a single month is never shown (it would pair a
 * month total with a quarter's categories).
 *
 * Every figure shown is then a sum of blocks of 0 or at least 5, and so is every difference of shown
 * figures that counts a group of residents.
 */
export class FlowTable {
  private readonly hiddenCategories = new Map<Stratum, Map<string, Set<string>>>();

  constructor(
    private readonly totals: Monthly,
    private readonly breakdowns: Readonly<Record<string, Breakdown>> = {},
    private readonly layout: Layout = flowLayout(totals),
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
    for (const stratum of layout.strata) {
      const perBreakdown = new Map<string, Set<string>>();
      for (const [name, breakdown] of Object.entries(breakdowns)) {
        const categories = [...breakdown.keys()];
        const values = categories.map((category) =>
          sum(stratum.months.map((month) => breakdown.get(category)?.[month] ?? 0)),
        );
        perBreakdown.set(name, new Set([...hiddenBlock(values)].map((index) => categories[index] ?? '')));
      }
      this.hiddenCategories.set(stratum, perBreakdown);
    }
  }

  /** Whether the layout lets the total of a month, a quarter or the year be shown. */
  private totalShown(range: MonthRange): boolean {
    if (range.kind === 'jaar') return !this.layout.yearHidden;
    if (range.kind === 'kwartaal') return !this.layout.hiddenQuarters.has(range.first / 3);
    const stratum = this.layout.stratumOfQuarter[Math.floor(range.first / 3)];
    return stratum !== undefined && !stratum.hiddenMonths.has(range.first);
  }

  /** The total over the range: a month, a quarter or the year, as the layout allows. */
  total(range: MonthRange): Cell {
    return cell(sum(this.totals.slice(range.first, range.last + 1)), this.totalShown(range));
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
   * alone and for a year whose totals are shown, when in each stratum the selection takes the hidden
   * categories whole or not at all; never for a single month, nor for a quarter hidden with others.
   */
  part(breakdown: string, selection: Selection, range: MonthRange): Cell {
    const values = this.breakdowns[breakdown];
    if (!values) throw new Error(`Unknown breakdown ${breakdown}`);
    let value = 0;
    for (const [category, monthly] of values) {
      if (selection(category)) value += sum(monthly.slice(range.first, range.last + 1));
    }
    const strata =
      range.kind === 'jaar'
        ? this.layout.strata
        : [this.layout.stratumOfQuarter[Math.floor(range.first / 3)]];
    const whole = strata.every(
      (stratum) =>
        stratum !== undefined &&
        keepsBlockWhole(this.hiddenCategories.get(stratum)?.get(breakdown) ?? new Set<string>(), selection),
    );
    return cell(value, range.kind !== 'maand' && this.totalShown(range) && whole);
  }
}
