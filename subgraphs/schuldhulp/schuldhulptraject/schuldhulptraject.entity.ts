import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum SchuldhulpBron {
  BUDGETALERT = 'BUDGETALERT',
  WERK_EN_INKOMEN = 'WERK_EN_INKOMEN',
  VROEGSIGNALERING = 'VROEGSIGNALERING',
  ZELFMELDER = 'ZELFMELDER',
  WIJKTEAM = 'WIJKTEAM',
  OVERIG = 'OVERIG',
}
registerEnumType(SchuldhulpBron, {
  name: 'SchuldhulpBron',
  description: 'Who referred the resident to the Stadsbank (BudgetAlert is the front door of Hengelo).',
});

export enum SchuldhulpFase {
  INTAKE = 'INTAKE',
  STABILISATIE = 'STABILISATIE',
  SCHULDREGELING = 'SCHULDREGELING',
  WSNP = 'WSNP',
  NAZORG = 'NAZORG',
  AFGESLOTEN = 'AFGESLOTEN',
}
registerEnumType(SchuldhulpFase, {
  name: 'SchuldhulpFase',
  description: 'Phase of a debt-help case; WSNP is the statutory debt restructuring.',
});

@ObjectType('Schuldhulptraject', { description: 'A debt-help case at the Stadsbank Oost Nederland.' })
@Entity({ tableName: 'schuldhulptraject' })
@Index({ properties: ['gemeente', 'aanmelddatum'] })
export class Schuldhulptraject {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** The resident's municipality at registration: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  aanmelddatum!: string;

  @Field(() => SchuldhulpBron)
  @Enum({ items: () => SchuldhulpBron })
  bron!: SchuldhulpBron;

  @Field(() => SchuldhulpFase)
  @Enum({ items: () => SchuldhulpFase })
  fase!: SchuldhulpFase;

  @Field(() => Boolean, { description: 'Whether the Stadsbank manages the resident’s money.' })
  @Property({ type: 'boolean' })
  budgetbeheer!: boolean;

  @Field(() => Int)
  @Property({ type: 'integer' })
  aantalSchuldeisers!: number;

  @Field(() => Int, { description: 'Total debt in euro cents.' })
  @Property({ type: 'integer' })
  totaleSchuldCenten!: number;

  @Field(() => DateScalar, { nullable: true, description: 'Day the case was closed; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  afgeslotenOp: string | null = null;
}
