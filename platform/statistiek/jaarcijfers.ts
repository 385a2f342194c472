import { FlowTable, type Breakdown } from './flow';
import { MoneyTable, type MoneyCell } from './money';
import { StockTable } from './stock';

/** Per category of a series: what lies before the year (for stocks), then its twelve months. */
export type Categories = Map<string, { voor: number; maanden: number[] }>;

function sumOfMonths(categories: Categories): number[] {
  const totals = new Array<number>(12).fill(0);
  for (const { maanden } of categories.values())
    maanden.forEach((value, month) => (totals[month] = (totals[month] ?? 0) + value));
  return totals;
}

/** A breakdown (or the total) in series form: per category its twelve values. */
function asBreakdown(
  categories: Categories,
  values: (entry: { voor: number; maanden: number[] }) => number[],
) {
  const breakdown = new Map<string, number[]>();
  for (const [category, entry] of categories) breakdown.set(category, values(entry));
  return breakdown;
}

/** The running level at each month: what lay before the year plus the changes up to that month. */
function levels({ voor, maanden }: { voor: number; maanden: number[] }): number[] {
  let level = voor;
  return maanden.map((change) => (level += change));
}

/**
 * The monthly aggregates of one gemeente and year, as one partner's statement returned them, with
 * the tables that apply the suppression rules to them.
 */
export class Jaarcijfers {
  constructor(
    private readonly reeksen: ReadonlyMap<string, Categories>,
    /** Per money series, per contributing resident (unnamed), the twelve monthly amounts. */
    private readonly bedragen: ReadonlyMap<string, readonly (readonly number[])[]>,
  ) {}

  private series(reeks: string): Categories {
    return this.reeksen.get(reeks) ?? (new Map() as Categories);
  }

  /**
   * A flow: `reeksen` names, per breakdown, the series that breaks the flow down by it (all breaking
   * down the same total), or is one series without categories.
   */
  flow(reeksen: string | Readonly<Record<string, string>>): FlowTable {
    if (typeof reeksen === 'string') return new FlowTable(sumOfMonths(this.series(reeksen)));
    const breakdowns: Record<string, Breakdown> = {};
    for (const [name, reeks] of Object.entries(reeksen)) {
      breakdowns[name] = asBreakdown(this.series(reeks), ({ maanden }) => maanden);
    }
    const [first] = Object.values(reeksen);
    return new FlowTable(sumOfMonths(this.series(first ?? '')), breakdowns);
  }

  /** A stock kept as monthly changes, in the same form as `flow`. */
  stock(reeksen: string | Readonly<Record<string, string>>): StockTable {
    const total = (reeks: string) => {
      const result = new Array<number>(12).fill(0);
      for (const entry of this.series(reeks).values()) {
        levels(entry).forEach((value, month) => (result[month] = (result[month] ?? 0) + value));
      }
      return result;
    };
    if (typeof reeksen === 'string') return new StockTable(total(reeksen));
    const breakdowns: Record<string, Breakdown> = {};
    for (const [name, reeks] of Object.entries(reeksen))
      breakdowns[name] = asBreakdown(this.series(reeks), levels);
    const [first] = Object.values(reeksen);
    return new StockTable(total(first ?? ''), breakdowns);
  }

  /** The value of a series without categories in one month; null when it has none (or 0). */
  value(reeks: string, month: number): number | null {
    const entry = this.series(reeks).get('');
    const value = entry?.maanden[month];
    return value === undefined || value === 0 ? null : value;
  }

  /** Sums of money of a series, per month, quarter and year. */
  money(reeks: string): MoneyTable {
    const residents = this.bedragen.get(reeks) ?? [];
    const over = (months: number[]) => moneyCell(residents.map((amounts) => sumOf(amounts, months)));
    return new MoneyTable(
      Array.from({ length: 12 }, (_, month) => over([month])),
      Array.from({ length: 4 }, (_, quarter) => over([quarter * 3, quarter * 3 + 1, quarter * 3 + 2])),
      over(Array.from({ length: 12 }, (_, month) => month)),
    );
  }
}

function sumOf(amounts: readonly number[], months: readonly number[]): number {
  return months.reduce((total, month) => total + (amounts[month] ?? 0), 0);
}

/** The sum of the residents' contributions, how many contribute, and the two largest. */
function moneyCell(contributions: readonly number[]): MoneyCell {
  const given = contributions.filter((amount) => amount > 0).sort((a, b) => b - a);
  return {
    centen: given.reduce((total, amount) => total + amount, 0),
    bijdragers: given.length,
    grootste: given[0] ?? 0,
    tweede: given[1] ?? 0,
  };
}
