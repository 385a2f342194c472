import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/** Werkcentrum Twente: its LOOPBAANADVISEURs see their files; the municipality those of its clients. */
export const regels: Toegangsregels = {
  subgraph: 'werkcentrum',
  medewerkers: ['LOOPBAANADVISEUR'],
  ketenzicht: ['keten', 'signaal'],
  partnerzicht: [],
};

/** The register of processing activities of Werkcentrum Twente. */
export const ACTIVITEITEN = {
  levenLangOntwikkelen: {
    id: activiteitId('werkcentrum', 'leven-lang-ontwikkelen'),
    naam: 'Loopbaanadvies, scholing en van-werk-naar-werk',
    doel: 'Begeleiden van ontwikkeltrajecten en beheren van ontwikkelbudgetten',
    grondslag: 'Regionale samenwerkingsafspraken arbeidsmarktregio Twente; toestemming deelnemer',
    bewaartermijn: '5 jaar na afloop van het traject',
  },
  inzageLogboek: inzageLogboekActiviteit('werkcentrum'),
} satisfies Record<string, Verwerkingsactiviteit>;
