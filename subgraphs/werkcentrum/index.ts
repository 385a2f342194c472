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
        resolvers: [
          InwonerResolver,
          OntwikkeltrajectResolver,
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
