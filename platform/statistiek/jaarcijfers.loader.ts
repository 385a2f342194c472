import DataLoader from 'dataloader';
import type { LoaderFactory } from '../loaders';
import { runSql } from '../sql';
import { Jaarcijfers, type Categories } from './jaarcijfers';

/** The aggregates of one gemeente asked for in a request, for one calendar year. */
export interface JaarVraag {
  gemeente: string;
  jaar: number;
}

/** What a partner's statement reads: which series are stocks, and whether it keeps money. */
export interface JaarcijfersOptions {
  /** Series kept as changes, whose start of the year is the sum of all years before. */
  standen: readonly string[];
  /** Read `statistiek_bedrag` too (Werkcentrum's budgets). */
  bedragen?: boolean;
}

/**
 * The one statement that reads a partner's aggregates for every (gemeente, year) of a request: a union
 * of range scans on the primary keys, cheap to plan and to run. Parameters: the gemeenten and the
 * series of stocks (comma-separated: MikroORM would expand an array), the first and the last year.
 *
 * - `statistiek_maand`: the rows of every month of those years (maand 1..12), and of the January
 *   after the last, where a stock taken on first days has the last point of the year before;
 * - `statistiek_jaar`, stocks only: what lies before, per year from the first year on and summed
 *   before it (maand 0), so that each year's start is the sum of the rows of earlier years;
 * - with money, `statistiek_bedrag`: per resident and month the amount, the resident as an opaque key
 *   (a hash of the BSN): the rules need how much each contributes, not who. Two residents whose keys
 *   collide count as one, which can only hide more.
 */
export function jaarcijfersSql({ bedragen = false }: JaarcijfersOptions): string {
  const gemeenten = `a.gemeente = ANY (string_to_array(?, ',')::bpchar[])`;
  const money = `
UNION ALL
SELECT 'bedrag', a.gemeente, a.reeks, hashtext(a.bsn)::text, extract(year FROM a.maand)::int,
  extract(month FROM a.maand)::int, a.centen
FROM statistiek_bedrag a
WHERE ${gemeenten} AND a.maand >= make_date(?::int, 1, 1) AND a.maand < make_date(?::int + 1, 1, 1)`;
  return `SELECT 'aantal' AS soort, a.gemeente, a.reeks, a.categorie, extract(year FROM a.maand)::int AS jaar,
  extract(month FROM a.maand)::int AS maand, a.aantal::bigint AS aantal
FROM statistiek_maand a
WHERE ${gemeenten} AND a.maand >= make_date(?::int, 1, 1) AND a.maand < make_date(?::int + 1, 2, 1)
  AND a.aantal <> 0
UNION ALL
SELECT 'aantal', a.gemeente, a.reeks, a.categorie, greatest(a.jaar, ?::int - 1), 0, sum(a.aantal)::bigint
FROM statistiek_jaar a
WHERE ${gemeenten} AND a.reeks = ANY (string_to_array(?, ',')) AND a.jaar < ?::int
GROUP BY 2, 3, 4, 5${bedragen ? money : ''}`;
}

/** The parameters of `jaarcijfersSql`, in the order of its placeholders. */
export function jaarcijfersBindings(
  vragen: readonly JaarVraag[],
  { standen, bedragen = false }: JaarcijfersOptions,
): (string | number)[] {
  const gemeenten = [...new Set(vragen.map((vraag) => vraag.gemeente))].join(',');
  const jaren = vragen.map((vraag) => vraag.jaar);
  const [first, last] = [Math.min(...jaren), Math.max(...jaren)];
  const counts = [gemeenten, first, last, first, gemeenten, standen.join(','), last];
  return bedragen ? [...counts, gemeenten, first, last] : counts;
}

/** A row of `jaarcijfersSql`. */
export interface JaarcijfersRow {
  soort: 'aantal' | 'bedrag';
  gemeente: string;
  reeks: string;
  /** For money: the resident's opaque key. */
  categorie: string;
  jaar: number;
  /** The month (1..12), or 0 for what lies before (the year then says until when). */
  maand: number;
  /** bigint: the driver returns a string, so that no precision is lost. */
  aantal: string | number;
}

const key = ({ gemeente, jaar }: JaarVraag) => `${gemeente}@${jaar}`;

/**
 * A partner's DataLoader of yearly aggregates: every (gemeente, year) asked for in one request (a
 * dashboard asks for several gemeenten, a statistic per period) is answered by ONE statement.
 */
export function jaarcijfersLoader(options: JaarcijfersOptions): LoaderFactory<JaarVraag, Jaarcijfers> {
  const sql = jaarcijfersSql(options);
  return (db) =>
    new DataLoader<JaarVraag, Jaarcijfers, string>(
      async (vragen) => {
        const perGemeente = new Map<string, JaarcijfersRow[]>();
        // Prepared: its text is fixed per partner, and parsing and planning the union cost PostgreSQL
        // about as much as running it for a dashboard's four gemeenten (all but werk-inkomen).
        const rows = await runSql<JaarcijfersRow>(db.reader, sql, jaarcijfersBindings(vragen, options), {
          prepared: true,
        });
        for (const row of rows) {
          const ofGemeente = perGemeente.get(row.gemeente) ?? [];
          ofGemeente.push(row);
          perGemeente.set(row.gemeente, ofGemeente);
        }
        return vragen.map(({ gemeente, jaar }) => toJaarcijfers(perGemeente.get(gemeente) ?? [], jaar));
      },
      { cacheKeyFn: key },
    );
}

/**
 * The rows of one gemeente as one year's figures: its months, for stocks what lies before, and the
 * change in the next January.
 */
export function toJaarcijfers(rows: readonly JaarcijfersRow[], jaar: number): Jaarcijfers {
  const reeksen = new Map<string, Categories>();
  const bedragen = new Map<string, Map<string, number[]>>();
  for (const row of rows) {
    const value = Number(row.aantal);
    if (row.soort === 'bedrag') {
      if (row.jaar !== jaar) continue;
      const residents = bedragen.get(row.reeks) ?? new Map<string, number[]>();
      bedragen.set(row.reeks, residents);
      const amounts = residents.get(row.categorie) ?? new Array<number>(12).fill(0);
      residents.set(row.categorie, amounts);
      amounts[row.maand - 1] = (amounts[row.maand - 1] ?? 0) + value;
      continue;
    }
    const before = row.maand === 0 && row.jaar < jaar;
    const after = row.maand === 1 && row.jaar === jaar + 1;
    if (!before && !after && (row.maand === 0 || row.jaar !== jaar)) continue;
    const categories = reeksen.get(row.reeks) ?? (new Map() as Categories);
    reeksen.set(row.reeks, categories);
    const entry = categories.get(row.categorie) ?? {
      voor: 0,
      maanden: new Array<number>(12).fill(0),
      volgende: 0,
    };
    categories.set(row.categorie, entry);
    if (before) entry.voor += value;
    else if (after) entry.volgende += value;
    else entry.maanden[row.maand - 1] = (entry.maanden[row.maand - 1] ?? 0) + value;
  }
  return new Jaarcijfers(
    reeksen,
    new Map([...bedragen].map(([reeks, residents]) => [reeks, [...residents.values()]])),
  );
}
