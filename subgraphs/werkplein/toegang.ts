import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/** Werkplein: its ADVISEURs WERK see their placements; the municipality sees those of its clients. */
export const regels: Toegangsregels = {
  subgraph: 'werkplein',
  medewerkers: ['ADVISEUR_WERK'],
  ketenzicht: ['keten', 'signaal'],
  partnerzicht: [],
};

/** The register of processing activities of the Werkplein. */
export const ACTIVITEITEN = {
  bemiddeling: {
    id: activiteitId('werkplein', 'bemiddeling'),
    naam: 'Bemiddeling en plaatsing bij werkgevers',
    doel: 'Kandidaten matchen met vacatures en plaatsingen begeleiden',
    grondslag: 'Participatiewet art. 7; Wet SUWI art. 9 en 10',
    bewaartermijn: '5 jaar na einde plaatsing',
  },
  inzageLogboek: inzageLogboekActiviteit('werkplein'),
} satisfies Record<string, Verwerkingsactiviteit>;
