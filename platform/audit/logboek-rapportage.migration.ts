import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for reading the processing log by period: the usage reports of a privacy officer (a period
 * of the whole log, refused look-ups apart) and a resident's access report (their lines, newest first).
 * The resident's index starts with the data subject, so it replaces the one on the data subject alone.
 */
export class LogboekRapportageMigration extends Migration {
  override up(): void {
    this.addSql(`create index "verwerking_start_time_index" on "verwerking" ("start_time");`);
    this.addSql(
      `create index "verwerking_geweigerd_index" on "verwerking" ("start_time") where "uitkomst" = 'GEWEIGERD';`,
    );
    this.addSql(
      `create index "verwerking_data_subject_time_index" on "verwerking" ("data_subject_id", "start_time");`,
    );
    this.addSql(`drop index "verwerking_data_subject_id_index";`);
  }

  override down(): void {
    this.addSql(`create index "verwerking_data_subject_id_index" on "verwerking" ("data_subject_id");`);
    this.addSql(`drop index "verwerking_data_subject_time_index";`);
    this.addSql(`drop index "verwerking_geweigerd_index";`);
    this.addSql(`drop index "verwerking_start_time_index";`);
  }
}

/** Every subgraph lists this migration, under this name, after `logboekMigration`. */
export const logboekRapportageMigration = {
  name: 'Migration20261201120000_logboek_rapportage',
  class: LogboekRapportageMigration,
};
