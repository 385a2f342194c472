import type { SubgraphModule } from '../../platform/subgraph';
import { resolveCasusinzageReference } from '../../platform/casusinzage';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteRepresentation, resolveInwonerRepresentation } from '../../platform/federated-types';
import { Casusinzage } from './casusinzage/casusinzage.type';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import { Gemeente } from './gemeente/gemeente.type';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Inwoner } from './inwoner/inwoner.type';
import { logboek } from './logboek/logboek';
import { migrations } from './migrations';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { regels } from './toegang';
import { SwDienstverband } from './sw-dienstverband/sw-dienstverband.entity';
import { Traject } from './traject/traject.entity';
import { TrajectResolver } from './traject/traject.resolver';

/** SWB Midden Twente: re-integration trajectories and sheltered employment (Wsw, Nieuw beschut). */
export const swb: SubgraphModule = {
  name: 'swb',
  entities: [Traject, SwDienstverband],
  migrations,
  regels,
  buildSchema: () =>
    buildFederatedSchema(
      // No query returns the shared entities here (the gateway reaches them through `_entities`), and
      // type-graphql emits only types reachable from a query, so they are listed explicitly.
      {
        resolvers: [
          InwonerResolver,
          TrajectResolver,
          GemeenteStatistiekResolver,
          ...logboek.resolvers,
          CasusinzageResolver,
        ],
        orphanedTypes: [Inwoner, Gemeente, Casusinzage, ...logboek.types],
      },
      {
        Inwoner: resolveInwonerRepresentation,
        Gemeente: resolveGemeenteRepresentation,
        Casusinzage: resolveCasusinzageReference,
        ...logboek.referenceResolvers,
      },
    ),
};
