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
import { Plaatsing } from './plaatsing/plaatsing.entity';
import { PlaatsingResolver } from './plaatsing/plaatsing.resolver';
import { Vacature } from './vacature/vacature.entity';
import { VacatureResolver } from './vacature/vacature.resolver';
import { Werkgever } from './werkgever/werkgever.entity';
import { WerkgeverResolver } from './werkgever/werkgever.resolver';
import { PlaatsingBeheerResolver } from './plaatsing/plaatsing-beheer.resolver';

/** Werkplein Midden Twente and Werkplein Twente: employers, vacancies and placements. */
export const werkplein: SubgraphModule = {
  name: 'werkplein',
  entities: [Werkgever, Vacature, Plaatsing],
  migrations,
  regels,
  buildSchema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          InwonerResolver,
          PlaatsingResolver,
          VacatureResolver,
          WerkgeverResolver,
          GemeenteStatistiekResolver,
          ...logboek.resolvers,
          CasusinzageResolver,
          PlaatsingBeheerResolver,
        ],
        // No query returns these entities, so they are listed to reach the schema (and `_entities`).
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
