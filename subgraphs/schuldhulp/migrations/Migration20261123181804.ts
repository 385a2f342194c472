import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181804 extends Migration {
  override up(): void {
    this.addSql(
      `create table "schuldhulptraject" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "aanmelddatum" date not null, "bron" text check ("bron" in ('BUDGETALERT', 'WERK_EN_INKOMEN', 'VROEGSIGNALERING', 'ZELFMELDER', 'WIJKTEAM', 'OVERIG')) not null, "fase" text check ("fase" in ('INTAKE', 'STABILISATIE', 'SCHULDREGELING', 'WSNP', 'NAZORG', 'AFGESLOTEN')) not null, "budgetbeheer" boolean not null, "aantal_schuldeisers" int not null, "totale_schuld_centen" int not null, "afgesloten_op" date null);`,
    );
    this.addSql(`create index "schuldhulptraject_bsn_index" on "schuldhulptraject" ("bsn");`);
    this.addSql(
      `create index "schuldhulptraject_gemeente_aanmelddatum_index" on "schuldhulptraject" ("gemeente", "aanmelddatum");`,
    );

    this.addSql(
      `create table "vroegsignaal" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "soort" text check ("soort" in ('HUUR', 'ENERGIE', 'ZORGVERZEKERING', 'WATER')) not null, "datum" date not null, "bedrag_centen" int not null);`,
    );
    this.addSql(`create index "vroegsignaal_bsn_index" on "vroegsignaal" ("bsn");`);
    this.addSql(`create index "vroegsignaal_gemeente_datum_index" on "vroegsignaal" ("gemeente", "datum");`);
  }

  override down(): void {
    this.addSql(`drop table if exists "schuldhulptraject" cascade;`);

    this.addSql(`drop table if exists "vroegsignaal" cascade;`);
  }
}
