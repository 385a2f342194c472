import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum VroegsignaalSoort {
  HUUR = 'HUUR',
  ENERGIE = 'ENERGIE',
  ZORGVERZEKERING = 'ZORGVERZEKERING',
  WATER = 'WATER',
}
registerEnumType(VroegsignaalSoort, {
  name: 'VroegsignaalSoort',
  description: 'The fixed cost in arrears: rent, energy, health insurance or water.',
});

@ObjectType('Vroegsignaal', {
  description: 'An early-warning signal (vroegsignalering): a creditor reports payment arrears.',
})
@Entity({ tableName: 'vroegsignaal' })
@Index({ properties: ['gemeente', 'datum'] })
export class Vroegsignaal {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** The resident's municipality on the day of the signal: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => VroegsignaalSoort)
  @Enum({ items: () => VroegsignaalSoort })
  soort!: VroegsignaalSoort;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  datum!: string;

  @Field(() => Int, { description: 'Arrears in euro cents.' })
  @Property({ type: 'integer' })
  bedragCenten!: number;
}
