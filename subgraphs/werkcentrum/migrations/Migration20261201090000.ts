import { Migration } from '@mikro-orm/migrations';
import {
  aggregateTablesSql,
  BIJDRAGE,
  dropAggregateTablesSql,
  dropSourceSql,
  sourceSql,
} from '../../../platform/statistiek/aggregates.migration';

/** Monthly aggregates of Werkcentrum Twente's statistics (see aggregates.migration.ts). */
export class Migration20261201090000 extends Migration {
  override up(): void {
    for (const sql of aggregateTablesSql()) this.addSql(sql);

    // Trajectories: started in the month per kind; running on a month-end from the month it starts up
    // to the month of the day after it ends (one that ends before it starts never runs).
    this.addSql(`create function "ontwikkeltraject_bijdragen"(t "ontwikkeltraject") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, t.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('ontwikkeltraject_gestart', maand_van(t.startdatum), t.soort, 1),
          ('ontwikkeltraject_lopend', case when t.einddatum is null or t.einddatum >= t.startdatum
            then maand_van(t.startdatum) end, '', 1),
          ('ontwikkeltraject_lopend', case when t.einddatum >= t.startdatum
            then maand_van(t.einddatum + 1) end, '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'ontwikkeltraject' })) this.addSql(sql);

    // The development budget granted to trajectories started in the month, per resident, so that the
    // rules on money can count who contributes and how much the largest contributions are.
    this
      .addSql(`create function "ontwikkeltraject_budget_bijdragen"(t "ontwikkeltraject") returns table ${BIJDRAGE}
      language sql immutable as $$
        select 'ontwikkeltraject_budget'::text, t.gemeente, maand_van(t.startdatum), t.bsn::text,
          t.budget_centen::bigint
      $$;`);
    for (const sql of sourceSql({
      tabel: 'ontwikkeltraject',
      naam: 'ontwikkeltraject_budget',
      doel: 'bedragen',
      bijdragen: (rijen) => `${rijen} r cross join lateral "ontwikkeltraject_budget_bijdragen"(r) b`,
    })) {
      this.addSql(sql);
    }
  }

  override down(): void {
    for (const sql of dropSourceSql('ontwikkeltraject', 'ontwikkeltraject_budget')) this.addSql(sql);
    for (const sql of dropSourceSql('ontwikkeltraject')) this.addSql(sql);
    this.addSql(`drop function if exists "ontwikkeltraject_budget_bijdragen"("ontwikkeltraject");`);
    this.addSql(`drop function if exists "ontwikkeltraject_bijdragen"("ontwikkeltraject");`);
    for (const sql of dropAggregateTablesSql()) this.addSql(sql);
  }
}
