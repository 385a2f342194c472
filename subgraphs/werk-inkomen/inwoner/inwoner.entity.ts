import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { DateScalar } from '../../../platform/scalars';
import { ACTIVITEITEN } from '../toegang';

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

  @Persoonsgegeven('detail', ACTIVITEITEN.uitkeringsverstrekking)
  @Field(() => String, { nullable: true })
  @Property({ type: 'string' })
  naam!: string;

  @Persoonsgegeven('detail', ACTIVITEITEN.uitkeringsverstrekking)
  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date' })
  geboortedatum!: string;

  /** CBS code of the municipality of residence. */
  @Persoonsgegeven('signaal', ACTIVITEITEN.ketenregie)
  @Field(() => String, { nullable: true, description: 'CBS code of the municipality of residence.' })
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Persoonsgegeven('detail', ACTIVITEITEN.inburgering)
  @Field(() => Boolean, { nullable: true, description: 'Refugee with a residence permit.' })
  @Property({ type: 'boolean', default: false })
  statushouder: boolean = false;
}
