import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { definePartner, LOGBOEK, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import * as gedeeld from './gedeeld';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Migration20261123181709 } from './migrations/Migration20261123181709';
import { Migration20261201090000 } from './migrations/Migration20261201090000';
import { Ontwikkeltraject } from './ontwikkeltraject/ontwikkeltraject.entity';
import { OntwikkeltrajectResolver } from './ontwikkeltraject/ontwikkeltraject.resolver';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { ACTIVITEITEN, regels } from './toegang';

/** Werkcentrum Twente: Leven Lang Ontwikkelen (career advice, training, leerwerktrajecten, job-to-job). */
export const werkcentrum = definePartner({
  name: 'werkcentrum',
  entities: [Ontwikkeltraject],
  migrations: [
    Migration20261123181709,
    LOGBOEK_MIGRATIES.logboek,
    Migration20261201090000,
    LOGBOEK_MIGRATIES.rapportage,
    LOGBOEK_MIGRATIES.casusoverleg,
    signalenMigration,
    LOGBOEK_MIGRATIES.gebruiktBewijs,
    onbestelbaarMigration,
  ],
  regels,
  register: ACTIVITEITEN,
  resolvers: [
    InwonerResolver,
    OntwikkeltrajectResolver,
    GemeenteStatistiekResolver,
    LOGBOEK,
    CasusinzageResolver,
  ],
  gedeeld,
});
