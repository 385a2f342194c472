import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Casusoverleg } from './casusoverleg.entity';

@ObjectType('Agendapunt', { description: 'An item on the agenda of a case conference.' })
@Entity({ tableName: 'agendapunt' })
@Unique({ properties: ['casusoverlegId', 'volgorde'] })
export class Agendapunt {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Casusoverleg, { fieldName: 'casusoverleg_id', mapToPk: true })
  casusoverlegId!: number;

  @Field(() => Int, { description: 'Position on the agenda, from 1.' })
  @Property({ type: 'smallint' })
  volgorde!: number;

  @Field(() => String)
  @Property({ type: 'text' })
  onderwerp!: string;
}
