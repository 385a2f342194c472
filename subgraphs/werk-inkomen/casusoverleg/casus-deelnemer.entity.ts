import { Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import type { Casusrol } from '../../../platform/auth/principals';
import { Casusoverleg } from './casusoverleg.entity';

@ObjectType('CasusDeelnemer', {
  description:
    'An employee of a chain partner who takes part in a conference, in the case role of their ' +
    'organisation; their token must carry that role whenever they read or act in the conference.',
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

  @Field(() => String, {
    description:
      'The case role in which the employee takes part, that of their organisation: KLANTMANAGER (wi-*), ' +
      'TRAJECTBEGELEIDER (swb), ADVISEUR_WERK (werkplein), SCHULDHULPVERLENER (stadsbank) or ' +
      'LOOPBAANADVISEUR (werkcentrum).',
  })
  @Property({ type: 'text' })
  rol!: Casusrol;

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  toegevoegdOp!: Date;
}
