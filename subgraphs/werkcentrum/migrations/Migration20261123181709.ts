import { Migration } from '@mikro-orm/migrations';

export class Migration20261123181709 extends Migration {
  override up(): void {
    this.addSql(
      `create table "ontwikkeltraject" ("id" serial primary key, "bsn" char(9) not null, "gemeente" char(6) not null, "soort" text check ("soort" in ('LOOPBAANADVIES', 'SCHOLING', 'LEERWERKTRAJECT', 'VAN_WERK_NAAR_WERK')) not null, "startdatum" date not null, "einddatum" date null, "budget_centen" int not null);`,
    );
    this.addSql(`create index "ontwikkeltraject_bsn_index" on "ontwikkeltraject" ("bsn");`);
    this.addSql(
      `create index "ontwikkeltraject_gemeente_einddatum_index" on "ontwikkeltraject" ("gemeente", "einddatum");`,
    );
    this.addSql(
      `create index "ontwikkeltraject_gemeente_startdatum_index" on "ontwikkeltraject" ("gemeente", "startdatum");`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "ontwikkeltraject" cascade;`);
  }
}
