import { ArrayType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';

export enum Grondslag {
  TOESTEMMING = 'TOESTEMMING',
  WETTELIJK = 'WETTELIJK',
}
registerEnumType(Grondslag, {
  name: 'Grondslag',
  description:
    'Legal basis of a case conference: TOESTEMMING (the resident’s recorded consent, which states the ' +
    'scope and expiry) or WETTELIJK (a statute from the register `grondslagen`, in force on every day ' +
    'the conference is opened or read).',
});

@ObjectType('Casusoverleg', {
  description:
    'A case conference of the chain partners about one resident (ketenaanpak); the municipality that ' +
    'opened it has the regie.',
})
@Entity({ tableName: 'casusoverleg' })
@Index({ properties: ['organisatie', 'gemeente'] })
export class Casusoverleg {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Field(() => BSNScalar)
  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  @Field(() => String, { description: 'CBS code of the resident’s municipality when it was opened.' })
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  titel!: string;

  @Field(() => Grondslag)
  @Enum({ items: () => Grondslag })
  grondslag!: Grondslag;

  @Field(() => String, {
    nullable: true,
    description: 'With grondslag WETTELIJK the code of the statute in the register `grondslagen`, else null.',
  })
  @Property({ type: 'text', nullable: true })
  wettelijkeGrondslag: string | null = null;

  @Field(() => [String], {
    description:
      'With grondslag WETTELIJK: the partners (subgraph names) that share under the statute, within ' +
      'those the statute names, fixed at opening. Empty with TOESTEMMING, where the consent states the scope.',
  })
  @Property({ type: ArrayType, columnType: 'text[]' })
  partners: string[] = [];

  @Field(() => GraphQLISODateTime)
  @Property({ type: 'datetime' })
  geopendOp!: Date;

  @Field(() => String, { description: 'Employee id of the KLANTMANAGER who opened it.' })
  @Property({ type: 'text' })
  geopendDoor!: string;

  @Field(() => String, { description: 'The municipal organisation that holds the regie, e.g. wi-bhh.' })
  @Property({ type: 'text' })
  organisatie!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null while the conference is open.' })
  @Property({ type: 'datetime', nullable: true })
  geslotenOp: Date | null = null;
}
