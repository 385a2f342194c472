import { Migration } from '@mikro-orm/migrations';

/**
 * Rows may go one minute after no replica would accept their proof any more: room for clocks of the
 * replicas and of the database that differ, without keeping more than a minute of proof ids.
 */
const VERLOPEN = `"verloopt_op" < (extract(epoch from now()) * 1000)::bigint - 60000`;

/**
 * The gateway's proofs this partner has honoured, shared by its replicas (`platform/auth/proof-uses.ts`):
 * the primary key makes a second use of a proof fail the transaction that records it. UNLOGGED, since
 * a row matters for seconds only: a crash empties the table, and recovery takes longer than a proof
 * lives. Row level security decides what the runtime role may do (see `grantRuntimeRole`): record a
 * proof, and see and delete only rows expired a minute ago; never rewrite a row or empty the table.
 */
export class GebruiktBewijsMigration extends Migration {
  override up(): void {
    this.addSql(`create unlogged table "gebruikt_bewijs" (
      "jti" text primary key,
      "verloopt_op" bigint not null
    );`);
    this.addSql(`alter table "gebruikt_bewijs" enable row level security;`);
    this.addSql(
      `create policy "gebruikt_bewijs_vastleggen" on "gebruikt_bewijs" for insert with check (true);`,
    );
    this.addSql(
      `create policy "gebruikt_bewijs_verlopen" on "gebruikt_bewijs" for select using (${VERLOPEN});`,
    );
    this.addSql(
      `create policy "gebruikt_bewijs_opruimen" on "gebruikt_bewijs" for delete using (${VERLOPEN});`,
    );
  }

  override down(): void {
    this.addSql(`drop table if exists "gebruikt_bewijs";`);
  }
}

/** Every subgraph lists this migration, under this name, after `signalenMigration`. */
export const gebruiktBewijsMigration = {
  name: 'Migration20261202040000_gebruikt_bewijs',
  class: GebruiktBewijsMigration,
};
