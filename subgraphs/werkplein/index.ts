import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { definePartner, LOGBOEK, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import * as gedeeld from './gedeeld';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Migration20261123181814 } from './migrations/Migration20261123181814';
import { Migration20261201090000 } from './migrations/Migration20261201090000';
import { Plaatsing } from './plaatsing/plaatsing.entity';
import { PlaatsingResolver } from './plaatsing/plaatsing.resolver';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { ACTIVITEITEN, regels } from './toegang';
import { Vacature } from './vacature/vacature.entity';
import { VacatureResolver } from './vacature/vacature.resolver';
import { Werkgever } from './werkgever/werkgever.entity';
import { WerkgeverResolver } from './werkgever/werkgever.resolver';
import { PlaatsingBeheerResolver } from './plaatsing/plaatsing-beheer.resolver';

/** Werkplein Midden Twente and Werkplein Twente: employers, vacancies and placements. */
export const werkplein = definePartner({
  name: 'werkplein',
  entities: [Werkgever, Vacature, Plaatsing],
  migrations: [
    Migration20261123181814,
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
    PlaatsingResolver,
    VacatureResolver,
    WerkgeverResolver,
    GemeenteStatistiekResolver,
    LOGBOEK,
    CasusinzageResolver,
    PlaatsingBeheerResolver,
  ],
  gedeeld,
});
