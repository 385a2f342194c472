import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { definePartner, LOGBOEK, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import * as gedeeld from './gedeeld';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Migration20261123181804 } from './migrations/Migration20261123181804';
import { Migration20261201090000 } from './migrations/Migration20261201090000';
import { Schuldhulptraject } from './schuldhulptraject/schuldhulptraject.entity';
import { SchuldhulptrajectResolver } from './schuldhulptraject/schuldhulptraject.resolver';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { ACTIVITEITEN, regels } from './toegang';
import { Vroegsignaal } from './vroegsignaal/vroegsignaal.entity';
import { inbox } from './signalen/inbox';
import { SIGNAALREGELS } from './signalen/regels';
import { VroegsignaalBeheerResolver } from './vroegsignaal/vroegsignaal-beheer.resolver';

/** Stadsbank Oost Nederland: debt-help cases and early-warning signals of payment arrears. */
export const schuldhulp = definePartner({
  name: 'schuldhulp',
  entities: [Schuldhulptraject, Vroegsignaal],
  migrations: [
    Migration20261123181804,
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
  signaalregels: SIGNAALREGELS,
  resolvers: [
    InwonerResolver,
    SchuldhulptrajectResolver,
    GemeenteStatistiekResolver,
    LOGBOEK,
    CasusinzageResolver,
    VroegsignaalBeheerResolver,
    ...inbox.resolvers,
  ],
  gedeeld,
  orphanedTypes: inbox.types,
  referenceResolvers: inbox.referenceResolvers,
});
