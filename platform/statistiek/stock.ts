import type { Breakdown, Monthly, Selection } from './flow';
import { monthsOf, type MonthRange } from './periode';
import { cell, hiddenBlock, isSmall, keepsBlockWhole, type Cell } from './suppression';
import type { Gemiddelde } from './types';

/**
 * A stock (what runs on a day) of one gemeente at the twelve month-ends of a year, or at the twelve
 * first days for a stock taken at the start of a month. Stocks on different days do not add up, so
 * each day is a group of its own: a count of 1 to 4 is hidden, and in each breakdown the hidden
 * categories form one block (`hiddenBlock`); a sum of categories is shown only when it takes that
 * block whole or not at all. A mean is shown only when every day it is taken over is shown.
 */
export class StockTable {
  private readonly hidden = new Map<string, Set<string>>();

  constructor(
    private readonly levels: Monthly,
    private readonly breakdowns: Readonly<Record<string, Breakdown>> = {},
  ) {
    if (levels.length !== 12) throw new Error('A stock has twelve monthly levels');
    for (const [name, breakdown] of Object.entries(breakdowns)) {
      for (let month = 0; month < 12; month++) {
        let parts = 0;
        for (const values of breakdown.values()) parts += values[month] ?? 0;
        if (parts !== levels[month]) {
          throw new Error(`Breakdown ${name} does not add up to the stock in month ${month + 1}`);
        }
      }
    }
  }

  /** The stock on the day of a month (its last day, or its first for a stock taken at the start). */
  at(month: number): Cell {
    return cell(this.levels[month] ?? 0, true);
  }

  series(range: MonthRange): Cell[] {
    return monthsOf(range).map((month) => this.at(month));
  }

  private hiddenCategories(breakdown: string, month: number): Set<string> {
    const key = `${breakdown}/${month}`;
    let block = this.hidden.get(key);
    if (!block) {
      const categories = [...(this.breakdowns[breakdown]?.keys() ?? [])];
      const values = categories.map((category) => this.breakdowns[breakdown]?.get(category)?.[month] ?? 0);
      block = new Set([...hiddenBlock(values)].map((index) => categories[index] ?? ''));
      this.hidden.set(key, block);
    }
    return block;
  }

  /** The sum of some categories of a breakdown on the day of a month. */
  part(breakdown: string, selection: Selection, month: number): Cell {
    const values = this.breakdowns[breakdown];
    if (!values) throw new Error(`Unknown breakdown ${breakdown}`);
    let value = 0;
    for (const [category, monthly] of values) if (selection(category)) value += monthly[month] ?? 0;
    return cell(value, keepsBlockWhole(this.hiddenCategories(breakdown, month), selection));
  }

  /** The mean over the days of the range; hidden with any of them, as mean × days minus the others would give it. */
  mean(range: MonthRange): Gemiddelde {
    const values = monthsOf(range).map((month) => this.levels[month] ?? 0);
    const maanden = values.length;
    if (values.some(isSmall)) return { waarde: null, maanden, onderdrukt: true };
    return {
      waarde: values.reduce((total, value) => total + value, 0) / maanden,
      maanden,
      onderdrukt: false,
    };
  }
}
