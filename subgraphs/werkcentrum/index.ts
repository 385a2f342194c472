import type { SubgraphModule } from '../../platform/subgraph';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteReference } from './gemeente/gemeente.reference';
import { Gemeente } from './gemeente/gemeente.type';
import { resolveInwonerReference } from './inwoner/inwoner.reference';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { Inwoner } from './inwoner/inwoner.type';
import { migrations } from './migrations';
import { Ontwikkeltraject } from './ontwikkeltraject/ontwikkeltraject.entity';
import { OntwikkeltrajectResolver } from './ontwikkeltraject/ontwikkeltraject.resolver';

/** Werkcentrum Twente: Leven Lang Ontwikkelen (career advice, training, leerwerktrajecten, job-to-job). */
export const werkcentrum: SubgraphModule = {
  name: 'werkcentrum',
  entities: [Ontwikkeltraject],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      // No query returns the shared entities here (the gateway reaches them through `_entities`), and
      // type-graphql emits only types reachable from a query, so they are listed explicitly.
      { resolvers: [InwonerResolver, OntwikkeltrajectResolver], orphanedTypes: [Inwoner, Gemeente] },
      { Inwoner: resolveInwonerReference, Gemeente: resolveGemeenteReference },
    ),
};
