import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { badUserInput } from './errors';
import type { LoaderFactory } from './loaders';
import { DateScalar, isIsoDate } from './scalars';

/**
 * Counts from 1 up to (not including) this number are suppressed, so that no resident can be singled
 * out (ACCESS.md rule 4). Zero is shown: it singles out nobody.
 */
export const SUPPRESSION_THRESHOLD = 5;

/** Longest period a statistic may cover, in years: enough for a policy term, bounded in cost. */
export const MAX_PERIODE_JAREN = 6;

@InputType('Periode', { description: 'A period of whole days; `van` and `tot` are both included.' })
export class Periode {
  @Field(() => DateScalar, { description: 'First day of the period.' })
  van!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  tot!: string;
}

/** Returned by several subgraphs, hence shareable. */
@ObjectType('Aantal', {
  description: `A count. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are suppressed (waarde null, onderdrukt true) so that no resident can be singled out; 0 is shown.`,
})
@Directive('@shareable')
export class Aantal {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  waarde!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Aandeel', {
  description:
    'A ratio with the counts it is made of. Suppressed (ratio null) when teller or noemer is; ratio ' +
    'null without suppression when noemer is 0.',
})
@Directive('@shareable')
export class Aandeel {
  @Field(() => Aantal)
  teller!: Aantal;

  @Field(() => Aantal)
  noemer!: Aantal;

  @Field(() => Float, { nullable: true, description: 'teller / noemer, between 0 and 1, unrounded.' })
  ratio!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Gemiddelde', {
  description:
    'The mean of month-end counts. Suppressed when any month-end count it is made of is suppressed; ' +
    'null without suppression when the period contains no month-end.',
})
@Directive('@shareable')
export class Gemiddelde {
  @Field(() => Float, { nullable: true, description: 'The mean, unrounded; null when suppressed.' })
  waarde!: number | null;

  @Field(() => Int, { description: 'Number of month-ends the mean is taken over.' })
  maanden!: number;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Maandwaarde', { description: 'One month of a monthly series.' })
@Directive('@shareable')
export class Maandwaarde {
  @Field(() => String, { description: 'The calendar month, YYYY-MM.' })
  maand!: string;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('Bedrag', {
  description: 'A sum of money, suppressed when the number of cases it sums is suppressed.',
})
@Directive('@shareable')
export class Bedrag {
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Euro cents; null when suppressed.' })
  centen!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`A count is a whole number >= 0, got ${n}`);
}

/** True for a count that would single out a few residents: 1 up to the threshold. */
export function isSuppressed(n: number): boolean {
  assertCount(n);
  return n > 0 && n < SUPPRESSION_THRESHOLD;
}

export function aantal(n: number): Aantal {
  return isSuppressed(n) ? { waarde: null, onderdrukt: true } : { waarde: n, onderdrukt: false };
}

/** A ratio is suppressed with its parts: a ratio and an unsuppressed part would reveal the other part. */
export function aandeel(teller: number, noemer: number): Aandeel {
  const parts = { teller: aantal(teller), noemer: aantal(noemer) };
  if (parts.teller.onderdrukt || parts.noemer.onderdrukt) return { ...parts, ratio: null, onderdrukt: true };
  return { ...parts, ratio: noemer === 0 ? null : teller / noemer, onderdrukt: false };
}

/** The mean of month-end counts; one suppressed month suppresses the mean, which could reveal it. */
export function gemiddelde(counts: readonly number[]): Gemiddelde {
  const maanden = counts.length;
  if (counts.some(isSuppressed)) return { waarde: null, maanden, onderdrukt: true };
  if (maanden === 0) return { waarde: null, maanden, onderdrukt: false };
  return { waarde: counts.reduce((sum, n) => sum + n, 0) / maanden, maanden, onderdrukt: false };
}

/** A sum of money over `aantalGevallen` cases: with few cases the sum is about identifiable residents. */
export function bedrag(centen: number, aantalGevallen: number): Bedrag {
  if (!Number.isSafeInteger(centen)) throw new RangeError(`An amount is whole euro cents, got ${centen}`);
  return isSuppressed(aantalGevallen) ? { centen: null, onderdrukt: true } : { centen, onderdrukt: false };
}

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? NaN, m ?? NaN, d ?? NaN];
}

/** `Date.UTC` normalises overflow, so month 13 or day 0 land on the right calendar day. */
function isoDay(year: number, monthIndex: number, day: number): string {
  return new Date(Date.UTC(year, monthIndex, day)).toISOString().slice(0, 10);
}

/** BAD_USER_INPUT unless `van` <= `tot` and the period is shorter than MAX_PERIODE_JAREN years. */
export function validatePeriode(periode: Periode): void {
  const { van, tot } = periode;
  if (!isIsoDate(van) || !isIsoDate(tot)) throw badUserInput('Invalid periode: van and tot are YYYY-MM-DD.');
  if (van > tot) throw badUserInput('Invalid periode: van is after tot.');
  const [y, m, d] = parts(van);
  if (tot >= isoDay(y + MAX_PERIODE_JAREN, m - 1, d)) {
    throw badUserInput(`Invalid periode: at most ${MAX_PERIODE_JAREN} years.`);
  }
}

/** First day of every calendar month that overlaps the period, in order. */
function monthStarts(periode: Periode): [number, number][] {
  const [vy, vm] = parts(periode.van);
  const [ty, tm] = parts(periode.tot);
  const starts: [number, number][] = [];
  for (let index = vy * 12 + vm - 1; index <= ty * 12 + tm - 1; index++) {
    starts.push([Math.floor(index / 12), index % 12]);
  }
  return starts;
}

/** The last day of every calendar month whose last day lies within the period, as YYYY-MM-DD. */
export function monthEnds(periode: Periode): string[] {
  return monthStarts(periode)
    .map(([year, monthIndex]) => isoDay(year, monthIndex + 1, 0))
    .filter((end) => end >= periode.van && end <= periode.tot);
}

/** Every calendar month that overlaps the period, as YYYY-MM (the first and last may be partial). */
export function months(periode: Periode): string[] {
  return monthStarts(periode).map(([year, monthIndex]) => isoDay(year, monthIndex, 1).slice(0, 7));
}

/** Counts keyed by a date, a month or an enum value, as the statements below return them (JSON). */
export type Counts = Readonly<Record<string, number>>;

/** The month-end series and the counts it is made of, in order; the statement must cover every month-end. */
export function perMaandeinde(periode: Periode, counts: Counts): { reeks: Maandwaarde[]; counts: number[] } {
  const ends = monthEnds(periode).map((end) => {
    const count = counts[end];
    if (count === undefined) throw new Error(`Statistics statement returned no count for month-end ${end}`);
    return { maand: end.slice(0, 7), count };
  });
  return {
    reeks: ends.map(({ maand, count }) => ({ maand, aantal: aantal(count) })),
    counts: ends.map(({ count }) => count),
  };
}

/** A monthly series over every month of the period; a month without rows counts 0. */
export function perMaand(periode: Periode, counts: Counts): Maandwaarde[] {
  return months(periode).map((maand) => ({ maand, aantal: aantal(counts[maand] ?? 0) }));
}

/** A breakdown over every value of an enum, in the enum's order; a value without rows counts 0. */
export function perWaarde<K extends string>(values: readonly K[], counts: Counts): [K, Aantal][] {
  return values.map((value) => [value, aantal(counts[value] ?? 0)]);
}

/**
 * The CTEs every statistics statement starts with, so that the period and the month-ends are defined
 * once, in SQL:
 * - `periode (van, tot)`;
 * - `gemeenten (gemeente)`: the CBS codes of the batch (bpchar, so the (gemeente, date) indexes apply);
 * - `maandeinden (d, datum)`: the last day of every calendar month whose last day lies within the period
 *   (the month is stepped from its first day: adding months to a month-end drifts, Jan 31 → Feb 29 → Mar 29).
 * Bindings, in order: `statistiekBindings(gemeenten, periode)`.
 */
const STATISTIEK_CTES = `
periode AS (SELECT ?::date AS van, ?::date AS tot),
gemeenten AS (SELECT DISTINCT json_array_elements_text(?::json)::bpchar AS gemeente),
maandeinden AS (
  SELECT e.d, to_char(e.d, 'YYYY-MM-DD') AS datum
  FROM periode p
  CROSS JOIN generate_series(date_trunc('month', p.van::timestamp), date_trunc('month', p.tot::timestamp), interval '1 month') AS m(eerste)
  CROSS JOIN LATERAL (SELECT (m.eerste + interval '1 month' - interval '1 day')::date AS d) AS e
  WHERE e.d BETWEEN p.van AND p.tot
)`;

/** A statistics statement: the shared CTEs, then the partner's own CTEs and its final SELECT. */
export function statistiekSql(body: string): string {
  return `WITH ${STATISTIEK_CTES},\n${body}`;
}

/** How to count rows of one table per value of one column, for `aantallenPerWaarde`. */
export interface PerWaarde {
  /** Name of the CTE. */
  naam: string;
  /** The table or earlier CTE counted, and its alias in `voorwaarde`. */
  bron: string;
  alias: string;
  kolom: string;
  /** Which rows count, stated in full (e.g. `t.startdatum BETWEEN p.van AND p.tot`). */
  voorwaarde: string;
}

/**
 * A CTE with per gemeente a JSON object {value: count} of the rows of `bron` per value of `kolom`;
 * values without rows are absent, and `perWaarde` fills them in as 0.
 */
export function aantallenPerWaarde({ naam, bron, alias, kolom, voorwaarde }: PerWaarde): string {
  return `${naam} AS (
  SELECT r.gemeente, json_object_agg(r.${kolom}, r.aantal) AS aantallen
  FROM (
    SELECT ${alias}.gemeente, ${alias}.${kolom}, count(*) AS aantal
    FROM ${bron} ${alias}
    CROSS JOIN periode p
    WHERE ${voorwaarde}
    GROUP BY ${alias}.gemeente, ${alias}.${kolom}
  ) r
  GROUP BY r.gemeente
)`;
}

/** The codes travel as one JSON array: MikroORM would expand an array binding into a list. */
export function statistiekBindings(gemeenten: readonly string[], periode: Periode): string[] {
  return [periode.van, periode.tot, JSON.stringify(gemeenten)];
}

/** One statistic asked for: a gemeente over a period. */
export interface StatistiekVraag {
  gemeente: string;
  periode: Periode;
}

/**
 * A DataLoader of one partner statistic: the gemeenten asked for in one request (a dashboard asks for
 * several) are answered by ONE run of `sql` per distinct period, whatever the number of gemeenten and
 * the length of the period. `sql` (built with `statistiekSql`) returns one row per gemeente of the
 * batch, with the column `gemeente`; `toStatistiek` turns a row into the GraphQL object.
 */
export function statistiekLoader<R extends { gemeente: string }, T>(
  sql: string,
  toStatistiek: (row: R, periode: Periode) => T,
): LoaderFactory<StatistiekVraag, T> {
  return (em: EntityManager) =>
    new DataLoader<StatistiekVraag, T, string>(
      async (vragen) => {
        const perPeriode = new Map<string, { periode: Periode; gemeenten: Set<string> }>();
        for (const { gemeente, periode } of vragen) {
          const key = `${periode.van}/${periode.tot}`;
          const entry = perPeriode.get(key) ?? { periode, gemeenten: new Set<string>() };
          entry.gemeenten.add(gemeente);
          perPeriode.set(key, entry);
        }
        const answers = new Map<string, T>();
        await Promise.all(
          [...perPeriode].map(async ([key, { periode, gemeenten }]) => {
            const rows = await em.execute<R[]>(sql, statistiekBindings([...gemeenten], periode));
            for (const row of rows) answers.set(`${row.gemeente}@${key}`, toStatistiek(row, periode));
          }),
        );
        return vragen.map(
          ({ gemeente, periode }) =>
            answers.get(`${gemeente}@${periode.van}/${periode.tot}`) ??
            new Error('Statistics statement returned no row for a gemeente it was asked for'),
        );
      },
      { cacheKeyFn: ({ gemeente, periode }) => `${gemeente}@${periode.van}/${periode.tot}` },
    );
}
