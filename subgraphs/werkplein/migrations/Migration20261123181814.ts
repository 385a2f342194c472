import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181814 extends Migration {
  override up(): void {
    this.addSql(
      `create table "werkgever" ("id" serial primary key, "naam" varchar(255) not null, "kvk_nummer" char(8) not null, "gemeente" char(6) not null, "sector" varchar(255) not null);`,
    );

    this.addSql(
      `create table "vacature" ("id" serial primary key, "werkgever_id" int not null, "titel" varchar(255) not null, "gemeente" char(6) not null, "geopend" date not null, "gesloten" date null, "aantal_plaatsen" int not null);`,
    );
    this.addSql(`create index "vacature_werkgever_id_index" on "vacature" ("werkgever_id");`);
    this.addSql(`create index "vacature_gemeente_geopend_index" on "vacature" ("gemeente", "geopend");`);

    this.addSql(
      `create table "plaatsing" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "werkgever_id" int not null, "vacature_id" int null, "soort" text check ("soort" in ('REGULIER', 'PROEFPLAATSING', 'BANENAFSPRAAK')) not null, "met_lks" boolean not null, "startdatum" date not null, "einddatum" date null);`,
    );
    this.addSql(`create index "plaatsing_bsn_index" on "plaatsing" ("bsn");`);
    this.addSql(
      `create index "plaatsing_gemeente_einddatum_index" on "plaatsing" ("gemeente", "einddatum");`,
    );
    this.addSql(
      `create index "plaatsing_gemeente_startdatum_index" on "plaatsing" ("gemeente", "startdatum");`,
    );

    this.addSql(
      `alter table "vacature" add constraint "vacature_werkgever_id_foreign" foreign key ("werkgever_id") references "werkgever" ("id") on update cascade;`,
    );

    this.addSql(
      `alter table "plaatsing" add constraint "plaatsing_werkgever_id_foreign" foreign key ("werkgever_id") references "werkgever" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "plaatsing" add constraint "plaatsing_vacature_id_foreign" foreign key ("vacature_id") references "vacature" ("id") on update cascade on delete set null;`,
    );
  }

  override down(): void {
    this.addSql(`alter table "vacature" drop constraint "vacature_werkgever_id_foreign";`);

    this.addSql(`alter table "plaatsing" drop constraint "plaatsing_werkgever_id_foreign";`);

    this.addSql(`alter table "plaatsing" drop constraint "plaatsing_vacature_id_foreign";`);

    this.addSql(`drop table if exists "werkgever" cascade;`);

    this.addSql(`drop table if exists "vacature" cascade;`);

    this.addSql(`drop table if exists "plaatsing" cascade;`);
  }
}
