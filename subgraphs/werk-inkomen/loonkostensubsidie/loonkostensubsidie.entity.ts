import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

@ObjectType('Loonkostensubsidie', {
  description: 'Wage subsidy paid to an employer for a worker below minimum productivity.',
})
@Entity({ tableName: 'loonkostensubsidie' })
@Index({ properties: ['gemeente', 'startdatum'] })
export class Loonkostensubsidie {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => String, { description: 'Name of the employer.' })
  @Property({ type: 'string' })
  werkgever!: string;

  @Field(() => Int, { description: 'Measured productivity as % of the minimum wage.' })
  @Property({ type: 'smallint' })
  loonwaarde!: number;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;
}
