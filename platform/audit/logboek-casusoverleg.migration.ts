import { Migration } from '@mikro-orm/migrations';

/**
 * The case conference a look was made for: a participant reads the looks of their conference
 * (`Casusoverleg.logboek`). Null for every other processing. Adding a nullable column rewrites nothing,
 * and the append-only triggers stay as they are.
 */
export class LogboekCasusoverlegMigration extends Migration {
  override up(): void {
    this.addSql(`alter table "verwerking" add column "casusoverleg_id" text null;`);
    this.addSql(
      `create index "verwerking_casusoverleg_index" on "verwerking" ("casusoverleg_id", "start_time") ` +
        `where "casusoverleg_id" is not null;`,
    );
  }

  override down(): void {
    this.addSql(`drop index "verwerking_casusoverleg_index";`);
    this.addSql(`alter table "verwerking" drop column "casusoverleg_id";`);
  }
}

/** Every subgraph lists this migration, under this name, after `logboekRapportageMigration`. */
export const logboekCasusoverlegMigration = {
  name: 'Migration20261202000000_logboek_casusoverleg',
  class: LogboekCasusoverlegMigration,
};
