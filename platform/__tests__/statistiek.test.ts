import { aandeel, aantal, maandwaarden } from '../statistiek/figures';
import { allBut, FlowTable, only, type Monthly } from '../statistiek/flow';
import { jaarcijfersBindings, toJaarcijfers, type JaarcijfersRow } from '../statistiek/jaarcijfers.loader';
import { flowLayout, type Layout } from '../statistiek/layout';
import { isMoneySafe, MoneyTable, type MoneyCell } from '../statistiek/money';
import { toMonthRange, type MonthRange } from '../statistiek/periode';
import { StockTable } from '../statistiek/stock';
import {
  cell,
  hiddenBlock,
  isSmall,
  keepsBlockWhole,
  SUPPRESSION_THRESHOLD,
} from '../statistiek/suppression';

const BAD_USER_INPUT = expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } });
const year = toMonthRange({ jaar: 2024 });
const quarter = (kwartaal: number): MonthRange => toMonthRange({ jaar: 2024, kwartaal });
const month = (maand: number): MonthRange => toMonthRange({ jaar: 2024, maand });
const shown = (value: number) => ({ value, shown: true });
const hidden = (value: number) => ({ value, shown: false });

/** Twelve months from a compact list of quarters, e.g. [[1, 2, 3], ...]. */
const months = (...quarters: number[][]): Monthly => quarters.flat();
const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

describe('Statistics: small-number protection', () => {
  it('treats the counts 1 to 4 as small, and 0 and 5 not', () => {
    expect(SUPPRESSION_THRESHOLD).toBe(5);
    expect([0, 1, 2, 3, 4, 5, 2189].map(isSmall)).toEqual([false, true, true, true, true, false, false]);
  });

  it.each([-1, 1.5, Number.NaN])('refuses %s as a count', (n) => {
    expect(() => isSmall(n)).toThrow(RangeError);
  });

  it('shows a cell only when allowed and not small, as waarde or as onderdrukt', () => {
    expect(aantal(cell(0, true))).toEqual({ waarde: 0, onderdrukt: false });
    expect(aantal(cell(3, true))).toEqual({ waarde: null, onderdrukt: true });
    expect(aantal(cell(50, false))).toEqual({ waarde: null, onderdrukt: true });
    expect(aantal(cell(5, true))).toEqual({ waarde: 5, onderdrukt: false });
  });

  it('hides no block when no cell is small', () => {
    expect(hiddenBlock([0, 5, 100])).toEqual(new Set());
  });

  it('hides the small cells together when they add up to at least 5', () => {
    expect(hiddenBlock([3, 40, 2, 0, 9])).toEqual(new Set([0, 2]));
  });

  it('adds the smallest other non-zero cell when the small ones add up to less than 5', () => {
    expect(hiddenBlock([3, 40, 0, 9, 9])).toEqual(new Set([0, 3]));
    expect(hiddenBlock([1, 2, 6, 0])).toEqual(new Set([0, 1, 2]));
  });

  it('leaves the block small only when the whole group holds fewer than 5', () => {
    expect(hiddenBlock([1, 0, 2])).toEqual(new Set([0, 2]));
  });

  it('lets a combination through only when it takes the block whole or leaves it whole', () => {
    const block = new Set(['A', 'B']);
    expect(keepsBlockWhole(block, only('A', 'B', 'C'))).toBe(true);
    expect(keepsBlockWhole(block, only('C'))).toBe(true);
    expect(keepsBlockWhole(block, only('A'))).toBe(false);
    expect(keepsBlockWhole(block, allBut('A'))).toBe(false);
  });

  it('shows a ratio only with both its parts, and none over a noemer of 0', () => {
    expect(aandeel(shown(70), shown(547))).toEqual({
      teller: { waarde: 70, onderdrukt: false },
      noemer: { waarde: 547, onderdrukt: false },
      ratio: 70 / 547,
      onderdrukt: false,
    });
    expect(aandeel(hidden(30), shown(50))).toMatchObject({
      teller: { waarde: null },
      ratio: null,
      onderdrukt: true,
    });
    expect(aandeel(shown(0), hidden(4))).toMatchObject({
      teller: { waarde: 0 },
      ratio: null,
      onderdrukt: true,
    });
    expect(aandeel(shown(0), shown(0))).toMatchObject({ ratio: null, onderdrukt: false });
  });
});

describe('Statistics: periods are whole calendar years, quarters and months', () => {
  it('reads a year, a quarter and a month as months 0 to 11 of a year', () => {
    expect(toMonthRange({ jaar: 2024 })).toEqual({ year: 2024, kind: 'jaar', first: 0, last: 11 });
    expect(toMonthRange({ jaar: 2024, kwartaal: 3, maand: null })).toEqual({
      year: 2024,
      kind: 'kwartaal',
      first: 6,
      last: 8,
    });
    expect(toMonthRange({ jaar: 2023, maand: 12 })).toEqual({
      year: 2023,
      kind: 'maand',
      first: 11,
      last: 11,
    });
  });

  it.each([
    [{ jaar: 1999 }, 'jaar is 2000 to 2100'],
    [{ jaar: 2101 }, 'jaar is 2000 to 2100'],
    [{ jaar: 2024, kwartaal: 0 }, 'kwartaal is 1 to 4'],
    [{ jaar: 2024, kwartaal: 5 }, 'kwartaal is 1 to 4'],
    [{ jaar: 2024, maand: 13 }, 'maand is 1 to 12'],
    [{ jaar: 2024, kwartaal: 1, maand: 2 }, 'not both'],
  ])('refuses %j with BAD_USER_INPUT', (periode, message) => {
    expect(() => toMonthRange(periode)).toThrow(BAD_USER_INPUT);
    expect(() => toMonthRange(periode)).toThrow(message);
  });

  it('labels the months of a range', () => {
    expect(maandwaarden(quarter(4), [shown(5), hidden(2), shown(0)])).toEqual([
      { maand: '2024-10', aantal: { waarde: 5, onderdrukt: false } },
      { maand: '2024-11', aantal: { waarde: null, onderdrukt: true } },
      { maand: '2024-12', aantal: { waarde: 0, onderdrukt: false } },
    ]);
  });
});

describe('Statistics: a flow over a year, decided from the year alone', () => {
  it('shows every total when nothing is small', () => {
    const flow = new FlowTable(months([10, 10, 10], [0, 0, 0], [5, 6, 7], [9, 9, 9]));
    expect(flow.total(year)).toEqual(shown(75));
    expect(flow.total(quarter(2))).toEqual(shown(0));
    expect(flow.perMonth(quarter(3))).toEqual([shown(5), shown(6), shown(7)]);
  });

  it('hides a small month with the smallest other month of its quarter, and keeps the quarter', () => {
    const flow = new FlowTable(months([3, 40, 9], [10, 10, 10], [10, 10, 10], [10, 10, 10]));
    expect(flow.perMonth(quarter(1))).toEqual([hidden(3), shown(40), hidden(9)]);
    expect(flow.total(quarter(1))).toEqual(shown(52));
    // quarter minus the shown month gives 12, not the 3
    expect(flow.total(quarter(1)).value - 40).toBe(12);
  });

  it('hides a small quarter with the smallest other quarter, so the year minus the others gives neither', () => {
    const flow = new FlowTable(months([1, 2, 0], [10, 10, 10], [4, 4, 4], [20, 20, 20]));
    expect([1, 2, 3, 4].map((q) => flow.total(quarter(q)).shown)).toEqual([false, true, false, true]);
    expect(flow.total(year)).toEqual(shown(105));
    expect(flow.total(year).value - 30 - 60).toBe(15);
    // the months of the merged quarters: all small ones hidden together (1 + 2 + 4 + 4 + 4)
    expect(flow.perMonth(quarter(1))).toEqual([hidden(1), hidden(2), shown(0)]);
    expect(flow.perMonth(quarter(3))).toEqual([hidden(4), hidden(4), hidden(4)]);
  });

  it('never shows a category of a single month', () => {
    const flow = new FlowTable(months([50, 50, 50], [50, 50, 50], [50, 50, 50], [50, 50, 50]), {
      reden: new Map([['WERK', months([50, 50, 50], [50, 50, 50], [50, 50, 50], [50, 50, 50])]]),
    });
    expect(flow.total(month(3))).toEqual(shown(50));
    expect(flow.part('reden', only('WERK'), month(3))).toEqual(hidden(50));
    expect(flow.part('reden', only('WERK'), quarter(1))).toEqual(shown(150));
  });

  const reasons = () =>
    new FlowTable(months([20, 20, 20], [20, 20, 20], [20, 20, 20], [20, 20, 20]), {
      reden: new Map([
        ['WERK', months([10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10])],
        ['STUDIE', months([2, 2, 2], [5, 5, 5], [3, 3, 3], [3, 3, 3])],
        ['AOW', months([1, 0, 0], [2, 2, 2], [3, 3, 3], [3, 3, 3])],
        ['OVERIG', months([7, 8, 8], [3, 3, 3], [4, 4, 4], [4, 4, 4])],
      ]),
    });

  it('hides a small category of a quarter with the smallest other, and keeps the sums around it', () => {
    const flow = reasons();
    // Q1: STUDIE 6, AOW 1 (small), OVERIG 23, WERK 30: AOW hides with STUDIE.
    expect(flow.part('reden', only('AOW'), quarter(1))).toEqual(hidden(1));
    expect(flow.part('reden', only('STUDIE'), quarter(1))).toEqual(hidden(6));
    expect(flow.part('reden', only('WERK'), quarter(1))).toEqual(shown(30));
    expect(flow.part('reden', allBut('WERK'), quarter(1))).toEqual(shown(30));
    expect(flow.part('reden', only('OVERIG'), quarter(1))).toEqual(shown(23));
  });

  it('shows a category of the year only when it is shown in every quarter', () => {
    const flow = reasons();
    expect(flow.part('reden', only('WERK'), year)).toEqual(shown(120));
    expect(flow.part('reden', only('AOW'), year)).toEqual(hidden(25));
    expect(flow.part('reden', only('STUDIE'), year)).toEqual(hidden(39));
    expect(flow.part('reden', only('OVERIG'), year)).toEqual(shown(56));
    expect(flow.part('reden', allBut('WERK'), year)).toEqual(shown(120));
  });

  it('hides the categories of quarters that are hidden together', () => {
    const flow = new FlowTable(months([1, 1, 0], [10, 10, 10], [10, 10, 10], [10, 10, 10]), {
      soort: new Map([['A', months([1, 1, 0], [10, 10, 10], [10, 10, 10], [10, 10, 10])]]),
    });
    expect(flow.part('soort', only('A'), quarter(2))).toEqual(hidden(30));
    expect(flow.part('soort', only('A'), quarter(3))).toEqual(shown(30));
    expect(flow.part('soort', only('A'), year)).toEqual(shown(92));
  });

  it('refuses a breakdown that does not add up to the total', () => {
    expect(
      () =>
        new FlowTable(months([1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 1]), {
          x: new Map([['A', months([1, 1, 1], [1, 1, 1], [1, 1, 1], [1, 1, 0])]]),
        }),
    ).toThrow(/does not add up/);
  });
});

/**
 * The attacks of docs/ACCESS.md on random flows: the sum of the hidden parts of any shown total is
 * never 1 to 4, whether the parts are months of a quarter, quarters of a year, or categories.
 */
describe('Statistics: no shown total minus its shown parts gives a count of 1 to 4', () => {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const small = () => (random() < 0.4 ? Math.floor(random() * 5) : Math.floor(random() * 12));
  const residue = (total: { value: number; shown: boolean }, parts: { value: number; shown: boolean }[]) =>
    total.shown ? sum(parts.filter((part) => !part.shown).map((part) => part.value)) : 0;

  it.each(Array.from({ length: 200 }, (_, index) => index))('random flow %i', () => {
    const categories = ['A', 'B', 'C', 'D'];
    const values = new Map(categories.map((c) => [c, Array.from({ length: 12 }, small)]));
    const totals = Array.from({ length: 12 }, (_, m) => sum(categories.map((c) => values.get(c)?.[m] ?? 0)));
    const flow = new FlowTable(totals, { x: values });
    const residues: number[] = [];
    // year - quarters, quarter - months, year - months
    residues.push(
      residue(
        flow.total(year),
        [1, 2, 3, 4].map((q) => flow.total(quarter(q))),
      ),
    );
    residues.push(residue(flow.total(year), flow.perMonth(year)));
    for (const q of [1, 2, 3, 4]) residues.push(residue(flow.total(quarter(q)), flow.perMonth(quarter(q))));
    for (const range of [year, quarter(1), quarter(2), quarter(3), quarter(4)]) {
      // total - categories; union - its categories; category of the year - its quarters
      residues.push(
        residue(
          flow.total(range),
          categories.map((c) => flow.part('x', only(c), range)),
        ),
      );
      residues.push(
        residue(
          flow.part('x', allBut('A'), range),
          ['B', 'C', 'D'].map((c) => flow.part('x', only(c), range)),
        ),
      );
    }
    for (const c of categories) {
      residues.push(
        residue(
          flow.part('x', only(c), year),
          [1, 2, 3, 4].map((q) => flow.part('x', only(c), quarter(q))),
        ),
      );
    }
    expect(residues.filter(isSmall)).toEqual([]);
  });
});

/** The flows of a stock over a year as two tables on one layout, as `Jaarcijfers.movements` makes them. */
function movements(starts: Monthly, ends: Monthly, points: Monthly = []) {
  const layout = flowLayout(starts, ends, points);
  return { starts: new FlowTable(starts, {}, layout), ends: new FlowTable(ends, {}, layout) };
}
const TENS = [10, 10, 10];
/** The 13 points of a stock that starts at `before` and moves by the flows. */
const pointsOf = (before: number, starts: Monthly, ends: Monthly): number[] =>
  starts.reduce((points, n, m) => [...points, (points[m] ?? 0) + n - (ends[m] ?? 0)], [before]);

describe('Statistics: the starts and ends of a stock, hidden together', () => {
  it('hides a month in both flows when either is small, with the month whose smaller flow is least', () => {
    // February's 2 started is small: its 8 ended is hidden with it, or the month-ends around February
    // (the change, 2 - 8) would give the 2 from the 8. January (smaller flow 6) joins them, not March (7).
    const flows = movements(months([7, 2, 9], TENS, TENS, TENS), months([6, 8, 7], TENS, TENS, TENS));
    expect(flows.starts.perMonth(quarter(1))).toEqual([hidden(7), hidden(2), shown(9)]);
    expect(flows.ends.perMonth(quarter(1))).toEqual([hidden(6), hidden(8), shown(7)]);
    expect([flows.starts.total(quarter(1)), flows.ends.total(quarter(1))]).toEqual([shown(18), shown(21)]);
  });

  it('weighs a month by its smaller flow: what the changes leave open is one flow or the other per month', () => {
    // January's 3 started is small. February (20 started, 5 ended) weighs 5, March (6, 30) weighs 6:
    // February joins, although its starts are the larger. Of two hidden months the changes leave open
    // each month's starts or its ends, whichever is taken: the least such sum is 3 + 5.
    const flows = movements(months([3, 20, 6], TENS, TENS, TENS), months([9, 5, 30], TENS, TENS, TENS));
    expect(flows.starts.perMonth(quarter(1))).toEqual([hidden(3), hidden(20), shown(6)]);
    expect(flows.ends.perMonth(quarter(1))).toEqual([hidden(9), hidden(5), shown(30)]);
  });

  it('hides a quarter with the smallest other when its months cannot be hidden safely alone', () => {
    // Q1: 6 started in January; 2 ended in January and 4 in March. Hidden alone, January and March
    // would weigh 2 + 0: January's ends and March's starts would be the quarter minus the changes (2).
    // So Q1 is hidden with the lightest other quarter (Q3, 21) and July joins the hidden months.
    const flows = movements(
      months([6, 0, 0], [9, 9, 9], [7, 7, 7], [8, 8, 8]),
      months([2, 0, 4], [9, 9, 9], [7, 7, 7], [8, 8, 8]),
    );
    for (const flow of [flows.starts, flows.ends]) {
      expect([1, 2, 3, 4].map((q) => flow.total(quarter(q)).shown)).toEqual([false, true, false, true]);
      expect(flow.total(year).shown).toBe(true);
      expect([...flow.perMonth(quarter(1)), ...flow.perMonth(quarter(3))].map((c) => c.shown)).toEqual([
        false,
        true,
        false,
        false,
        true,
        true,
      ]);
    }
  });

  it("hides the year's totals when no quarter can make the hidden months safe", () => {
    // As above, but nothing else happens in the year: with the year shown, January's ends and March's
    // starts (2) would follow. Without it only the changes are known, and they tie no count down.
    const flows = movements(
      months([6, 0, 0], [0, 0, 0], [0, 0, 0], [0, 0, 0]),
      months([2, 0, 4], [0, 0, 0], [0, 0, 0], [0, 0, 0]),
    );
    expect([flows.starts.total(year), flows.ends.total(year)]).toEqual([hidden(6), hidden(6)]);
    expect(flows.starts.total(quarter(1))).toEqual(hidden(6));
    expect(flows.starts.total(quarter(2))).toEqual(shown(0));
    expect(flows.ends.perMonth(quarter(1))).toEqual([hidden(2), shown(0), hidden(4)]);
  });

  it('hides the months on both sides of a small stock, in one block', () => {
    // 10 running before January; 10 start and 17 end in January (3 running, hidden), 12 and 5 in
    // February. Shown, January's flows would give the 3 (10 + 10 - 17), and February's from the other side.
    const starts = months([10, 12, 10], TENS, TENS, TENS);
    const ends = months([17, 5, 10], TENS, TENS, TENS);
    const points = pointsOf(10, starts, ends);
    expect(points.slice(0, 4)).toEqual([10, 3, 10, 10]);
    expect(
      movements(starts, ends)
        .starts.perMonth(quarter(1))
        .map((c) => c.shown),
    ).toEqual([true, true, true]);
    const flows = movements(starts, ends, points);
    expect(flows.starts.perMonth(quarter(1))).toEqual([hidden(10), hidden(12), shown(10)]);
    expect(flows.ends.perMonth(quarter(1))).toEqual([hidden(17), hidden(5), shown(10)]);
    expect(flows.starts.total(quarter(1))).toEqual(shown(32));
  });

  it('hides the two quarters around a small stock at a quarter-end together', () => {
    // 3 running on 31 March: Q1's totals would give it (10 + 30 - 37), Q2's from the other side. The
    // quarters are hidden together, March and April in their block; the year still adds up to no one.
    const starts = months(TENS, [12, 10, 10], TENS, TENS);
    const ends = months([10, 10, 17], [5, 10, 10], TENS, TENS);
    const flows = movements(starts, ends, pointsOf(10, starts, ends));
    for (const flow of [flows.starts, flows.ends]) {
      expect([1, 2, 3, 4].map((q) => flow.total(quarter(q)).shown)).toEqual([false, false, true, true]);
      expect(flow.total(year).shown).toBe(true);
      expect(flow.perMonth(year).map((c) => c.shown)).toEqual([
        true,
        true,
        false,
        false,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
        true,
      ]);
    }
  });

  it("hides the year's totals beside a small stock at the year's start or end, and the quarter next to it", () => {
    // 3 running on 31 December: the year's totals and the stock a year earlier would give it.
    const starts = months(TENS, TENS, TENS, [10, 10, 10]);
    const ends = months(TENS, TENS, TENS, [10, 10, 17]);
    const atEnd = movements(starts, ends, pointsOf(10, starts, ends));
    expect(atEnd.starts.total(year).shown).toBe(false);
    expect([1, 2, 3, 4].map((q) => atEnd.ends.total(quarter(q)).shown)).toEqual([true, true, true, false]);
    expect(atEnd.ends.perMonth(quarter(4))).toEqual([shown(10), shown(10), hidden(17)]);
    // 3 running on the last December, before the year: January is hidden, with Q1 and the year.
    const atStart = movements(
      months(TENS, TENS, TENS, TENS),
      months(TENS, TENS, TENS, TENS),
      Array(13).fill(3),
    );
    expect(atStart.starts.total(year).shown).toBe(false);
    expect(atStart.starts.total(quarter(1)).shown).toBe(false);
  });

  it('is the rule of a flow of its own when both flows are one (a flow is its own pair)', () => {
    // As in "hides a small quarter with the smallest other quarter" above: Q1 with Q3.
    const own: Layout = flowLayout(months([1, 2, 0], [10, 10, 10], [4, 4, 4], [20, 20, 20]));
    expect([...own.hiddenQuarters]).toEqual([0, 2]);
    expect(own.yearHidden).toBe(false);
  });
});

describe('Statistics: the starts and ends of a stock from the aggregates', () => {
  const row = (reeks: string, jaar: number, maand: number, aantal: number): JaarcijfersRow => ({
    soort: 'aantal',
    gemeente: 'GM0164',
    reeks,
    categorie: '',
    jaar,
    maand,
    aantal,
  });

  it('protects the ends a stock and its starts give away, when the ends are not published', () => {
    // 10 start every month; 2 end in January (the stock moves by 8), 10 in every other month.
    const rows = [
      row('lopend', 2023, 0, 20),
      ...Array.from({ length: 12 }, (_, m) => row('gestart', 2024, m + 1, 10)),
      row('lopend', 2024, 1, 8),
    ];
    const cijfers = toJaarcijfers(rows, 2024);
    expect(cijfers.stockPoints({ reeks: 'lopend' }).slice(0, 3)).toEqual([20, 28, 28]);
    expect(cijfers.flow('gestart').perMonth(quarter(1))).toEqual([shown(10), shown(10), shown(10)]);
    // January's starts and the change (10 - 8) would give its 2 ended: hidden, with February.
    const { starts } = cijfers.movements({ reeks: 'lopend' }, 'gestart');
    expect(starts.perMonth(quarter(1))).toEqual([hidden(10), hidden(10), shown(10)]);
  });

  it('ends a stock taken on first days at the next January, read with the year', () => {
    const rows = [
      row('begin', 2023, 0, 30),
      row('begin', 2024, 3, 2),
      row('begin', 2025, 1, -29),
      row('begin', 2025, 2, 7),
    ];
    const cijfers = toJaarcijfers(rows, 2024);
    expect(cijfers.stockPoints({ reeks: 'begin', op: 'eerste' })).toEqual([
      30, 30, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 3,
    ]);
    expect(cijfers.stockPoints({ reeks: 'begin' })).toEqual([
      30, 30, 30, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32,
    ]);
  });
});

/**
 * An audit of the rules on random years of a stock and its flows, by exact linear algebra and
 * independent of how the rules decide. The attacker knows every shown total of the starts and the
 * ends (months, quarters, the year; none of the ends when they are not published) and every shown
 * stock point; the unknowns are each month's starts and ends and the point before January. A figure
 * or a sum of months' flows is given away when its vector lies in the span of what is known.
 */
describe('Statistics: no shown figure, stock or flow, gives away a count of 1 to 4 (audit)', () => {
  let seed = 11;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const SIZE = 25; // 12 starts, 12 ends, the point before January
  const IN = (m: number) => m;
  const OUT = (m: number) => 12 + m;
  const BEFORE = 24;
  const RANGES: MonthRange[] = [
    year,
    ...[1, 2, 3, 4].map(quarter),
    ...Array.from({ length: 12 }, (_, m) => month(m + 1)),
  ];

  /** Reduced rows of the known vectors: a vector lies in their span when it reduces to zero. */
  class Span {
    private readonly rows: { pivot: number; row: number[] }[] = [];
    reduce(vector: readonly number[]): number[] {
      const rest = [...vector];
      for (const { pivot, row } of this.rows) {
        const factor = rest[pivot] ?? 0;
        if (Math.abs(factor) > 1e-9) row.forEach((c, i) => (rest[i] = (rest[i] ?? 0) - factor * c));
      }
      return rest;
    }
    add(vector: readonly number[]): void {
      const rest = this.reduce(vector);
      const pivot = rest.findIndex((c) => Math.abs(c) > 1e-9);
      if (pivot < 0) return;
      const scale = rest[pivot] ?? 1;
      const row = rest.map((c) => c / scale);
      for (const other of this.rows) {
        const factor = other.row[pivot] ?? 0;
        if (Math.abs(factor) > 1e-9) other.row.forEach((c, i) => (other.row[i] = c - factor * (row[i] ?? 0)));
      }
      this.rows.push({ pivot, row });
    }
    contains(vector: readonly number[]): boolean {
      return this.reduce(vector).every((c) => Math.abs(c) < 1e-9);
    }
  }

  const flowVector = (of: (m: number) => number, range: MonthRange) => {
    const vector = new Array<number>(SIZE).fill(0);
    for (let m = range.first; m <= range.last; m++) vector[of(m)] = 1;
    return vector;
  };
  const pointVector = (point: number) => {
    const vector = new Array<number>(SIZE).fill(0);
    vector[BEFORE] = 1;
    for (let m = 0; m < point; m++) {
      vector[IN(m)] = 1;
      vector[OUT(m)] = -1;
    }
    return vector;
  };

  /** What the attacker computes that is 1 to 4: a hidden figure, or a sum of months' flows. */
  function attack(
    starts: Monthly,
    ends: Monthly,
    points: Monthly,
    endsPublished: boolean,
  ): { leaks: string[]; exhaustive: boolean } {
    const flows = movements(starts, ends, endsPublished ? points : []);
    const values = [...starts, ...ends, points[0] ?? 0];
    const value = (vector: readonly number[]) =>
      vector.reduce((total, c, i) => total + c * (values[i] ?? 0), 0);
    const span = new Span();
    const hiddenFigures: [string, number[]][] = [];
    for (const [name, table, of] of [
      ['starts', flows.starts, IN],
      ['ends', flows.ends, OUT],
    ] as const) {
      for (const range of RANGES) {
        const vector = flowVector(of, range);
        if (table.total(range).shown && (name === 'starts' || endsPublished)) span.add(vector);
        else hiddenFigures.push([`${name} ${range.kind} ${range.first}`, vector]);
      }
    }
    points.forEach((point, k) => {
      if (isSmall(point)) hiddenFigures.push([`stock point ${k}`, pointVector(k)]);
      else span.add(pointVector(k));
    });
    const leaks: string[] = [];
    for (const [name, vector] of hiddenFigures) {
      if (span.contains(vector) && isSmall(value(vector))) leaks.push(`${name} = ${value(vector)}`);
    }
    // Every sum of months' flows not known one by one: exhaustively while there are few.
    const open = Array.from({ length: 24 }, (_, i) => i).filter((i) => {
      const unit = new Array<number>(SIZE).fill(0);
      unit[i] = 1;
      return !span.contains(unit);
    });
    if (open.length > 14) return { leaks, exhaustive: false };
    const reduced = open.map((i) => {
      const unit = new Array<number>(SIZE).fill(0);
      unit[i] = 1;
      return span.reduce(unit);
    });
    const current = new Array<number>(SIZE).fill(0);
    let total = 0;
    const chosen = new Set<number>();
    for (let step = 1; step < 2 ** open.length; step++) {
      const bit = Math.log2(step & -step);
      const sign = chosen.has(bit) ? -1 : 1;
      if (sign > 0) chosen.add(bit);
      else chosen.delete(bit);
      reduced[bit]?.forEach((c, i) => (current[i] = (current[i] ?? 0) + sign * c));
      total += sign * (values[open[bit] ?? 0] ?? 0);
      if (isSmall(total) && current.every((c) => Math.abs(c) < 1e-9)) {
        leaks.push(`sum of ${[...chosen].map((b) => open[b]).join(', ')} = ${total}`);
      }
    }
    return { leaks, exhaustive: true };
  }

  /** A random year: counts mostly 5 or more with some of 1 to 4, ends never more than runs. */
  function randomYear(): { starts: number[]; ends: number[]; points: number[] } {
    const count = () => (random() < 0.2 ? Math.floor(random() * 5) : 5 + Math.floor(random() * 8));
    const points = [Math.floor(random() * 16)];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let m = 0; m < 12; m++) {
      const level = (points[m] ?? 0) + (starts[m] = count());
      ends[m] = Math.min(level, count());
      points.push(level - (ends[m] ?? 0));
    }
    return { starts, ends, points };
  }

  const years = Array.from({ length: 300 }, randomYear);

  it.each([true, false])('finds nothing on 300 random years (ends published: %s)', (endsPublished) => {
    const results = years.map(({ starts, ends, points }) => attack(starts, ends, points, endsPublished));
    expect(results.flatMap((result) => result.leaks)).toEqual([]);
    // Most years are small enough to try every sum of months' flows.
    expect(results.filter((result) => result.exhaustive).length).toBeGreaterThan(150);
  });

  it('finds the leaks of starts and ends hidden each on its own, as the rules had them', () => {
    const leaks = years.flatMap(({ starts, ends, points }) => {
      const own = { starts: new FlowTable(starts), ends: new FlowTable(ends) };
      // The same audit, with each flow on its own layout and the stock not considered.
      const span = new Span();
      const values = [...starts, ...ends, points[0] ?? 0];
      const hiddenMonths: number[][] = [];
      for (const [table, of] of [
        [own.starts, IN],
        [own.ends, OUT],
      ] as const) {
        for (const range of RANGES) {
          if (table.total(range).shown) span.add(flowVector(of, range));
          else if (range.kind === 'maand') hiddenMonths.push(flowVector(of, range));
        }
      }
      points.forEach((point, k) => isSmall(point) || span.add(pointVector(k)));
      return hiddenMonths.filter(
        (vector) => span.contains(vector) && isSmall(vector.reduce((t, c, i) => t + c * (values[i] ?? 0), 0)),
      );
    });
    expect(leaks.length).toBeGreaterThan(50);
  });
});

describe('Statistics: a stock at month-ends', () => {
  it('shows the level at a month-end unless it is 1 to 4, and the mean only when every month-end is shown', () => {
    const stock = new StockTable(months([10, 10, 10], [4, 10, 10], [10, 10, 10], [0, 0, 0]));
    expect(stock.at(0)).toEqual(shown(10));
    expect(stock.at(3)).toEqual(hidden(4));
    expect(stock.series(quarter(4))).toEqual([shown(0), shown(0), shown(0)]);
    expect(stock.mean(quarter(1))).toEqual({ waarde: 10, maanden: 3, onderdrukt: false });
    expect(stock.mean(quarter(2))).toEqual({ waarde: null, maanden: 3, onderdrukt: true });
    expect(stock.mean(year)).toEqual({ waarde: null, maanden: 12, onderdrukt: true });
  });

  it('hides the parts of a month-end in one block, and each breakdown on its own', () => {
    const stock = new StockTable(months([12, 12, 12], [12, 12, 12], [12, 12, 12], [12, 12, 12]), {
      statushouder: new Map([
        ['JA', months([3, 5, 5], [5, 5, 5], [5, 5, 5], [5, 5, 5])],
        ['NEE', months([9, 7, 7], [7, 7, 7], [7, 7, 7], [7, 7, 7])],
      ]),
    });
    expect(stock.part('statushouder', only('JA'), 0)).toEqual(hidden(3));
    expect(stock.at(0)).toEqual(shown(12));
    expect(stock.part('statushouder', only('JA'), 1)).toEqual(shown(5));
  });
});

describe('Statistics: sums of money', () => {
  const money = (centen: number, bijdragers: number, grootste: number, tweede: number): MoneyCell => ({
    centen,
    bijdragers,
    grootste,
    tweede,
  });

  it('needs 10 residents, and no resident dominating (p = 10)', () => {
    expect(isMoneySafe(money(0, 0, 0, 0))).toBe(true);
    expect(isMoneySafe(money(900, 9, 100, 100))).toBe(false);
    expect(isMoneySafe(money(1000, 10, 100, 100))).toBe(true);
    // 10 residents, but one holds 9000 of 9900: the others leave 800 < 900 beside the largest two
    expect(isMoneySafe(money(9900, 10, 9000, 100))).toBe(false);
    // the others hold exactly 10% of the largest: shown; a cent less: hidden
    expect(isMoneySafe(money(2100, 10, 1000, 1000))).toBe(true);
    expect(isMoneySafe(money(2099, 10, 1000, 1000))).toBe(false);
  });

  it('shows each level of a year whole or not at all', () => {
    const safe = money(2000, 10, 200, 200);
    const unsafe = money(100, 1, 100, 0);
    const table = new MoneyTable(
      [unsafe, ...Array.from({ length: 11 }, () => safe)],
      [money(4100, 21, 200, 200), safe, safe, safe],
      money(22100, 111, 200, 200),
    );
    expect(table.amount(month(2))).toEqual({ centen: null, onderdrukt: true });
    expect(table.amount(quarter(2))).toEqual({ centen: 2000, onderdrukt: false });
    expect(table.amount(year)).toEqual({ centen: 22100, onderdrukt: false });
    const oneQuarterUnsafe = new MoneyTable(
      Array.from({ length: 12 }, () => unsafe),
      [unsafe, safe, safe, safe],
      money(6100, 31, 200, 200),
    );
    expect(oneQuarterUnsafe.amount(quarter(2))).toEqual({ centen: null, onderdrukt: true });
    expect(oneQuarterUnsafe.amount(year)).toEqual({ centen: 6100, onderdrukt: false });
  });
});

describe('Statistics: the rows of the aggregates as the figures of one year', () => {
  const row = (
    soort: 'aantal' | 'bedrag',
    reeks: string,
    categorie: string,
    jaar: number,
    maand: number,
    aantal: number,
  ): JaarcijfersRow => ({
    soort,
    gemeente: 'GM0164',
    reeks,
    categorie,
    jaar,
    maand,
    aantal: String(aantal),
  });

  it('binds the gemeenten once, the first and last year, and the stocks', () => {
    const vragen = [
      { gemeente: 'GM0164', jaar: 2024 },
      { gemeente: 'GM0147', jaar: 2021 },
      { gemeente: 'GM0164', jaar: 2022 },
    ];
    expect(jaarcijfersBindings(vragen, { standen: ['a', 'b'] })).toEqual([
      'GM0164,GM0147',
      2021,
      2024,
      2021,
      'GM0164,GM0147',
      'a,b',
      2024,
    ]);
    expect(jaarcijfersBindings(vragen, { standen: [], bedragen: true }).slice(-3)).toEqual([
      'GM0164,GM0147',
      2021,
      2024,
    ]);
  });

  it('starts a stock from the rows of the years before, per year asked', () => {
    const rows = [
      row('aantal', 'lopend', '', 2020, 0, 40), // everything before 2021
      row('aantal', 'lopend', '', 2021, 0, 5), // the changes of 2021
      row('aantal', 'lopend', '', 2022, 3, -2),
      row('aantal', 'lopend', '', 2021, 6, 1),
    ];
    expect(toJaarcijfers(rows, 2021).stock('lopend').at(11)).toEqual({ value: 41, shown: true });
    expect(toJaarcijfers(rows, 2022).stock('lopend').at(1)).toEqual({ value: 45, shown: true });
    expect(toJaarcijfers(rows, 2022).stock('lopend').at(2)).toEqual({ value: 43, shown: true });
  });

  it('sums each resident over the months, for the rules on money', () => {
    const rows = [
      ...Array.from({ length: 11 }, (_, resident) => row('bedrag', 'budget', `r${resident}`, 2024, 2, 1000)),
      row('bedrag', 'budget', 'r0', 2024, 3, 500),
      row('bedrag', 'budget', 'r1', 2023, 3, 999999),
    ];
    const money = toJaarcijfers(rows, 2024).money('budget');
    expect(money.amount(quarter(1))).toEqual({ centen: 11500, onderdrukt: false });
    expect(money.amount(month(3))).toEqual({ centen: null, onderdrukt: true });
    expect(money.amount(year)).toEqual({ centen: 11500, onderdrukt: false });
  });

  it('weighs the two largest residents of a sum, with the largest first, in the middle or after the second largest', () => {
    // Residents of 1000 and of 900 (over two months) among eight small ones: the year's sum is safe
    // only when the eight add up to a tenth of the largest.
    const rows = (small: number) => [
      ...Array.from({ length: 4 }, (_, r) => row('bedrag', 'budget', `a${r}`, 2024, 5, small)),
      row('bedrag', 'budget', 'groot1', 2024, 5, 1000),
      ...Array.from({ length: 4 }, (_, r) => row('bedrag', 'budget', `b${r}`, 2024, 5, small)),
      row('bedrag', 'budget', 'groot2', 2024, 5, 500),
      row('bedrag', 'budget', 'groot2', 2024, 4, 400),
    ];
    const orders = {
      'the largest in the middle': <T>(list: T[]) => list,
      'the second largest first': <T>(list: T[]) => [...list].reverse(),
      'the largest first': <T>(list: T[]) => [...list.slice(4), ...list.slice(0, 4)],
    };
    for (const [order, arrange] of Object.entries(orders)) {
      const yearOf = (small: number) =>
        toJaarcijfers(arrange(rows(small)), 2024)
          .money('budget')
          .amount(year);
      expect([order, yearOf(13)]).toEqual([order, { centen: 2004, onderdrukt: false }]);
      expect([order, yearOf(12)]).toEqual([order, { centen: null, onderdrukt: true }]);
    }
  });
});
