import type { EntityManager } from '@mikro-orm/postgresql';
import type { Gebeurtenis } from '../../../platform/signalen/gebeurtenis';
import type { Signaalregel } from '../../../platform/signalen/regel';
import { runSql } from '../../../platform/sql';
import { ACTIVITEITEN } from '../toegang';

/** The gemeente of the resident's benefit running on the event's day, or null. */
async function lopendeUitkering(em: EntityManager, gebeurtenis: Gebeurtenis): Promise<string | null> {
  const rows = await runSql<{ gemeente: string }>(
    em,
    `select gemeente from uitkering
      where bsn = ? and ingangsdatum <= ?::date and (einddatum is null or einddatum >= ?::date)
      order by ingangsdatum desc limit 1`,
    [gebeurtenis.bsn, gebeurtenis.datum, gebeurtenis.datum],
  );
  return rows[0]?.gemeente ?? null;
}

/**
 * Whether the resident's consent, recorded in a case conference, covers the Stadsbank today: given,
 * not expired, not withdrawn. A withdrawal stops the next signal at once.
 */
async function toestemmingVoorSchuldhulp(em: EntityManager, bsn: string): Promise<boolean> {
  const rows = await runSql<{ n: number }>(
    em,
    `select 1 as n from toestemming t join casusoverleg c on c.id = t.casusoverleg_id
      where c.bsn = ? and 'schuldhulp' = any(t.partners) and t.ingetrokken_op is null
        and t.gegeven_op <= current_date and t.verloopt_op >= current_date
      limit 1`,
    [bsn],
  );
  return rows.length > 0;
}

/** Signals Werk en Inkomen receives, decided on its own files. */
export const SIGNAALREGELS: Signaalregel[] = [
  {
    code: 'plaatsing-bij-uitkering',
    omschrijving: 'Er is een signaal van het Werkplein over deze inwoner met een uitkering.',
    bron: 'werkplein',
    soort: 'PLAATSING_GESTART',
    ontvanger: 'werk-inkomen',
    rollen: ['KLANTMANAGER'],
    activiteit: ACTIVITEITEN.signaalPlaatsing,
    grondslagVervallenPer: null,
    geldt: lopendeUitkering,
  },
  {
    code: 'vroegsignaal-bij-uitkering',
    omschrijving: 'Er is een signaal van de Stadsbank over deze inwoner met een uitkering.',
    bron: 'schuldhulp',
    soort: 'VROEGSIGNAAL_ONTVANGEN',
    ontvanger: 'werk-inkomen',
    rollen: ['KLANTMANAGER'],
    activiteit: ACTIVITEITEN.signaalSchuldhulp,
    grondslagVervallenPer: null,
    geldt: async (em, gebeurtenis) =>
      (await toestemmingVoorSchuldhulp(em, gebeurtenis.bsn)) ? lopendeUitkering(em, gebeurtenis) : null,
  },
];
