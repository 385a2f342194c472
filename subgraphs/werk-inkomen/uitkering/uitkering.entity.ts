import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum Regeling {
  PW = 'PW',
  IOAW = 'IOAW',
  IOAZ = 'IOAZ',
  BBZ = 'BBZ',
}
registerEnumType(Regeling, {
  name: 'Regeling',
  description: 'PW: Participatiewet algemene bijstand; IOAW/IOAZ: older unemployed; BBZ: self-employed.',
});

export enum Uitstroomreden {
  WERK = 'WERK',
  STUDIE = 'STUDIE',
  WERKPLEIN_PLAATSING = 'WERKPLEIN_PLAATSING',
  ZELFSTANDIG = 'ZELFSTANDIG',
  AOW = 'AOW',
  VERHUIZING = 'VERHUIZING',
  OVERIG = 'OVERIG',
}
registerEnumType(Uitstroomreden, { name: 'Uitstroomreden', description: 'Why a benefit ended.' });

@ObjectType('Uitkering', { description: 'A benefit paid by the municipality.' })
@Entity({ tableName: 'uitkering' })
@Index({ properties: ['gemeente', 'ingangsdatum'] })
@Index({ properties: ['gemeente', 'einddatum'] })
export class Uitkering {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** Copied from the resident at the start of the benefit: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => Regeling)
  @Enum({ items: () => Regeling })
  regeling!: Regeling;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  ingangsdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the benefit; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;

  @Field(() => Uitstroomreden, { nullable: true })
  @Enum({ items: () => Uitstroomreden, nullable: true })
  uitstroomreden: Uitstroomreden | null = null;

  @Field(() => Int, { description: 'Monthly amount in euro cents.' })
  @Property({ type: 'integer' })
  bedragPerMaandCenten!: number;
}
