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
  ],
  regels,
  register: ACTIVITEITEN,
  resolvers: [
    InwonerResolver,
    SchuldhulptrajectResolver,
    GemeenteStatistiekResolver,
    LOGBOEK,
    CasusinzageResolver,
  ],
  gedeeld,
});
