import { Migration } from '@mikro-orm/migrations';
import {
  addContributionsSql,
  aggregateTablesSql,
  BIJDRAGE,
  dropAggregateTablesSql,
  dropSourceSql,
  sourceSql,
} from '../../../platform/statistiek/aggregates.migration';

/**
 * Monthly aggregates of the statistics of Werk en Inkomen (see aggregates.migration.ts): each
 * contribution function below states the definitions its figures count by.
 */
export class Migration20261201090000 extends Migration {
  override up(): void {
    for (const sql of aggregateTablesSql()) this.addSql(sql);

    // Counted: Participatiewet, IOAW and IOAZ; Bbz never. A benefit runs on a day when it started on or
    // before it and has not ended before it; one that ends before it starts never runs. Running on a
    // month-end counts from the month it starts up to the month of the day after it ends.
    this
      .addSql(`create function "uitkering_bijdragen"(u "uitkering", statushouder boolean) returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, u.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('bijstand_instroom', maand_van(u.ingangsdatum), '', 1),
          ('bijstand_uitstroom', maand_van(u.einddatum), coalesce(u.uitstroomreden, 'GEEN'), 1),
          ('bijstand_lopend', case when u.einddatum is null or u.einddatum >= u.ingangsdatum
            then maand_van(u.ingangsdatum) end, case when statushouder then 'JA' else 'NEE' end, 1),
          ('bijstand_lopend', case when u.einddatum >= u.ingangsdatum
            then maand_van(u.einddatum + 1) end, case when statushouder then 'JA' else 'NEE' end, -1)
        ) as b (reeks, maand, categorie, aantal)
        where u.regeling in ('PW', 'IOAW', 'IOAZ') and b.maand is not null
      $$;`);
    // Whether the resident is a statushouder comes from inwoner; a change there moves their benefits.
    const uitkeringen = (rijen: string) =>
      `${rijen} r left join "inwoner" i on i.bsn = r.bsn
        cross join lateral "uitkering_bijdragen"(r, coalesce(i.statushouder, false)) b`;
    for (const sql of sourceSql({ tabel: 'uitkering', bijdragen: uitkeringen })) this.addSql(sql);
    const statushouderGewijzigd = (sign: string, kant: string) =>
      `select b.reeks, b.gemeente, b.maand, b.categorie, ${sign}b.aantal as aantal
        from oud o join nieuw n on n.bsn = o.bsn join "uitkering" u on u.bsn = n.bsn
        cross join lateral "uitkering_bijdragen"(u, ${kant}.statushouder) b
        where o.statushouder is distinct from n.statushouder`;
    this.addSql(`create function "inwoner_statistiek"() returns trigger language plpgsql as $$
      begin
        ${addContributionsSql('uitkering', 'aantallen', `${statushouderGewijzigd('', 'n')} union all ${statushouderGewijzigd('-', 'o')}`)};
        return null;
      end;
    $$;`);
    this.addSql(`create trigger "inwoner_statistiek_update" after update on "inwoner"
      referencing old table as oud new table as nieuw for each statement execute function "inwoner_statistiek"();`);

    // The budget (begroting) of a year is kept as the value of its January; it is about no one.
    this.addSql(`create function "begroting_bijdragen"(g "begroting") returns table ${BIJDRAGE}
      language sql immutable as $$
        select 'begroting'::text, g.gemeente, make_date(g.jaar, 1, 1), ''::text, g.aantal_uitkeringen
      $$;`);
    for (const sql of sourceSql({ tabel: 'begroting' })) this.addSql(sql);

    // LKS contracts: started and ended in the month; running on the first day of a month counts from the
    // first month whose first day is on or after the start, up to the month after the one it ends in.
    this
      .addSql(`create function "loonkostensubsidie_bijdragen"(l "loonkostensubsidie") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, l.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('lks_gestart', maand_van(l.startdatum), '', 1),
          ('lks_beeindigd', maand_van(l.einddatum), '', 1),
          ('lks_lopend_begin', case when l.einddatum is null or l.einddatum >= l.startdatum
            then (maand_van(l.startdatum - 1) + interval '1 month')::date end, '', 1),
          ('lks_lopend_begin', case when l.einddatum >= l.startdatum
            then (maand_van(l.einddatum) + interval '1 month')::date end, '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'loonkostensubsidie' })) this.addSql(sql);

    // Persons with LKS: one person with overlapping contracts counts once, so the contracts of a person
    // are merged into the periods in which at least one runs (adjacent ones joined), and those count.
    this.addSql(`create table "lks_persoon_periode" (
      "gemeente" char(6) not null,
      "bsn" char(9) not null,
      "startdatum" date not null,
      "einddatum" date null
    );`);
    this.addSql(
      `create index "lks_persoon_periode_gemeente_bsn_index" on "lks_persoon_periode" ("gemeente", "bsn");`,
    );
    this
      .addSql(`create function "lks_persoon_periode_bijdragen"(p "lks_persoon_periode") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, p.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('lks_personen', maand_van(p.startdatum), '', 1),
          ('lks_personen', maand_van(p.einddatum + 1), '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'lks_persoon_periode' })) this.addSql(sql);
    this.addSql(`create function "lks_persoon_periode_herbereken"(gemeenten bpchar[], bsns bpchar[])
      returns void language sql as $$
        delete from "lks_persoon_periode" p using unnest(gemeenten, bsns) as x (gemeente, bsn)
        where p.gemeente = x.gemeente and p.bsn = x.bsn;
        insert into "lks_persoon_periode" ("gemeente", "bsn", "startdatum", "einddatum")
        select gemeente, bsn, min(startdatum), nullif(max(eind), 'infinity')
        from (
          select c.*, sum(c.nieuw) over (partition by c.gemeente, c.bsn order by c.startdatum, c.eind) as eiland
          from (
            select l.gemeente, l.bsn, l.startdatum, coalesce(l.einddatum, 'infinity') as eind,
              case when l.startdatum <= max(coalesce(l.einddatum, 'infinity')) over (
                partition by l.gemeente, l.bsn order by l.startdatum, coalesce(l.einddatum, 'infinity')
                rows between unbounded preceding and 1 preceding) + 1 then 0 else 1 end as nieuw
            from "loonkostensubsidie" l
            join (select distinct * from unnest(gemeenten, bsns)) as x (gemeente, bsn)
              on l.gemeente = x.gemeente and l.bsn = x.bsn
            where l.einddatum is null or l.einddatum >= l.startdatum
          ) c
        ) e
        group by gemeente, bsn, eiland;
      $$;`);
    this.addSql(`create function "loonkostensubsidie_personen"() returns trigger language plpgsql as $$
      declare
        gemeenten bpchar[];
        bsns bpchar[];
      begin
        if tg_op = 'INSERT' then
          select array_agg(gemeente), array_agg(bsn) into gemeenten, bsns from nieuw;
        elsif tg_op = 'UPDATE' then
          select array_agg(gemeente), array_agg(bsn) into gemeenten, bsns
          from (select gemeente, bsn from nieuw union select gemeente, bsn from oud) p;
        else
          select array_agg(gemeente), array_agg(bsn) into gemeenten, bsns from oud;
        end if;
        perform "lks_persoon_periode_herbereken"(gemeenten, bsns);
        return null;
      end;
    $$;`);
    for (const [event, referencing] of [
      ['insert', 'new table as nieuw'],
      ['update', 'old table as oud new table as nieuw'],
      ['delete', 'old table as oud'],
    ]) {
      this
        .addSql(`create trigger "loonkostensubsidie_personen_${event}" after ${event} on "loonkostensubsidie"
        referencing ${referencing} for each statement execute function "loonkostensubsidie_personen"();`);
    }
    this.addSql(`create function "loonkostensubsidie_personen_leeg"() returns trigger language plpgsql as $$
      begin
        truncate "lks_persoon_periode";
        return null;
      end;
    $$;`);
    this.addSql(`create trigger "loonkostensubsidie_personen_truncate" after truncate on "loonkostensubsidie"
      for each statement execute function "loonkostensubsidie_personen_leeg"();`);
    this.addSql(`select "lks_persoon_periode_herbereken"(array_agg(gemeente), array_agg(bsn))
      from (select distinct gemeente, bsn from "loonkostensubsidie") p;`);

    // Civic integration: started in the month per learning route; running like a benefit.
    this.addSql(`create function "inburgering_bijdragen"(i "inburgering") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, i.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('inburgering_gestart', maand_van(i.startdatum), i.leerroute, 1),
          ('inburgering_lopend', case when i.einddatum is null or i.einddatum >= i.startdatum
            then maand_van(i.startdatum) end, '', 1),
          ('inburgering_lopend', case when i.einddatum >= i.startdatum
            then maand_van(i.einddatum + 1) end, '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'inburgering' })) this.addSql(sql);
  }

  override down(): void {
    for (const tabel of [
      'inburgering',
      'lks_persoon_periode',
      'loonkostensubsidie',
      'begroting',
      'uitkering',
    ]) {
      for (const sql of dropSourceSql(tabel)) this.addSql(sql);
    }
    this.addSql(`drop trigger if exists "loonkostensubsidie_personen_truncate" on "loonkostensubsidie";`);
    for (const event of ['insert', 'update', 'delete']) {
      this.addSql(`drop trigger if exists "loonkostensubsidie_personen_${event}" on "loonkostensubsidie";`);
    }
    this.addSql(`drop trigger if exists "inwoner_statistiek_update" on "inwoner";`);
    for (const fn of [
      '"loonkostensubsidie_personen_leeg"()',
      '"loonkostensubsidie_personen"()',
      '"lks_persoon_periode_herbereken"(bpchar[], bpchar[])',
      '"inwoner_statistiek"()',
      '"inburgering_bijdragen"("inburgering")',
      '"lks_persoon_periode_bijdragen"("lks_persoon_periode")',
      '"loonkostensubsidie_bijdragen"("loonkostensubsidie")',
      '"begroting_bijdragen"("begroting")',
      '"uitkering_bijdragen"("uitkering", boolean)',
    ]) {
      this.addSql(`drop function if exists ${fn};`);
    }
    this.addSql(`drop table if exists "lks_persoon_periode";`);
    for (const sql of dropAggregateTablesSql()) this.addSql(sql);
  }
}
