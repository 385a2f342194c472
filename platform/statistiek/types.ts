import { GraphQLSafeInt } from 'graphql-scalars';
import { Directive, Field, Float, Int, ObjectType } from 'type-graphql';

/** Returned by several subgraphs, hence shareable. */
@ObjectType('Aantal', {
  description:
    'A count. Counts from 1 to 4 are suppressed (waarde null, onderdrukt true) so that no resident can ' +
    'be singled out, and so is any count from which a suppressed one could be computed (docs/ACCESS.md, ' +
    'Statistics); 0 is shown.',
})
@Directive('@shareable')
export class Aantal {
  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed.' })
  waarde!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Aandeel', {
  description:
    'A ratio with the counts it is made of. Suppressed (ratio null) when teller or noemer is; ratio ' +
    'null without suppression when noemer is 0.',
})
@Directive('@shareable')
export class Aandeel {
  @Field(() => Aantal)
  teller!: Aantal;

  @Field(() => Aantal)
  noemer!: Aantal;

  @Field(() => Float, { nullable: true, description: 'teller / noemer, between 0 and 1, unrounded.' })
  ratio!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Gemiddelde', {
  description:
    'The mean of month-end counts. Suppressed when any month-end count it is made of is suppressed.',
})
@Directive('@shareable')
export class Gemiddelde {
  @Field(() => Float, { nullable: true, description: 'The mean, unrounded; null when suppressed.' })
  waarde!: number | null;

  @Field(() => Int, { description: 'Number of month-ends the mean is taken over.' })
  maanden!: number;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}

@ObjectType('Maandwaarde', { description: 'One month of a monthly series.' })
@Directive('@shareable')
export class Maandwaarde {
  @Field(() => String, { description: 'The calendar month, YYYY-MM.' })
  maand!: string;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('Bedrag', {
  description:
    'A sum of money. Shown only where at least 10 residents contribute and the two largest contributions ' +
    'leave at least 10% of the largest for the others (docs/ACCESS.md, Statistics).',
})
@Directive('@shareable')
export class Bedrag {
  @Field(() => GraphQLSafeInt, { nullable: true, description: 'Euro cents; null when suppressed.' })
  centen!: number | null;

  @Field(() => Boolean)
  onderdrukt!: boolean;
}
