import { Field, ObjectType } from 'type-graphql';
import { Aandeel, Aantal } from '../../../platform/statistiek/types';
import { TrajectResultaat } from '../traject/traject.entity';

@ObjectType('TrajectResultaatAantal', { description: 'Trajectories ended in the period with one result.' })
export class TrajectResultaatAantal {
  @Field(() => TrajectResultaat)
  resultaat!: TrajectResultaat;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('SwbStatistiek', {
  description:
    'Re-integration trajectories and sheltered employment at SWB over a period. Something runs on a ' +
    'day when it started on or before it and has not ended before it.',
})
export class SwbStatistiek {
  @Field(() => Aantal, { description: 'Trajectories that started in the period.' })
  trajectenGestart!: Aantal;

  @Field(() => Aantal, { description: 'Trajectories running on the last day of the period.' })
  trajectenLopendOpEinddatum!: Aantal;

  @Field(() => Aantal, { description: 'Trajectories that ended in the period.' })
  trajectenBeeindigd!: Aantal;

  @Field(() => [TrajectResultaatAantal], {
    description:
      'Trajectories ended in the period per result, every result, 0 included; per quarter and year, a month ' +
      'shows none.',
  })
  beeindigdPerResultaat!: TrajectResultaatAantal[];

  @Field(() => Aandeel, {
    description: 'Trajectories ended in the period with result BETAALD_WERK, as a share of all ended.',
  })
  aandeelBetaaldWerk!: Aandeel;

  @Field(() => Aantal, { description: 'Sheltered employments (Wsw, Nieuw beschut) running on the last day.' })
  swDienstverbandenOpEinddatum!: Aantal;

  @Field(() => Aantal, { description: 'Of those, seconded to a regular employer (detachering).' })
  gedetacheerdOpEinddatum!: Aantal;
}
