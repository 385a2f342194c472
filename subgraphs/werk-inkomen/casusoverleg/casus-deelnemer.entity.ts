import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { Casusoverleg } from './casusoverleg.entity';

@ObjectType('CasusDeelnemer', {
  description: 'An employee of a chain partner who takes part in a conference.',
})
@Entity({ tableName: 'casus_deelnemer' })
@Unique({ properties: ['casusoverlegId', 'medewerker', 'organisatie'] })
export class CasusDeelnemer {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The plain id, so loaders batch on it; the unique index serves lookups by conference. */
  @ManyToOne(() => Casusoverleg, { fieldName: 'casusoverleg_id', mapToPk: true })
  casusoverlegId!: number;

  @Field(() => String, { description: 'Employee id (the `sub` of the employee’s token).' })
  @Property({ type: 'text' })
  medewerker!: string;

  @Field(() => String, { description: 'The employee’s organisation, e.g. swb.' })
  @Property({ type: 'text' })
  organisatie!: string;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  toegevoegdOp!: Date;
}
