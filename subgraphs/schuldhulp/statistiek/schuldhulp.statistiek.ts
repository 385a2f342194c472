import { Field, ObjectType } from 'type-graphql';
import { Aandeel, Aantal } from '../../../platform/statistiek/types';
import { SchuldhulpBron, SchuldhulpFase } from '../schuldhulptraject/schuldhulptraject.entity';
import { VroegsignaalSoort } from '../vroegsignaal/vroegsignaal.entity';

@ObjectType('SchuldhulpBronAantal', { description: 'Registrations in the period from one source.' })
export class SchuldhulpBronAantal {
  @Field(() => SchuldhulpBron)
  bron!: SchuldhulpBron;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('SchuldhulpFaseAantal', {
  description: 'Cases running on the last day of the period in one phase.',
})
export class SchuldhulpFaseAantal {
  @Field(() => SchuldhulpFase)
  fase!: SchuldhulpFase;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('VroegsignaalSoortAantal', { description: 'Early-warning signals in the period of one kind.' })
export class VroegsignaalSoortAantal {
  @Field(() => VroegsignaalSoort)
  soort!: VroegsignaalSoort;

  @Field(() => Aantal)
  aantal!: Aantal;
}

@ObjectType('SchuldhulpStatistiek', {
  description:
    'Debt help at the Stadsbank over a period. A case runs on a day when it was registered on or before ' +
    'it and was not closed before it.',
})
export class SchuldhulpStatistiek {
  @Field(() => Aantal, { description: 'Cases registered in the period (aanmeldingen).' })
  aanmeldingen!: Aantal;

  @Field(() => [SchuldhulpBronAantal], {
    description:
      'Registrations per source, every source, 0 included; per quarter and year, a month shows none.',
  })
  aanmeldingenPerBron!: SchuldhulpBronAantal[];

  @Field(() => Aandeel, {
    description: 'Registrations referred by BudgetAlert as a share of all registrations.',
  })
  aandeelBudgetAlert!: Aandeel;

  @Field(() => Aantal, { description: 'Cases running on the last day of the period.' })
  lopendOpEinddatum!: Aantal;

  @Field(() => [SchuldhulpFaseAantal], {
    description:
      'Cases running on the last day per phase, every phase, 0 included. The phase is the current one (no ' +
      'history is kept), so for a past date a case closed since counts under AFGESLOTEN.',
  })
  lopendPerFase!: SchuldhulpFaseAantal[];

  @Field(() => Aantal, { description: 'Running cases on the last day with budgetbeheer by the Stadsbank.' })
  budgetbeheerOpEinddatum!: Aantal;

  @Field(() => Aantal, { description: 'Early-warning signals received in the period.' })
  vroegsignalen!: Aantal;

  @Field(() => [VroegsignaalSoortAantal], {
    description: 'Signals per kind, every kind, 0 included; per quarter and year, a month shows none.',
  })
  vroegsignalenPerSoort!: VroegsignaalSoortAantal[];
}
