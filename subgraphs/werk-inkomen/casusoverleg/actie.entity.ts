import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';
import { Casusoverleg } from './casusoverleg.entity';

export enum ActieStatus {
  OPEN = 'OPEN',
  AFGEROND = 'AFGEROND',
  VERVALLEN = 'VERVALLEN',
}
registerEnumType(ActieStatus, { name: 'ActieStatus', description: 'State of an agreed action.' });

@ObjectType('Actie', { description: 'An action agreed in a case conference, owned by one partner.' })
@Entity({ tableName: 'actie' })
export class Actie {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @ManyToOne(() => Casusoverleg, { fieldName: 'casusoverleg_id', mapToPk: true })
  casusoverlegId!: number;

  @Field(() => String, { description: 'The organisation that carries out the action, e.g. stadsbank.' })
  @Property({ type: 'text' })
  eigenaarOrganisatie!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  omschrijving!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  deadline!: string;

  @Field(() => ActieStatus)
  @Enum({ items: () => ActieStatus, default: ActieStatus.OPEN })
  status: ActieStatus = ActieStatus.OPEN;
}
