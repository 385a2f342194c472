import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/**
 * Stadsbank: its SCHULDHULPVERLENERs see the files; a KLANTMANAGER sees only that a case exists and its
 * phase, never amounts, creditors or notes.
 */
export const regels: Toegangsregels = {
  subgraph: 'schuldhulp',
  medewerkers: ['SCHULDHULPVERLENER'],
  ketenzicht: ['signaal'],
  partnerzicht: [],
};

/** The register of processing activities of Stadsbank Oost Nederland. */
export const ACTIVITEITEN = {
  schuldhulpverlening: {
    id: activiteitId('schuldhulp', 'schuldhulpverlening'),
    naam: 'Schuldhulpverlening',
    doel: 'Intake, stabilisatie, schuldregeling, budgetbeheer en nazorg',
    grondslag: 'Wet gemeentelijke schuldhulpverlening art. 3 en 5',
    bewaartermijn: '5 jaar na afsluiting (Wgs art. 5)',
  },
  vroegsignalering: {
    id: activiteitId('schuldhulp', 'vroegsignalering'),
    naam: 'Vroegsignalering van betalingsachterstanden',
    doel: 'Inwoners met achterstanden in huur, energie, zorgverzekering of water hulp aanbieden',
    grondslag: 'Wet gemeentelijke schuldhulpverlening art. 3a en 4a',
    bewaartermijn: '12 maanden na het signaal',
  },
  signaalEindeUitkering: {
    id: activiteitId('schuldhulp', 'signaal-einde-uitkering'),
    naam: 'Signaal: einde uitkering tijdens schuldhulp',
    doel: 'De schuldhulpverlener weet dat het inkomen van een inwoner in een lopend traject verandert',
    grondslag: 'Wet gemeentelijke schuldhulpverlening art. 3a en 5',
    bewaartermijn: '12 maanden na het signaal',
  },
  inzageLogboek: inzageLogboekActiviteit('schuldhulp'),
} satisfies Record<string, Verwerkingsactiviteit>;
