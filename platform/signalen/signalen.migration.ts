import { Migration } from '@mikro-orm/migrations';

/**
 * The tables of early-warning signals in a partner's own database. `uitgaande_gebeurtenis` is the
 * transactional outbox: a domain event is written in the transaction of the change that causes it and
 * marked once the relay has handed it to the transport. `ontvangen_gebeurtenis` and
 * `signaal_positie` make a consumer idempotent (by event id) and let it resume where it stopped; both
 * are written in the transaction that stores the signals an event gives. `signaal` is the inbox of the
 * partner's employees, with its states and who moved them when.
 */
export class SignalenMigration extends Migration {
  override up(): void {
    this.addSql(`create table "uitgaande_gebeurtenis" (
      "positie" bigserial primary key,
      "id" uuid not null unique,
      "soort" text not null,
      "bsn" char(9) not null,
      "gemeente" char(6) not null,
      "datum" date not null,
      "vastgelegd_op" timestamptz not null default clock_timestamp(),
      "gepubliceerd_op" timestamptz null
    );`);
    this.addSql(`create index "uitgaande_gebeurtenis_open_index" on "uitgaande_gebeurtenis" ("positie")
      where "gepubliceerd_op" is null;`);
    this.addSql(`create table "ontvangen_gebeurtenis" (
      "consument" text not null,
      "id" uuid not null,
      "ontvangen_op" timestamptz not null default clock_timestamp(),
      primary key ("consument", "id")
    );`);
    this.addSql(`create table "signaal_positie" (
      "consument" text primary key,
      "positie" bigint not null
    );`);
    this.addSql(`create table "signaal" (
      "id" serial primary key,
      "gebeurtenis_id" uuid not null,
      "regel" text not null,
      "bsn" char(9) not null,
      "gemeente" char(6) not null,
      "rollen" text[] not null,
      "vastgelegd_op" timestamptz not null,
      "ontvangen_op" timestamptz not null default clock_timestamp(),
      "status" text not null default 'NIEUW' check ("status" in ('NIEUW', 'GEZIEN', 'AFGEHANDELD')),
      "gezien_door" text null,
      "gezien_op" timestamptz null,
      "afgehandeld_door" text null,
      "afgehandeld_op" timestamptz null,
      unique ("gebeurtenis_id", "regel")
    );`);
    this.addSql(`create index "signaal_gemeente_index" on "signaal" ("gemeente", "id");`);
  }

  override down(): void {
    for (const table of ['signaal', 'signaal_positie', 'ontvangen_gebeurtenis', 'uitgaande_gebeurtenis']) {
      this.addSql(`drop table if exists "${table}";`);
    }
  }
}

/** Every subgraph lists this migration, under this name, after its others. */
export const signalenMigration = { name: 'Migration20261201230000_signalen', class: SignalenMigration };
