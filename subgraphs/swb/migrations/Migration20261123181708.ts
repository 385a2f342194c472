import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181708 extends Migration {
  override up(): void {
    this.addSql(
      `create table "sw_dienstverband" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "soort" text check ("soort" in ('WSW', 'NIEUW_BESCHUT')) not null, "startdatum" date not null, "einddatum" date null, "gedetacheerd" boolean not null default false);`,
    );
    this.addSql(`create index "sw_dienstverband_bsn_index" on "sw_dienstverband" ("bsn");`);
    this.addSql(
      `create index "sw_dienstverband_gemeente_einddatum_index" on "sw_dienstverband" ("gemeente", "einddatum");`,
    );
    this.addSql(
      `create index "sw_dienstverband_gemeente_startdatum_index" on "sw_dienstverband" ("gemeente", "startdatum");`,
    );

    this.addSql(
      `create table "traject" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "soort" text check ("soort" in ('DIAGNOSE', 'ARBEIDSFIT', 'WERKLEERBEDRIJF', 'Z_ROUTE', 'JOBCOACHING')) not null, "startdatum" date not null, "einddatum" date null, "resultaat" text check ("resultaat" in ('BETAALD_WERK', 'OPLEIDING', 'VERVOLGTRAJECT', 'UITVAL', 'GEEN_RESULTAAT')) null);`,
    );
    this.addSql(`create index "traject_bsn_index" on "traject" ("bsn");`);
    this.addSql(`create index "traject_gemeente_einddatum_index" on "traject" ("gemeente", "einddatum");`);
    this.addSql(`create index "traject_gemeente_startdatum_index" on "traject" ("gemeente", "startdatum");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "sw_dienstverband" cascade;`);

    this.addSql(`drop table if exists "traject" cascade;`);
  }
}
