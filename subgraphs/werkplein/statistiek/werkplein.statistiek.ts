import { Field, ObjectType } from 'type-graphql';
import { Aantal } from '../../../platform/statistiek/types';
import { PlaatsingSoort } from '../plaatsing/plaatsing.entity';

@ObjectType('PlaatsingSoortAantal', { description: 'Placements started in the period of one kind.' })
export class PlaatsingSoortAantal {
  @Field(() => PlaatsingSoort)
  soort!: PlaatsingSoort;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('WerkpleinStatistiek', {
  description:
    'Placements and vacancies at the Werkplein over a period. A placement runs on a day when it started ' +
    'on or before it and has not ended before it.',
})
export class WerkpleinStatistiek {
  @Field(() => Aantal, { description: 'Placements that started in the period.' })
  plaatsingenGestart!: Aantal;

  @Field(() => [PlaatsingSoortAantal], {
    description:
      'Started placements per kind, every kind, 0 included; per quarter and year, a month shows none.',
  })
  plaatsingenPerSoort!: PlaatsingSoortAantal[];

  @Field(() => Aantal, {
    description:
      'Started placements for which the employer receives LKS; per quarter and year, a month shows none.',
  })
  plaatsingenMetLks!: Aantal;

  @Field(() => Aantal, { description: 'Placements running on the last day of the period.' })
  lopendOpEinddatum!: Aantal;

  @Field(() => Aantal, { description: 'Vacancies opened in the period for work in the gemeente.' })
  vacaturesGeopend!: Aantal;
}
