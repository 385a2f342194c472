import { Migration } from '@mikro-orm/migrations';
import {
  aggregateTablesSql,
  BIJDRAGE,
  dropAggregateTablesSql,
  dropSourceSql,
  sourceSql,
} from '../../../platform/statistiek/aggregates.migration';

/** Monthly aggregates of the Werkplein's statistics (see aggregates.migration.ts). */
export class Migration20261201090000 extends Migration {
  override up(): void {
    for (const sql of aggregateTablesSql()) this.addSql(sql);

    // Placements: started in the month, broken down by kind and, separately, by whether the employer
    // receives LKS; running on a month-end from the month it starts up to the month of the day after
    // it ends (one that ends before it starts never runs).
    this.addSql(`create function "plaatsing_bijdragen"(p "plaatsing") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, p.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('plaatsing_gestart', maand_van(p.startdatum), p.soort, 1),
          ('plaatsing_gestart_lks', maand_van(p.startdatum), case when p.met_lks then 'MET' else 'ZONDER' end, 1),
          ('plaatsing_lopend', case when p.einddatum is null or p.einddatum >= p.startdatum
            then maand_van(p.startdatum) end, '', 1),
          ('plaatsing_lopend', case when p.einddatum >= p.startdatum
            then maand_van(p.einddatum + 1) end, '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'plaatsing' })) this.addSql(sql);

    // Vacancies opened in the month for work in the gemeente.
    this.addSql(`create function "vacature_bijdragen"(v "vacature") returns table ${BIJDRAGE}
      language sql immutable as $$
        select 'vacature_geopend'::text, v.gemeente, maand_van(v.geopend), ''::text, 1::bigint
      $$;`);
    for (const sql of sourceSql({ tabel: 'vacature' })) this.addSql(sql);
  }

  override down(): void {
    for (const tabel of ['vacature', 'plaatsing']) {
      for (const sql of dropSourceSql(tabel)) this.addSql(sql);
      this.addSql(`drop function if exists "${tabel}_bijdragen"("${tabel}");`);
    }
    for (const sql of dropAggregateTablesSql()) this.addSql(sql);
  }
}
