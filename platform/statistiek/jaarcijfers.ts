import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoaderFactory } from '../loaders';
import { FlowTable, type Breakdown } from './flow';
import { MoneyTable, type MoneyCell } from './money';
import { StockTable } from './stock';

/** The aggregates of one gemeente asked for in a request, for one calendar year. */
export interface JaarVraag {
  gemeente: string;
  jaar: number;
}

/** Per category of a series: what lies before the year (for stocks), then its twelve months. */
type Categories = Map<string, { voor: number; maanden: number[] }>;

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
    private readonly bedragen: ReadonlyMap<string, ReadonlyMap<string, MoneyCell>>,
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

  /** The value of a series without categories in one month, or null when it has no row there. */
  value(reeks: string, month: number): number | null {
    const entry = this.series(reeks).get('');
    const value = entry?.maanden[month];
    return value === undefined || value === 0 ? null : value;
  }

  /** Sums of money of a series, per month, quarter and year. */
  money(reeks: string): MoneyTable {
    const cells = this.bedragen.get(reeks) ?? new Map<string, MoneyCell>();
    const empty: MoneyCell = { centen: 0, bijdragers: 0, grootste: 0, tweede: 0 };
    const at = (period: string) => cells.get(period) ?? empty;
    return new MoneyTable(
      Array.from({ length: 12 }, (_, month) => at(`M${month}`)),
      Array.from({ length: 4 }, (_, quarter) => at(`Q${quarter}`)),
      at('J'),
    );
  }
}

/** What a partner's statement reads: which series are stocks, and whether it keeps money. */
export interface JaarcijfersOptions {
  /** Series kept as changes, whose start of the year is the sum of all years before. */
  standen: readonly string[];
  /** Read `statistiek_bedrag` too (Werkcentrum's budgets). */
  bedragen?: boolean;
}

const MONTHS = Array.from({ length: 12 }, (_, index) => index + 1);

/**
 * The one statement that reads a partner's aggregates for every (gemeente, year) of a request: the
 * twelve months of each year from `statistiek_maand`, and for stocks the sum of all earlier years from
 * `statistiek_jaar`; with money, per period (month M0..M11, quarter Q0..Q3, year J) the sum, the
 * number of residents contributing and the two largest contributions per resident.
 */
export function jaarcijfersSql({ bedragen = false }: JaarcijfersOptions): string {
  const counts = `
rijen AS (
  SELECT v.gemeente, v.jaar, a.reeks, a.categorie, extract(month FROM a.maand)::int AS maand, a.aantal
  FROM vragen v
  JOIN statistiek_maand a ON a.gemeente = v.gemeente
    AND a.maand >= make_date(v.jaar, 1, 1) AND a.maand < make_date(v.jaar + 1, 1, 1)
  UNION ALL
  SELECT v.gemeente, v.jaar, a.reeks, a.categorie, 0, a.aantal
  FROM vragen v
  JOIN statistiek_jaar a ON a.gemeente = v.gemeente
    AND a.reeks = ANY (ARRAY(SELECT json_array_elements_text(?::json))) AND a.jaar < v.jaar
),
aantallen AS (
  SELECT gemeente, jaar, reeks, categorie,
    ARRAY[${[0, ...MONTHS].map((m) => `coalesce(sum(aantal) FILTER (WHERE maand = ${m}), 0)`).join(', ')}]::int[] AS waarden
  FROM rijen
  GROUP BY gemeente, jaar, reeks, categorie
)`;
  const money = `,
per_maand AS (
  SELECT v.gemeente, v.jaar, b.reeks, b.bsn, extract(month FROM b.maand)::int - 1 AS maand, b.centen
  FROM vragen v
  JOIN statistiek_bedrag b ON b.gemeente = v.gemeente
    AND b.maand >= make_date(v.jaar, 1, 1) AND b.maand < make_date(v.jaar + 1, 1, 1)
),
per_periode AS (
  SELECT gemeente, jaar, reeks, bsn, 'M' || maand AS periode, centen FROM per_maand
  UNION ALL
  SELECT gemeente, jaar, reeks, bsn, 'Q' || (maand / 3), sum(centen) FROM per_maand
  GROUP BY gemeente, jaar, reeks, bsn, maand / 3
  UNION ALL
  SELECT gemeente, jaar, reeks, bsn, 'J', sum(centen) FROM per_maand GROUP BY gemeente, jaar, reeks, bsn
),
sommen AS (
  SELECT gemeente, jaar, reeks, periode,
    ARRAY[sum(centen), count(*) FILTER (WHERE centen > 0), (array_agg(centen ORDER BY centen DESC))[1],
      coalesce((array_agg(centen ORDER BY centen DESC))[2], 0)]::bigint[] AS waarden
  FROM per_periode
  GROUP BY gemeente, jaar, reeks, periode
)`;
  return `WITH vragen AS (
  SELECT DISTINCT (v ->> 0)::bpchar AS gemeente, (v ->> 1)::int AS jaar
  FROM json_array_elements(?::json) AS v
),${counts}${bedragen ? money : ''}
SELECT 'aantal' AS soort, gemeente, jaar, reeks, categorie, waarden::bigint[] FROM aantallen${
    bedragen ? `\nUNION ALL\nSELECT 'bedrag', gemeente, jaar, reeks, periode, waarden FROM sommen` : ''
  }`;
}

interface Row {
  soort: 'aantal' | 'bedrag';
  gemeente: string;
  jaar: number;
  reeks: string;
  categorie: string;
  /** bigint[]: the driver returns strings, so that no precision is lost. */
  waarden: (string | number)[];
}

const key = ({ gemeente, jaar }: JaarVraag) => `${gemeente}@${jaar}`;

/**
 * A partner's DataLoader of yearly aggregates: every (gemeente, year) asked for in one request (a
 * dashboard asks for several gemeenten, a statistic per period) is answered by ONE statement.
 */
export function jaarcijfersLoader(options: JaarcijfersOptions): LoaderFactory<JaarVraag, Jaarcijfers> {
  const sql = jaarcijfersSql(options);
  const standen = JSON.stringify(options.standen);
  return (em: EntityManager) =>
    new DataLoader<JaarVraag, Jaarcijfers, string>(
      async (vragen) => {
        const pairs = JSON.stringify(vragen.map(({ gemeente, jaar }) => [gemeente, jaar]));
        const rows = await em.execute<Row[]>(sql, [pairs, standen]);
        const reeksen = new Map<string, Map<string, Categories>>();
        const bedragen = new Map<string, Map<string, Map<string, MoneyCell>>>();
        for (const row of rows) {
          const id = key(row);
          const values = row.waarden.map(Number);
          if (row.soort === 'aantal') {
            const perReeks = reeksen.get(id) ?? new Map<string, Categories>();
            reeksen.set(id, perReeks);
            const categories = perReeks.get(row.reeks) ?? (new Map() as Categories);
            perReeks.set(row.reeks, categories);
            categories.set(row.categorie, { voor: values[0] ?? 0, maanden: values.slice(1) });
          } else {
            const perReeks = bedragen.get(id) ?? new Map<string, Map<string, MoneyCell>>();
            bedragen.set(id, perReeks);
            const periods = perReeks.get(row.reeks) ?? new Map<string, MoneyCell>();
            perReeks.set(row.reeks, periods);
            const [centen = 0, bijdragers = 0, grootste = 0, tweede = 0] = values;
            periods.set(row.categorie, { centen, bijdragers, grootste, tweede });
          }
        }
        return vragen.map(
          (vraag) =>
            new Jaarcijfers(reeksen.get(key(vraag)) ?? new Map(), bedragen.get(key(vraag)) ?? new Map()),
        );
      },
      { cacheKeyFn: key },
    );
}
