import { FlowTable, type Breakdown } from './flow';
import { flowLayout } from './layout';
import { MoneyTable, type MoneyCell } from './money';
import { StockTable } from './stock';

/**
 * Per category of a series: what lies before the year (for stocks), its twelve months, and the
 * change in the January after (for a stock taken on first days, whose last point is that January's).
 */
export type Categories = Map<string, { voor: number; maanden: number[]; volgende: number }>;

/** A flow's series: one without categories, or per breakdown the series that breaks it down by it. */
export type Reeksen = string | Readonly<Record<string, string>>;

/** A stock's series, and the day of each month it is taken on: the last (default) or the first. */
export interface Stand {
  reeks: string;
  op?: 'maandeinde' | 'eerste';
}

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
function levels({ voor, maanden }: { voor: number; maanden: readonly number[] }): number[] {
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

  /** The monthly totals of a flow and its breakdowns. */
  private flowSeries(reeksen: Reeksen): { totals: number[]; breakdowns: Record<string, Breakdown> } {
    if (typeof reeksen === 'string') return { totals: sumOfMonths(this.series(reeksen)), breakdowns: {} };
    const breakdowns: Record<string, Breakdown> = {};
    for (const [name, reeks] of Object.entries(reeksen)) {
      breakdowns[name] = asBreakdown(this.series(reeks), ({ maanden }) => maanden);
    }
    const [first] = Object.values(reeksen);
    return { totals: sumOfMonths(this.series(first ?? '')), breakdowns };
  }

  /**
   * A flow of its own (no stock counts what it starts or ends): `reeksen` names, per breakdown, the
   * series that breaks the flow down by it (all breaking down the same total), or is one series
   * without categories.
   */
  flow(reeksen: Reeksen): FlowTable {
    const { totals, breakdowns } = this.flowSeries(reeksen);
    return new FlowTable(totals, breakdowns);
  }

  /**
   * The 13 points of a stock around the months of the year, summed over its categories: for a
   * month-end stock the previous December's and this year's month-ends, for a stock on first days
   * this year's first days and the next January's.
   */
  stockPoints({ reeks, op = 'maandeinde' }: Stand): number[] {
    const level = new Array<number>(12).fill(0);
    let voor = 0;
    let volgende = 0;
    for (const entry of this.series(reeks).values()) {
      levels(entry).forEach((value, month) => (level[month] = (level[month] ?? 0) + value));
      voor += entry.voor;
      volgende += entry.volgende;
    }
    return op === 'eerste' ? [...level, (level[11] ?? 0) + volgende] : [voor, ...level];
  }

  /**
   * The flows into and out of a stock, its starts and its ends, hidden together: one layout, decided
   * from both and from the stock's small points (`flowLayout`), so that no change of the stock between
   * two shown points gives a hidden start or end away, and no shown flows give a hidden point away.
   * Without `ends` the ends are not published, but the starts and the stock's changes give them
   * (starts minus change), so the layout protects those; a small point needs nothing more then, as
   * the unpublished ends of the months beside it are as unknown as the point itself.
   */
  movements(stand: Stand, starts: Reeksen, ends?: Reeksen): { starts: FlowTable; ends: FlowTable } {
    const points = this.stockPoints(stand);
    const started = this.flowSeries(starts);
    // A negative difference (a start that never ran) counts no one, so there is nothing to protect.
    const ended = ends
      ? this.flowSeries(ends)
      : {
          totals: started.totals.map((n, month) =>
            Math.max(0, n - ((points[month + 1] ?? 0) - (points[month] ?? 0))),
          ),
          breakdowns: {},
        };
    const layout = flowLayout(started.totals, ended.totals, ends ? points : []);
    return {
      starts: new FlowTable(started.totals, started.breakdowns, layout),
      ends: new FlowTable(ended.totals, ended.breakdowns, layout),
    };
  }

  /** A stock kept as monthly changes, in the same form as `flow`. */
  stock(reeksen: Reeksen): StockTable {
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
    const over = (months: readonly number[]) => moneyCell(residents, months);
    return new MoneyTable(
      Array.from({ length: 12 }, (_, month) => over([month])),
      Array.from({ length: 4 }, (_, quarter) => over([quarter * 3, quarter * 3 + 1, quarter * 3 + 2])),
      over(Array.from({ length: 12 }, (_, month) => month)),
    );
  }
}

/**
 * Over `months`, the sum of the residents' amounts, how many contribute, and the two largest
 * contributions: one pass, as a dashboard computes some sixty of these per series and partner.
 */
function moneyCell(residents: readonly (readonly number[])[], months: readonly number[]): MoneyCell {
  let centen = 0;
  let bijdragers = 0;
  let grootste = 0;
  let tweede = 0;
  for (const amounts of residents) {
    let amount = 0;
    for (const month of months) amount += amounts[month] ?? 0;
    if (amount <= 0) continue;
    centen += amount;
    bijdragers += 1;
    if (amount > grootste) {
      tweede = grootste;
      grootste = amount;
    } else if (amount > tweede) {
      tweede = amount;
    }
  }
  return { centen, bijdragers, grootste, tweede };
}
