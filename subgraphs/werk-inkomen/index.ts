import type { SubgraphModule } from '../../platform/subgraph';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteReference } from './gemeente/gemeente.reference';
import { Begroting } from './begroting/begroting.entity';
import { GemeenteResolver } from './gemeente/gemeente.resolver';
import { Inburgering } from './inburgering/inburgering.entity';
import { Inwoner } from './inwoner/inwoner.entity';
import { resolveInwonerReference } from './inwoner/inwoner.reference';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Loonkostensubsidie } from './loonkostensubsidie/loonkostensubsidie.entity';
import { migrations } from './migrations';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { regels } from './toegang';
import { Uitkering } from './uitkering/uitkering.entity';

/** Werk en Inkomen (BHH and Enschede): residents, benefits, wage subsidies, civic integration. */
export const werkInkomen: SubgraphModule = {
  name: 'werk-inkomen',
  entities: [Inwoner, Uitkering, Loonkostensubsidie, Inburgering, Begroting],
  migrations,
  regels,
  buildSchema: () =>
    buildFederatedSchema(
      { resolvers: [InwonerResolver, GemeenteResolver, GemeenteStatistiekResolver] },
      { Inwoner: resolveInwonerReference, Gemeente: resolveGemeenteReference },
    ),
};
