import { Field, ObjectType } from 'type-graphql';
import { Aantal } from '../../../platform/statistiek/types';
import { Leerroute } from '../inburgering/inburgering.entity';

@ObjectType('LeerrouteAantal', { description: 'Civic integrations started in the period on one route.' })
export class LeerrouteAantal {
  @Field(() => Leerroute)
  leerroute!: Leerroute;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('InburgeringStatistiek', { description: 'Civic integration of statushouders over a period.' })
export class InburgeringStatistiek {
  @Field(() => Aantal, { description: 'Civic integrations that started in the period.' })
  gestart!: Aantal;

  @Field(() => [LeerrouteAantal], {
    description:
      'Started per learning route, every route, 0 included; per quarter and year, a month shows none.',
  })
  gestartPerLeerroute!: LeerrouteAantal[];

  @Field(() => Aantal, { description: 'Civic integrations running on the last day of the period.' })
  lopendOpEinddatum!: Aantal;
}
