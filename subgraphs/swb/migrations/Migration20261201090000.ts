import { Migration } from '@mikro-orm/migrations';
import {
  aggregateTablesSql,
  BIJDRAGE,
  dropAggregateTablesSql,
  dropSourceSql,
  sourceSql,
} from '../../../platform/statistiek/aggregates.migration';

/**
 * Monthly aggregates of SWB's statistics (see aggregates.migration.ts). Something runs on a day when
 * it started on or before it and has not ended before it; running on a month-end counts from the month
 * it starts up to the month of the day after it ends.
 */
export class Migration20261201090000 extends Migration {
  override up(): void {
    for (const sql of aggregateTablesSql()) this.addSql(sql);

    // Trajectories: started in the month; ended in the month per result (GEEN: none recorded); running.
    this.addSql(`create function "traject_bijdragen"(t "traject") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, t.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('traject_gestart', maand_van(t.startdatum), '', 1),
          ('traject_beeindigd', maand_van(t.einddatum), coalesce(t.resultaat, 'GEEN'), 1),
          ('traject_lopend', case when t.einddatum is null or t.einddatum >= t.startdatum
            then maand_van(t.startdatum) end, '', 1),
          ('traject_lopend', case when t.einddatum >= t.startdatum
            then maand_van(t.einddatum + 1) end, '', -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'traject' })) this.addSql(sql);

    // Sheltered employment (Wsw, Nieuw beschut) running, per seconded (detachering) or not.
    this.addSql(`create function "sw_dienstverband_bijdragen"(d "sw_dienstverband") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, d.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('dienstverband_lopend', case when d.einddatum is null or d.einddatum >= d.startdatum
            then maand_van(d.startdatum) end, case when d.gedetacheerd then 'JA' else 'NEE' end, 1),
          ('dienstverband_lopend', case when d.einddatum >= d.startdatum
            then maand_van(d.einddatum + 1) end, case when d.gedetacheerd then 'JA' else 'NEE' end, -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'sw_dienstverband' })) this.addSql(sql);
  }

  override down(): void {
    for (const tabel of ['sw_dienstverband', 'traject']) {
      for (const sql of dropSourceSql(tabel)) this.addSql(sql);
      this.addSql(`drop function if exists "${tabel}_bijdragen"("${tabel}");`);
    }
    for (const sql of dropAggregateTablesSql()) this.addSql(sql);
  }
}
