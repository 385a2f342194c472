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
    'The resident’s consent to a case conference: when and how it was given and its evidence, its scope ' +
    'and expiry (at most 12 months), who recorded it (a participant other than the one who opened the ' +
    'conference), and its withdrawal. The most recently recorded consent governs; earlier ones, withdrawn ' +
    'or not, are history and never open data again.',
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

  @Field(() => DateScalar, { description: 'Last day on which the consent holds; at most 12 months on.' })
  @Property({ type: 'date' })
  verlooptOp!: string;

  @Field(() => [String], { description: 'The partners (subgraph names) that share under this consent.' })
  @Property({ type: ArrayType, columnType: 'text[]' })
  partners!: string[];

  @Field(() => Toestemmingswijze)
  @Enum({ items: () => Toestemmingswijze })
  wijze!: Toestemmingswijze;

  @Field(() => String, {
    nullable: true,
    description:
      'Reference to the evidence of the consent, e.g. a document or recording id in the recorder’s own ' +
      'system. Null only for consent recorded before evidence was required; such a consent opens nothing.',
  })
  @Property({ type: 'text', nullable: true })
  bewijs: string | null = null;

  @Field(() => String, { description: 'Employee id of who recorded it.' })
  @Property({ type: 'text' })
  vastgelegdDoor!: string;

  @Field(() => String, { description: 'Organisation of who recorded it.' })
  @Property({ type: 'text' })
  vastgelegdDoorOrganisatie!: string;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  vastgelegdOp!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null unless withdrawn.' })
  @Property({ type: 'datetime', nullable: true })
  ingetrokkenOp: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Employee id of who recorded the withdrawal.' })
  @Property({ type: 'text', nullable: true })
  ingetrokkenDoor: string | null = null;

  @Field(() => String, { nullable: true, description: 'Organisation of who recorded the withdrawal.' })
  @Property({ type: 'text', nullable: true })
  ingetrokkenDoorOrganisatie: string | null = null;
}
