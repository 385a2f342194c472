import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('Werkgever', { description: 'An employer that offers vacancies and takes on candidates.' })
@Entity({ tableName: 'werkgever' })
export class Werkgever {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  naam!: string;

  @Field(() => String, { description: 'Number in the trade register of the Kamer van Koophandel.' })
  @Property({ type: 'string', columnType: 'char(8)' })
  kvkNummer!: string;

  /** CBS code of the municipality of the establishment. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  sector!: string;
}
