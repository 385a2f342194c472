import { Field, ObjectType } from 'type-graphql';
import { Aantal, Maandwaarde } from '../../../platform/statistiek/types';

@ObjectType('LoonkostensubsidieStatistiek', {
  description:
    'Wage subsidies (LKS) of a gemeente over a period. A contract runs on a day when it started on or ' +
    'before it and has not ended before it.',
})
export class LoonkostensubsidieStatistiek {
  @Field(() => Aantal, {
    description: 'Persons with an LKS contract running on the last day of the period, each counted once.',
  })
  personenOpEinddatum!: Aantal;

  @Field(() => [Maandwaarde], {
    description: 'Persons with a running LKS contract on the last day of every month of the period.',
  })
  personenPerMaandeinde!: Maandwaarde[];

  @Field(() => Aantal, { description: 'Contracts running on the first day of the period.' })
  lopendOpBegindatum!: Aantal;

  @Field(() => Aantal, { description: 'Contracts that started in the period.' })
  gestart!: Aantal;

  @Field(() => Aantal, { description: 'Contracts that ended in the period.' })
  beeindigd!: Aantal;
}
