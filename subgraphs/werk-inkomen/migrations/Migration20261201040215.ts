import { Migration } from '@mikro-orm/migrations';

/**
 * Case conferences on a sound legal basis: each participant's case role, and for consent its evidence
 * and the organisations of who recorded and withdrew it. Existing rows get what the old rules imply:
 * the role of the participant's organisation, and the regie organisation as recorder (only its
 * KLANTMANAGERs could record consent). Their evidence stays unknown (null), so they open nothing until
 * a participant records consent anew.
 */
export class Migration20261201040215 extends Migration {
  override up(): void {
    this.addSql(`alter table "casus_deelnemer" add column "rol" text null;`);
    this.addSql(
      `update "casus_deelnemer" set "rol" = case "organisatie" when 'swb' then 'TRAJECTBEGELEIDER' when 'werkplein' then 'ADVISEUR_WERK' when 'stadsbank' then 'SCHULDHULPVERLENER' when 'werkcentrum' then 'LOOPBAANADVISEUR' else 'KLANTMANAGER' end;`,
    );
    this.addSql(`alter table "casus_deelnemer" alter column "rol" set not null;`);

    this.addSql(
      `alter table "toestemming" add column "bewijs" text null, add column "vastgelegd_door_organisatie" text null, add column "ingetrokken_door_organisatie" text null;`,
    );
    this.addSql(
      `update "toestemming" t set "vastgelegd_door_organisatie" = c."organisatie" from "casusoverleg" c where c."id" = t."casusoverleg_id";`,
    );
    this.addSql(`alter table "toestemming" alter column "vastgelegd_door_organisatie" set not null;`);
    // A withdrawal was recorded by a participant or by a KLANTMANAGER of the regie organisation.
    this.addSql(
      `update "toestemming" t set "ingetrokken_door_organisatie" = coalesce((select d."organisatie" from "casus_deelnemer" d where d."casusoverleg_id" = t."casusoverleg_id" and d."medewerker" = t."ingetrokken_door" order by d."organisatie" = c."organisatie" desc limit 1), c."organisatie") from "casusoverleg" c where c."id" = t."casusoverleg_id" and t."ingetrokken_door" is not null;`,
    );
  }

  override down(): void {
    this.addSql(
      `alter table "toestemming" drop column "bewijs", drop column "vastgelegd_door_organisatie", drop column "ingetrokken_door_organisatie";`,
    );
    this.addSql(`alter table "casus_deelnemer" drop column "rol";`);
  }
}
