import { Migration } from '@mikro-orm/migrations';

/** Case conferences (casusoverleg) with participants, consent, agenda and actions. */
export class Migration20261123183634 extends Migration {
  override up(): void {
    this.addSql(
      `create table "casusoverleg" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "titel" text not null, "grondslag" text check ("grondslag" in ('TOESTEMMING', 'WETTELIJK')) not null, "wettelijke_grondslag" text null, "partners" text[] not null, "geopend_op" timestamptz not null, "geopend_door" text not null, "organisatie" text not null, "gesloten_op" timestamptz null);`,
    );
    this.addSql(`create index "casusoverleg_bsn_index" on "casusoverleg" ("bsn");`);
    this.addSql(
      `create index "casusoverleg_organisatie_gemeente_index" on "casusoverleg" ("organisatie", "gemeente");`,
    );

    this.addSql(
      `create table "casus_deelnemer" ("id" serial primary key, "casusoverleg_id" int not null, "medewerker" text not null, "organisatie" text not null, "toegevoegd_op" timestamptz not null);`,
    );
    this.addSql(
      `alter table "casus_deelnemer" add constraint "casus_deelnemer_casusoverleg_id_medewerker_organisatie_unique" unique ("casusoverleg_id", "medewerker", "organisatie");`,
    );

    this.addSql(
      `create table "agendapunt" ("id" serial primary key, "casusoverleg_id" int not null, "volgorde" smallint not null, "onderwerp" text not null);`,
    );
    this.addSql(
      `alter table "agendapunt" add constraint "agendapunt_casusoverleg_id_volgorde_unique" unique ("casusoverleg_id", "volgorde");`,
    );

    this.addSql(
      `create table "actie" ("id" serial primary key, "casusoverleg_id" int not null, "eigenaar_organisatie" text not null, "omschrijving" text not null, "deadline" date not null, "status" text check ("status" in ('OPEN', 'AFGEROND', 'VERVALLEN')) not null default 'OPEN');`,
    );
    this.addSql(`create index "actie_casusoverleg_id_index" on "actie" ("casusoverleg_id");`);

    this.addSql(
      `create table "toestemming" ("id" serial primary key, "casusoverleg_id" int not null, "gegeven_op" date not null, "verloopt_op" date not null, "partners" text[] not null, "wijze" text check ("wijze" in ('MONDELING', 'SCHRIFTELIJK', 'DIGITAAL')) not null, "vastgelegd_door" text not null, "vastgelegd_op" timestamptz not null, "ingetrokken_op" timestamptz null, "ingetrokken_door" text null);`,
    );
    this.addSql(`create index "toestemming_casusoverleg_id_index" on "toestemming" ("casusoverleg_id");`);

    // A conference is about a resident Werk en Inkomen knows, as every other table here.
    this.addSql(
      `alter table "casusoverleg" add constraint "casusoverleg_bsn_foreign" foreign key ("bsn") references "inwoner" ("bsn");`,
    );
    for (const table of ['casus_deelnemer', 'agendapunt', 'actie', 'toestemming']) {
      this.addSql(
        `alter table "${table}" add constraint "${table}_casusoverleg_id_foreign" foreign key ("casusoverleg_id") references "casusoverleg" ("id") on update cascade;`,
      );
    }
  }

  override down(): void {
    this.addSql(`drop table if exists "toestemming" cascade;`);
    this.addSql(`drop table if exists "actie" cascade;`);
    this.addSql(`drop table if exists "agendapunt" cascade;`);
    this.addSql(`drop table if exists "casus_deelnemer" cascade;`);
    this.addSql(`drop table if exists "casusoverleg" cascade;`);
  }
}
