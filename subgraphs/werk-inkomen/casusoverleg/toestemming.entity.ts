import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';
import { Casusoverleg } from './casusoverleg.entity';

export enum Toestemmingswijze {
  MONDELING = 'MONDELING',
  SCHRIFTELIJK = 'SCHRIFTELIJK',
  DIGITAAL = 'DIGITAAL',
}
registerEnumType(Toestemmingswijze, { name: 'Toestemmingswijze', description: 'How consent was given.' });

@ObjectType('Toestemming', {
  description:
    'The resident’s consent to a case conference: when and how it was given, its scope and expiry, who ' +
    'recorded it, and its withdrawal. The most recently recorded consent governs; earlier ones are history.',
})
@Entity({ tableName: 'toestemming' })
export class Toestemming {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @ManyToOne(() => Casusoverleg, { fieldName: 'casusoverleg_id', mapToPk: true })
  casusoverlegId!: number;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  gegevenOp!: string;

  @Field(() => DateScalar, { description: 'Last day on which the consent holds.' })
  @Property({ type: 'date' })
  verlooptOp!: string;

  @Field(() => [String], { description: 'The partners (subgraph names) that share under this consent.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  partners!: string[];

  @Field(() => Toestemmingswijze)
  @Enum({ items: () => Toestemmingswijze })
  wijze!: Toestemmingswijze;

  @Field(() => String, { description: 'Employee id of who recorded it.' })
  @Property({ type: 'text' })
  vastgelegdDoor!: string;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  vastgelegdOp!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null unless withdrawn.' })
  @Property({ type: 'datetime', nullable: true })
  ingetrokkenOp: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Employee id of who recorded the withdrawal.' })
  @Property({ type: 'text', nullable: true })
  ingetrokkenDoor: string | null = null;
}
