import { Migration } from '@mikro-orm/migrations';
import {
  aggregateTablesSql,
  BIJDRAGE,
  dropAggregateTablesSql,
  dropSourceSql,
  sourceSql,
} from '../../../platform/statistiek/aggregates.migration';

/** Monthly aggregates of the Stadsbank's statistics (see aggregates.migration.ts). */
export class Migration20261201090000 extends Migration {
  override up(): void {
    for (const sql of aggregateTablesSql()) this.addSql(sql);

    // Cases: registered in the month per source; running on a month-end (registered on or before it and
    // not closed before it), broken down by phase and, separately, by budgetbeheer. The phase is the
    // current one (no history is kept), so a case closed since counts under AFGESLOTEN for the past.
    this
      .addSql(`create function "schuldhulptraject_bijdragen"(s "schuldhulptraject") returns table ${BIJDRAGE}
      language sql immutable as $$
        select b.reeks, s.gemeente, b.maand, b.categorie, b.aantal
        from (values
          ('aanmelding', maand_van(s.aanmelddatum), s.bron, 1),
          ('schuldhulp_lopend', case when s.afgesloten_op is null or s.afgesloten_op >= s.aanmelddatum
            then maand_van(s.aanmelddatum) end, s.fase, 1),
          ('schuldhulp_lopend', case when s.afgesloten_op >= s.aanmelddatum
            then maand_van(s.afgesloten_op + 1) end, s.fase, -1),
          ('schuldhulp_lopend_budgetbeheer', case when s.afgesloten_op is null or s.afgesloten_op >= s.aanmelddatum
            then maand_van(s.aanmelddatum) end, case when s.budgetbeheer then 'JA' else 'NEE' end, 1),
          ('schuldhulp_lopend_budgetbeheer', case when s.afgesloten_op >= s.aanmelddatum
            then maand_van(s.afgesloten_op + 1) end, case when s.budgetbeheer then 'JA' else 'NEE' end, -1)
        ) as b (reeks, maand, categorie, aantal)
        where b.maand is not null
      $$;`);
    for (const sql of sourceSql({ tabel: 'schuldhulptraject' })) this.addSql(sql);

    // Early-warning signals received in the month, per kind.
    this.addSql(`create function "vroegsignaal_bijdragen"(v "vroegsignaal") returns table ${BIJDRAGE}
      language sql immutable as $$
        select 'vroegsignaal'::text, v.gemeente, maand_van(v.datum), v.soort, 1::bigint
      $$;`);
    for (const sql of sourceSql({ tabel: 'vroegsignaal' })) this.addSql(sql);
  }

  override down(): void {
    for (const tabel of ['vroegsignaal', 'schuldhulptraject']) {
      for (const sql of dropSourceSql(tabel)) this.addSql(sql);
      this.addSql(`drop function if exists "${tabel}_bijdragen"("${tabel}");`);
    }
    for (const sql of dropAggregateTablesSql()) this.addSql(sql);
  }
}
