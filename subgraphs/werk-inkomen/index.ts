import type { SubgraphModule } from '../../platform/subgraph';
import { resolveCasusinzageReference } from '../../platform/casusinzage';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteReference } from './gemeente/gemeente.reference';
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
import { GemeenteResolver } from './gemeente/gemeente.resolver';
import { Inburgering } from './inburgering/inburgering.entity';
import { Inwoner } from './inwoner/inwoner.entity';
import { resolveInwonerReference } from './inwoner/inwoner.reference';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { logboek } from './logboek/logboek';
import { Loonkostensubsidie } from './loonkostensubsidie/loonkostensubsidie.entity';
import { migrations } from './migrations';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { regels } from './toegang';
import { Uitkering } from './uitkering/uitkering.entity';
import { inbox } from './signalen/inbox';
import { SIGNAALREGELS } from './signalen/regels';
import { UitkeringBeheerResolver } from './uitkering/uitkering-beheer.resolver';

/** Werk en Inkomen (BHH and Enschede): residents, benefits, wage subsidies, civic integration. */
export const werkInkomen: SubgraphModule = {
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
  migrations,
  regels,
  signaalregels: SIGNAALREGELS,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          InwonerResolver,
          GemeenteResolver,
          GemeenteStatistiekResolver,
          ...logboek.resolvers,
          CasusoverlegResolver,
          CasusoverlegBeheerResolver,
          GrondslagResolver,
          CasusinzageResolver,
          UitkeringBeheerResolver,
          ...inbox.resolvers,
        ],
      },
      {
        Inwoner: resolveInwonerReference,
        Gemeente: resolveGemeenteReference,
        Casusinzage: resolveCasusinzageReference,
        ...logboek.referenceResolvers,
        ...inbox.referenceResolvers,
      },
    ),
};
