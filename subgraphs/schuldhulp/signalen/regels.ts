import type { Signaalregel } from '../../../platform/signalen/regel';
import { runSql } from '../../../platform/sql';
import { ACTIVITEITEN } from '../toegang';

/** Signals the Stadsbank receives, decided on its own files. */
export const SIGNAALREGELS: Signaalregel[] = [
  {
    code: 'einde-uitkering-bij-schuldhulp',
    omschrijving: 'Er is een signaal van Werk en Inkomen over het inkomen van deze inwoner.',
    bron: 'werk-inkomen',
    soort: 'UITKERING_BEEINDIGD',
    ontvanger: 'schuldhulp',
    rollen: ['SCHULDHULPVERLENER'],
    activiteit: ACTIVITEITEN.signaalEindeUitkering,
    grondslagVervallenPer: null,
    // Only a running debt-help case makes the end of a benefit a signal.
    geldt: async (em, gebeurtenis) => {
      const rows = await runSql<{ gemeente: string }>(
        em,
        `select gemeente from schuldhulptraject
          where bsn = ? and fase <> 'AFGESLOTEN' and (afgesloten_op is null or afgesloten_op >= ?::date)
          order by aanmelddatum desc limit 1`,
        [gebeurtenis.bsn, gebeurtenis.datum],
      );
      return rows[0]?.gemeente ?? null;
    },
  },
];
