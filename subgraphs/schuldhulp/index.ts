import type { SubgraphModule } from '../../platform/subgraph';
import { buildFederatedSchema } from '../../platform/federation';
import { Gemeente } from './gemeente/gemeente.type';
import { resolveGemeenteReference } from './gemeente/gemeente.reference';
import { Inwoner } from './inwoner/inwoner.type';
import { resolveInwonerReference } from './inwoner/inwoner.reference';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { migrations } from './migrations';
import { Schuldhulptraject } from './schuldhulptraject/schuldhulptraject.entity';
import { SchuldhulptrajectResolver } from './schuldhulptraject/schuldhulptraject.resolver';
import { Vroegsignaal } from './vroegsignaal/vroegsignaal.entity';

/** Stadsbank Oost Nederland: debt-help cases and early-warning signals of payment arrears. */
export const schuldhulp: SubgraphModule = {
  name: 'schuldhulp',
  entities: [Schuldhulptraject, Vroegsignaal],
  migrations,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [InwonerResolver, SchuldhulptrajectResolver],
        // No query returns these entities, so they are listed to reach the schema (and `_entities`).
        orphanedTypes: [Inwoner, Gemeente],
      },
      { Inwoner: resolveInwonerReference, Gemeente: resolveGemeenteReference },
    ),
};
