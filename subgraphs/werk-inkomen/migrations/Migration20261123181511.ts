import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181511 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "begroting" ("gemeente" char(6) not null, "jaar" smallint not null, "aantal_uitkeringen" int not null, constraint "begroting_pkey" primary key ("gemeente", "jaar"));`,
    );

    this.addSql(
      `create table "inburgering" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "leerroute" text check ("leerroute" in ('B1', 'ONDERWIJS', 'Z_ROUTE')) not null, "startdatum" date not null, "einddatum" date null);`,
    );
    this.addSql(`create index "inburgering_bsn_index" on "inburgering" ("bsn");`);

    this.addSql(
      `create table "inwoner" ("bsn" char(9) not null, "naam" varchar(255) not null, "geboortedatum" date not null, "gemeente" char(6) not null, "statushouder" boolean not null default false, constraint "inwoner_pkey" primary key ("bsn"));`,
    );
    this.addSql(`create index "inwoner_gemeente_bsn_index" on "inwoner" ("gemeente", "bsn");`);

    this.addSql(
      `create table "loonkostensubsidie" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "werkgever" varchar(255) not null, "loonwaarde" smallint not null, "startdatum" date not null, "einddatum" date null);`,
    );
    this.addSql(`create index "loonkostensubsidie_bsn_index" on "loonkostensubsidie" ("bsn");`);
    this.addSql(
      `create index "loonkostensubsidie_gemeente_startdatum_index" on "loonkostensubsidie" ("gemeente", "startdatum");`,
    );

    this.addSql(
      `create table "uitkering" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "regeling" text check ("regeling" in ('PW', 'IOAW', 'IOAZ', 'BBZ')) not null, "ingangsdatum" date not null, "einddatum" date null, "uitstroomreden" text check ("uitstroomreden" in ('WERK', 'STUDIE', 'WERKPLEIN_PLAATSING', 'ZELFSTANDIG', 'AOW', 'VERHUIZING', 'OVERIG')) null, "bedrag_per_maand_centen" int not null);`,
    );
    this.addSql(`create index "uitkering_bsn_index" on "uitkering" ("bsn");`);
    this.addSql(
      `create index "uitkering_gemeente_einddatum_index" on "uitkering" ("gemeente", "einddatum");`,
    );
    this.addSql(
      `create index "uitkering_gemeente_ingangsdatum_index" on "uitkering" ("gemeente", "ingangsdatum");`,
    );

    this.addSql(
      `alter table "uitkering" add constraint "uitkering_bsn_foreign" foreign key ("bsn") references "inwoner" ("bsn");`,
    );
    this.addSql(
      `alter table "loonkostensubsidie" add constraint "loonkostensubsidie_bsn_foreign" foreign key ("bsn") references "inwoner" ("bsn");`,
    );
    this.addSql(
      `alter table "inburgering" add constraint "inburgering_bsn_foreign" foreign key ("bsn") references "inwoner" ("bsn");`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "begroting" cascade;`);

    this.addSql(`drop table if exists "inburgering" cascade;`);

    this.addSql(`drop table if exists "inwoner" cascade;`);

    this.addSql(`drop table if exists "loonkostensubsidie" cascade;`);

    this.addSql(`drop table if exists "uitkering" cascade;`);
  }
}
