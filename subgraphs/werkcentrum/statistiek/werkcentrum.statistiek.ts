import { Field, ObjectType } from 'type-graphql';
import { Aantal, Bedrag } from '../../../platform/statistiek/types';
import { OntwikkeltrajectSoort } from '../ontwikkeltraject/ontwikkeltraject.entity';

@ObjectType('OntwikkeltrajectSoortAantal', { description: 'Trajectories started in the period of one kind.' })
export class OntwikkeltrajectSoortAantal {
  @Field(() => OntwikkeltrajectSoort)
  soort!: OntwikkeltrajectSoort;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('WerkcentrumStatistiek', {
  description:
    'Leven Lang Ontwikkelen trajectories at Werkcentrum Twente over a period. A trajectory runs on a day ' +
    'when it started on or before it and has not ended before it.',
})
export class WerkcentrumStatistiek {
  @Field(() => Aantal, { description: 'Trajectories that started in the period.' })
  gestart!: Aantal;

  @Field(() => [OntwikkeltrajectSoortAantal], {
    description:
      'Started trajectories per kind, every kind, 0 included; per quarter and year, a month shows none.',
  })
  gestartPerSoort!: OntwikkeltrajectSoortAantal[];

  @Field(() => Aantal, { description: 'Trajectories running on the last day of the period.' })
  lopendOpEinddatum!: Aantal;

  @Field(() => Bedrag, {
    description:
      'Development budget granted to the trajectories started in the period; shown where at least 10 ' +
      'residents received one and none dominates, for the months, the quarters or the year of a year as a ' +
      'whole (see Bedrag).',
  })
  budgetGestartCenten!: Bedrag;
}
