import { Migration } from '@mikro-orm/migrations';

/**
 * The dead letters of a partner's consumers: events in the stream they could not handle (not JSON, not
 * a valid event, or a kind this version does not know). A row is written in the transaction that moves
 * the consumer's position past the event, so nothing is passed unrecorded. It keeps where the event
 * was, why it failed and the SHA-256 of its bytes, never the event itself: it may hold a BSN, and the
 * stream still holds it for whoever needs to look.
 */
export class OnbestelbaarMigration extends Migration {
  override up(): void {
    this.addSql(`create table "onbestelbare_gebeurtenis" (
      "consument" text not null,
      "positie" bigint not null,
      "onderwerp" text not null,
      "reden" text not null check ("reden" in ('GEEN_JSON', 'ONGELDIG', 'ONBEKENDE_SOORT')),
      "toelichting" text not null,
      "sha256" char(64) not null,
      "gebeurtenis_id" uuid null,
      "bron" text null,
      "soort" text null,
      "vastgelegd_op" timestamptz not null default clock_timestamp(),
      primary key ("consument", "positie")
    );`);
  }

  override down(): void {
    this.addSql(`drop table if exists "onbestelbare_gebeurtenis";`);
  }
}

/** Every subgraph lists this migration, under this name, after `signalenMigration`. */
export const onbestelbaarMigration = {
  name: 'Migration20261202040000_onbestelbaar',
  class: OnbestelbaarMigration,
};
