import type { SubgraphModule } from '../../platform/subgraph';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteRepresentation, resolveInwonerRepresentation } from '../../platform/federated-types';
import { Gemeente } from './gemeente/gemeente.type';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Inwoner } from './inwoner/inwoner.type';
import { migrations } from './migrations';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { regels } from './toegang';
import { Ontwikkeltraject } from './ontwikkeltraject/ontwikkeltraject.entity';
import { OntwikkeltrajectResolver } from './ontwikkeltraject/ontwikkeltraject.resolver';

/** Werkcentrum Twente: Leven Lang Ontwikkelen (career advice, training, leerwerktrajecten, job-to-job). */
export const werkcentrum: SubgraphModule = {
  name: 'werkcentrum',
  entities: [Ontwikkeltraject],
  migrations,
  regels,
  buildSchema: () =>
    buildFederatedSchema(
      // No query returns the shared entities here (the gateway reaches them through `_entities`), and
      // type-graphql emits only types reachable from a query, so they are listed explicitly.
      {
        resolvers: [InwonerResolver, OntwikkeltrajectResolver, GemeenteStatistiekResolver],
        orphanedTypes: [Inwoner, Gemeente],
      },
      { Inwoner: resolveInwonerRepresentation, Gemeente: resolveGemeenteRepresentation },
    ),
};
