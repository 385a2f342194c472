import type { SubgraphModule } from '../../platform/subgraph';
import { resolveCasusinzageReference } from '../../platform/casusinzage';
import { buildFederatedSchema } from '../../platform/federation';
import { resolveGemeenteRepresentation, resolveInwonerRepresentation } from '../../platform/federated-types';
import { Casusinzage } from './casusinzage/casusinzage.type';
import { CasusinzageResolver } from './casusinzage/casusinzage.resolver';
import { Gemeente } from './gemeente/gemeente.type';
import { Inwoner } from './inwoner/inwoner.type';
import { InwonerResolver } from './inwoner/inwoner.resolver';
import { logboek } from './logboek/logboek';
import { migrations } from './migrations';
import { GemeenteStatistiekResolver } from './statistiek/gemeente-statistiek.resolver';
import { regels } from './toegang';
import { Schuldhulptraject } from './schuldhulptraject/schuldhulptraject.entity';
import { SchuldhulptrajectResolver } from './schuldhulptraject/schuldhulptraject.resolver';
import { Vroegsignaal } from './vroegsignaal/vroegsignaal.entity';
import { inbox } from './signalen/inbox';
import { SIGNAALREGELS } from './signalen/regels';
import { VroegsignaalBeheerResolver } from './vroegsignaal/vroegsignaal-beheer.resolver';

/** Stadsbank Oost Nederland: debt-help cases and early-warning signals of payment arrears. */
export const schuldhulp: SubgraphModule = {
  name: 'schuldhulp',
  entities: [Schuldhulptraject, Vroegsignaal],
  migrations,
  regels,
  signaalregels: SIGNAALREGELS,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          InwonerResolver,
          SchuldhulptrajectResolver,
          GemeenteStatistiekResolver,
          ...logboek.resolvers,
          CasusinzageResolver,
          VroegsignaalBeheerResolver,
          ...inbox.resolvers,
        ],
        // No query returns these entities, so they are listed to reach the schema (and `_entities`).
        orphanedTypes: [Inwoner, Gemeente, Casusinzage, ...logboek.types, ...inbox.types],
      },
      {
        Inwoner: resolveInwonerRepresentation,
        Gemeente: resolveGemeenteRepresentation,
        Casusinzage: resolveCasusinzageReference,
        ...logboek.referenceResolvers,
        ...inbox.referenceResolvers,
      },
    ),
};
