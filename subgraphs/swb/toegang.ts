import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/** SWB: its TRAJECTBEGELEIDERs see their files; the commissioning municipality sees the trajectories. */
export const regels: Toegangsregels = {
  subgraph: 'swb',
  medewerkers: ['TRAJECTBEGELEIDER'],
  ketenzicht: ['keten', 'signaal'],
  partnerzicht: [],
};

/** The register of processing activities of SWB Midden Twente. */
export const ACTIVITEITEN = {
  trajectbegeleiding: {
    id: activiteitId('swb', 'trajectbegeleiding'),
    naam: 'Re-integratietrajecten en begeleiding',
    doel: 'Uitvoeren van re-integratietrajecten in opdracht van de gemeente',
    grondslag: 'Participatiewet art. 7 en 10; opdracht van de gemeente',
    bewaartermijn: '7 jaar na afloop van het traject',
  },
  beschutWerk: {
    id: activiteitId('swb', 'beschut-werk'),
    naam: 'Wsw en Nieuw beschut werk',
    doel: 'Dienstverband en detachering in beschut werk',
    grondslag: 'Wet sociale werkvoorziening; Participatiewet art. 10b',
    bewaartermijn: '7 jaar na einde dienstverband',
  },
  inzageLogboek: inzageLogboekActiviteit('swb'),
} satisfies Record<string, Verwerkingsactiviteit>;
