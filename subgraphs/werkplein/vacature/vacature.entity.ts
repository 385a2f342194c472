import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';
import { Werkgever } from '../werkgever/werkgever.entity';

@ObjectType('Vacature', { description: 'A vacancy of an employer.' })
@Entity({ tableName: 'vacature' })
@Index({ properties: ['gemeente', 'geopend'] })
export class Vacature {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /**
   * The plain id, so loaders batch on it (the GraphQL field `werkgever` loads the row); indexed because
   * `Werkgever.vacatures` looks vacancies up by it.
   */
  @Index()
  @ManyToOne(() => Werkgever, { fieldName: 'werkgever_id', mapToPk: true })
  werkgeverId!: number;

  @Field(() => String)
  @Property({ type: 'string' })
  titel!: string;

  /** CBS code of the municipality where the work is. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  geopend!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null while the vacancy is open.' })
  @Property({ type: 'date', nullable: true })
  gesloten: string | null = null;

  @Field(() => Int)
  @Property({ type: 'integer' })
  aantalPlaatsen!: number;
}
