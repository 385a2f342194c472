/**
 * The monthly aggregates the statistics read, kept in each partner's own database by statement-level
 * triggers on the detail tables, so every writer keeps them current in the writer's own transaction:
 * the bulk loader's COPY, the application, a manual fix in psql.
 *
 * - `statistiek_maand`: per gemeente, series (`reeks`), month (its first day) and category, a count.
 *   A flow (instroom, registrations, ...) counts its events in the month; a stock (what runs on a
 *   day) is kept as changes: +1 in the month from which a row counts, -1 in the month from which it
 *   no longer does, so the stock on a day is the sum of the changes up to it.
 * - `statistiek_jaar`: the same per year, so a stock's start of a year is a sum over years, not over
 *   every month of the history.
 * - `statistiek_bedrag`: money per gemeente, series, month and resident, for the rules on sums of
 *   money (at least 10 residents, nobody dominating).
 *
 * Each detail table names its contributions in a SQL function of one row (`<table>_bijdragen`) that
 * states every figure's definition; the trigger applies it to the rows a statement inserted (+),
 * deleted (-) or updated (old -, new +). The helpers below write that plumbing once; migrations call
 * them, so a change to them changes landed migrations: change the SQL in a new migration instead.
 */

/** The tables, a month helper and the TRUNCATE handler; once per partner database. */
export function aggregateTablesSql(): string[] {
  return [
    `create table "statistiek_maand" (
      "bron" text not null,
      "reeks" text not null,
      "gemeente" char(6) not null,
      "maand" date not null,
      "categorie" text not null,
      "aantal" int not null,
      constraint "statistiek_maand_pkey" primary key ("gemeente", "maand", "reeks", "categorie")
    );`,
    `create table "statistiek_jaar" (
      "bron" text not null,
      "reeks" text not null,
      "gemeente" char(6) not null,
      "jaar" smallint not null,
      "categorie" text not null,
      "aantal" int not null,
      constraint "statistiek_jaar_pkey" primary key ("gemeente", "reeks", "jaar", "categorie")
    );`,
    `create table "statistiek_bedrag" (
      "bron" text not null,
      "reeks" text not null,
      "gemeente" char(6) not null,
      "maand" date not null,
      "bsn" char(9) not null,
      "centen" bigint not null,
      constraint "statistiek_bedrag_pkey" primary key ("gemeente", "maand", "reeks", "bsn")
    );`,
    // The first day of the month of a date (a timestamp without time zone keeps it immutable).
    `create function "maand_van"(d date) returns date language sql immutable parallel safe
      as $$ select date_trunc('month', d::timestamp)::date $$;`,
    `create function "statistiek_leeg"() returns trigger language plpgsql as $$
      begin
        delete from "statistiek_maand" where "bron" = tg_argv[0];
        delete from "statistiek_jaar" where "bron" = tg_argv[0];
        delete from "statistiek_bedrag" where "bron" = tg_argv[0];
        return null;
      end;
    $$;`,
  ];
}

/** Where a table's contributions go: counts per month and year, or money per resident and month. */
export type Doel = 'aantallen' | 'bedragen';

/**
 * The statement that adds signed contributions to the aggregates. `select` yields rows with the
 * columns reeks, gemeente, maand, categorie, aantal (for money: categorie is the BSN, aantal the
 * cents). Keys are written in order, so concurrent writers lock aggregate rows in the same order.
 */
export function addContributionsSql(bron: string, doel: Doel, select: string): string {
  const name = `'${bron.replace(/'/g, "''")}'`;
  if (doel === 'bedragen') {
    return `insert into "statistiek_bedrag" as s ("bron", "reeks", "gemeente", "maand", "bsn", "centen")
      select ${name}, b.reeks, b.gemeente, b.maand, b.categorie, sum(b.aantal)
      from (${select}) b
      group by b.reeks, b.gemeente, b.maand, b.categorie having sum(b.aantal) <> 0
      order by b.gemeente, b.maand, b.reeks, b.categorie
      on conflict ("gemeente", "maand", "reeks", "bsn") do update set "centen" = s."centen" + excluded."centen"`;
  }
  return `with b as (${select}),
    maanden as (
      insert into "statistiek_maand" as s ("bron", "reeks", "gemeente", "maand", "categorie", "aantal")
      select ${name}, b.reeks, b.gemeente, b.maand, b.categorie, sum(b.aantal)
      from b
      group by b.reeks, b.gemeente, b.maand, b.categorie having sum(b.aantal) <> 0
      order by b.gemeente, b.maand, b.reeks, b.categorie
      on conflict ("gemeente", "maand", "reeks", "categorie") do update set "aantal" = s."aantal" + excluded."aantal"
    )
    insert into "statistiek_jaar" as s ("bron", "reeks", "gemeente", "jaar", "categorie", "aantal")
    select ${name}, b.reeks, b.gemeente, extract(year from b.maand)::smallint, b.categorie, sum(b.aantal)
    from b
    group by b.reeks, b.gemeente, extract(year from b.maand), b.categorie having sum(b.aantal) <> 0
    order by b.gemeente, b.reeks, extract(year from b.maand), b.categorie
    on conflict ("gemeente", "reeks", "jaar", "categorie") do update set "aantal" = s."aantal" + excluded."aantal"`;
}

/** What a contribution function `<table>_bijdragen(row)` returns, one row per contribution. */
export const BIJDRAGE = '(reeks text, gemeente bpchar, maand date, categorie text, aantal bigint)';

/** A detail table whose rows contribute to the aggregates. */
export interface Bron {
  /** The detail table; also the `bron` of its aggregate rows, which a TRUNCATE of it clears. */
  tabel: string;
  /** Default `aantallen`. */
  doel?: Doel;
  /** Names the trigger function and triggers when a table has more than one source; default `tabel`. */
  naam?: string;
  /**
   * The FROM clause that turns a set of the table's rows (`rijen`: the table itself, or a trigger's
   * transition table) into contributions: a set aliased `b` with the columns of BIJDRAGE. Default
   * `rijen r CROSS JOIN LATERAL <table>_bijdragen(r) b`.
   */
  bijdragen?: (rijen: string) => string;
}

const COLUMNS = 'b.reeks, b.gemeente, b.maand, b.categorie';

/**
 * The trigger function, the statement triggers (INSERT, UPDATE, DELETE with transition tables, and
 * TRUNCATE) and the first fill from the rows already there.
 */
export function sourceSql({
  tabel,
  naam = tabel,
  doel = 'aantallen',
  bijdragen = (rijen) => `${rijen} r cross join lateral "${tabel}_bijdragen"(r) b`,
}: Bron): string[] {
  const added = (rijen: string) => `select ${COLUMNS}, b.aantal from ${bijdragen(rijen)}`;
  const removed = (rijen: string) => `select ${COLUMNS}, -b.aantal as aantal from ${bijdragen(rijen)}`;
  const fn = `"${naam}_statistiek"`;
  return [
    `create function ${fn}() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${addContributionsSql(tabel, doel, added('nieuw'))};
        elsif tg_op = 'UPDATE' then
          ${addContributionsSql(tabel, doel, `${added('nieuw')} union all ${removed('oud')}`)};
        else
          ${addContributionsSql(tabel, doel, removed('oud'))};
        end if;
        return null;
      end;
    $$;`,
    `create trigger "${naam}_statistiek_insert" after insert on "${tabel}"
      referencing new table as nieuw for each statement execute function ${fn}();`,
    `create trigger "${naam}_statistiek_update" after update on "${tabel}"
      referencing old table as oud new table as nieuw for each statement execute function ${fn}();`,
    `create trigger "${naam}_statistiek_delete" after delete on "${tabel}"
      referencing old table as oud for each statement execute function ${fn}();`,
    `create trigger "${naam}_statistiek_truncate" after truncate on "${tabel}"
      for each statement execute function "statistiek_leeg"('${tabel}');`,
    `${addContributionsSql(tabel, doel, added(`"${tabel}"`))};`,
  ];
}

/** What `aggregateTablesSql` and `sourceSql` create, dropped in reverse. */
export function dropSourceSql(tabel: string, naam = tabel): string[] {
  return [
    `drop trigger if exists "${naam}_statistiek_truncate" on "${tabel}";`,
    `drop trigger if exists "${naam}_statistiek_delete" on "${tabel}";`,
    `drop trigger if exists "${naam}_statistiek_update" on "${tabel}";`,
    `drop trigger if exists "${naam}_statistiek_insert" on "${tabel}";`,
    `drop function if exists "${naam}_statistiek"();`,
  ];
}

export function dropAggregateTablesSql(): string[] {
  return [
    'drop function if exists "statistiek_leeg"();',
    'drop function if exists "maand_van"(date);',
    'drop table if exists "statistiek_bedrag";',
    'drop table if exists "statistiek_jaar";',
    'drop table if exists "statistiek_maand";',
  ];
}
