import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { definePartner, LOGBOEK, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import * as gedeeld from './gedeeld';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Migration20261123181708 } from './migrations/Migration20261123181708';
import { Migration20261201090000 } from './migrations/Migration20261201090000';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { ACTIVITEITEN, regels } from './toegang';
import { SwDienstverband } from './sw-dienstverband/sw-dienstverband.entity';
import { Traject } from './traject/traject.entity';
import { TrajectResolver } from './traject/traject.resolver';

/** SWB Midden Twente: re-integration trajectories and sheltered employment (Wsw, Nieuw beschut). */
export const swb = definePartner({
  name: 'swb',
  entities: [Traject, SwDienstverband],
  migrations: [
    Migration20261123181708,
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
  resolvers: [InwonerResolver, TrajectResolver, GemeenteStatistiekResolver, LOGBOEK, CasusinzageResolver],
  gedeeld,
});
