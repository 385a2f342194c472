import { Field, Int, ObjectType } from 'type-graphql';
import { Aandeel, Aantal, Gemiddelde, Maandwaarde } from '../../../platform/statistiek/types';
import { Uitstroomreden } from '../uitkering/uitkering.entity';

@ObjectType('UitstroomredenAantal', { description: 'Benefits ended in the period for one reason.' })
export class UitstroomredenAantal {
  @Field(() => Uitstroomreden)
  reden!: Uitstroomreden;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('BijstandStatistiek', {
  description:
    'Benefits of a gemeente over a period: Participatiewet, IOAW and IOAZ (Bbz is never counted). A ' +
    'benefit runs on a day when it started on or before it and has not ended before it.',
})
export class BijstandStatistiek {
  @Field(() => Aantal, { description: 'Benefits running on the last day of the period (bestand).' })
  lopendOpEinddatum!: Aantal;

  @Field(() => [Maandwaarde], {
    description: 'Benefits running on the last day of every month of the period.',
  })
  lopendPerMaandeinde!: Maandwaarde[];

  @Field(() => Gemiddelde, { description: 'Mean of `lopendPerMaandeinde` (gemiddeld bestand).' })
  gemiddeldBestand!: Gemiddelde;

  @Field(() => Aantal, { description: 'Benefits that started in the period.' })
  instroom!: Aantal;

  @Field(() => [Maandwaarde], {
    description: 'Instroom per month of the period.',
  })
  instroomPerMaand!: Maandwaarde[];

  @Field(() => Aantal, { description: 'Benefits that ended in the period.' })
  uitstroom!: Aantal;

  @Field(() => [Maandwaarde], {
    description: 'Uitstroom per month of the period.',
  })
  uitstroomPerMaand!: Maandwaarde[];

  @Field(() => Aantal, { description: 'Uitstroom because of work (reason WERK).' })
  uitstroomNaarWerk!: Aantal;

  @Field(() => Aantal, {
    description: 'Uitstroom for any other reason (or none recorded): uitstroom minus uitstroomNaarWerk.',
  })
  uitstroomOverig!: Aantal;

  @Field(() => [UitstroomredenAantal], {
    description: 'Uitstroom per reason, every reason, 0 included; per quarter and year, a month shows none.',
  })
  uitstroomPerReden!: UitstroomredenAantal[];

  @Field(() => Aandeel, { description: 'uitstroomNaarWerk as a share of uitstroom.' })
  aandeelUitstroomNaarWerk!: Aandeel;

  @Field(() => Aantal, { description: 'Benefits running on the last day of the period of statushouders.' })
  statushoudersOpEinddatum!: Aantal;

  @Field(() => Int, {
    nullable: true,
    description:
      'Budgeted number of running benefits (begroting) for the year of the period; null when no budget is ' +
      'recorded. A planning figure about no one, so never suppressed.',
  })
  begroot!: number | null;
}
