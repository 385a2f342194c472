import { Migration } from '@mikro-orm/migrations';

/**
 * The processing log (Logboek dataverwerkingen) of one subgraph: `verwerking` holds the standard's
 * span-shaped lines, `verwerking_actor` who did it, linked by trace and span id. Both are append-only:
 * triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner included.
 */
export class LogboekMigration extends Migration {
  override up(): void {
    this.addSql(`create table "verwerking" (
      "id" bigserial primary key,
      "trace_id" char(32) not null,
      "span_id" char(16) not null,
      "parent_span_id" char(16) null,
      "name" text not null,
      "start_time" bigint not null,
      "end_time" bigint not null,
      "status" text not null check ("status" in ('Unset', 'Ok', 'Error')),
      "resource" text not null,
      "processing_activity_id" text not null,
      "data_subject_id" char(64) not null,
      "data_subject_id_type" text not null,
      "foreign_operation_processor" text null,
      "velden" text[] not null,
      "uitkomst" text not null check ("uitkomst" in ('TOEGESTAAN', 'GEWEIGERD'))
    );`);
    this.addSql(`create index "verwerking_trace_id_index" on "verwerking" ("trace_id");`);
    this.addSql(`create index "verwerking_data_subject_id_index" on "verwerking" ("data_subject_id");`);
    this.addSql(
      `create index "verwerking_activity_index" on "verwerking" ("processing_activity_id", "start_time");`,
    );
    this.addSql(`create table "verwerking_actor" (
      "trace_id" char(32) not null,
      "span_id" char(16) not null,
      "medewerker" text not null,
      "organisatie" text not null,
      "rollen" text[] not null,
      "doelbinding" text null,
      "tijdstip" bigint not null,
      primary key ("trace_id", "span_id")
    );`);
    this.addSql(`create function "logboek_append_only"() returns trigger language plpgsql as $$
      begin
        raise exception 'the processing log is append-only: % is not allowed', tg_op using errcode = '42501';
      end;
    $$;`);
    for (const table of ['verwerking', 'verwerking_actor']) {
      this.addSql(`create trigger "${table}_append_only" before update or delete on "${table}"
        for each row execute function "logboek_append_only"();`);
      this.addSql(`create trigger "${table}_no_truncate" before truncate on "${table}"
        for each statement execute function "logboek_append_only"();`);
    }
  }

  override down(): void {
    this.addSql(`drop table if exists "verwerking_actor";`);
    this.addSql(`drop table if exists "verwerking";`);
    this.addSql(`drop function if exists "logboek_append_only"();`);
  }
}

/** Every subgraph lists this migration, under this name, after its own first one. */
export const logboekMigration = { name: 'Migration20261123190000_logboek', class: LogboekMigration };
