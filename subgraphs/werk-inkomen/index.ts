import { onbestelbaarMigration } from '../../platform/signalen/onbestelbaar.migration';
import { signalenMigration } from '../../platform/signalen/signalen.migration';
import { definePartner, LOGBOEK, LOGBOEK_MIGRATIES } from '../../platform/partner';
import { Begroting } from './begroting/begroting.entity';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import { Actie } from './casusoverleg/actie.entity';
import { Agendapunt } from './casusoverleg/agendapunt.entity';
import { CasusDeelnemer } from './casusoverleg/casus-deelnemer.entity';
import { CasusoverlegBeheerResolver } from './casusoverleg/casusoverleg-beheer.resolver';
import { Casusoverleg } from './casusoverleg/casusoverleg.entity';
import { CasusoverlegResolver } from './casusoverleg/casusoverleg.resolver';
import { GrondslagResolver } from './casusoverleg/grondslag.resolver';
import { Toestemming } from './casusoverleg/toestemming.entity';
import { resolveGemeenteReference } from './gemeente/gemeente.reference';
import { GemeenteResolver } from './gemeente/gemeente.resolver';
import { Inburgering } from './inburgering/inburgering.entity';
import { Inwoner } from './inwoner/inwoner.entity';
import { resolveInwonerReference } from './inwoner/inwoner.reference';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Loonkostensubsidie } from './loonkostensubsidie/loonkostensubsidie.entity';
import { Migration20261123181511 } from './migrations/Migration20261123181511';
import { Migration20261123183634 } from './migrations/Migration20261123183634';
import { Migration20261201040215 } from './migrations/Migration20261201040215';
import { Migration20261201090000 } from './migrations/Migration20261201090000';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { ACTIVITEITEN, regels } from './toegang';
import { Uitkering } from './uitkering/uitkering.entity';
import { inbox } from './signalen/inbox';
import { SIGNAALREGELS } from './signalen/regels';
import { UitkeringBeheerResolver } from './uitkering/uitkering-beheer.resolver';

/** Werk en Inkomen (BHH and Enschede): residents, benefits, wage subsidies, civic integration. */
export const werkInkomen = definePartner({
  name: 'werk-inkomen',
  entities: [
    Inwoner,
    Uitkering,
    Loonkostensubsidie,
    Inburgering,
    Begroting,
    Casusoverleg,
    CasusDeelnemer,
    Toestemming,
    Agendapunt,
    Actie,
  ],
  migrations: [
    Migration20261123181511,
    LOGBOEK_MIGRATIES.logboek,
    Migration20261123183634,
    Migration20261201040215,
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
    GemeenteResolver,
    GemeenteStatistiekResolver,
    LOGBOEK,
    CasusoverlegResolver,
    CasusoverlegBeheerResolver,
    GrondslagResolver,
    CasusinzageResolver,
    UitkeringBeheerResolver,
    ...inbox.resolvers,
  ],
  // Werk en Inkomen owns residents and municipalities, and serves the log's entry queries.
  referenceResolvers: {
    Inwoner: resolveInwonerReference,
    Gemeente: resolveGemeenteReference,
    ...inbox.referenceResolvers,
  },
  logboekIngang: true,
});
