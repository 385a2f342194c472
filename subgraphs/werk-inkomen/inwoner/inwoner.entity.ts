import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';
import { DateScalar } from '../../../platform/scalars';

@ObjectType('Inwoner', {
  description: 'A resident known to Werk en Inkomen, identified by BSN across all partners.',
})
@Directive('@key(fields: "bsn")')
@Entity({ tableName: 'inwoner' })
@Index({ properties: ['gemeente', 'bsn'] })
export class Inwoner {
  @Field(() => BSNScalar)
  @PrimaryKey({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  @Field(() => String)
  @Property({ type: 'string' })
  naam!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  geboortedatum!: string;

  /** CBS code of the municipality of residence. */
  @Field(() => String, { description: 'CBS code of the municipality of residence.' })
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => Boolean, { description: 'Refugee with a residence permit.' })
  @Property({ type: 'boolean', default: false })
  statushouder: boolean = false;
}
