import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum OntwikkeltrajectSoort {
  LOOPBAANADVIES = 'LOOPBAANADVIES',
  SCHOLING = 'SCHOLING',
  LEERWERKTRAJECT = 'LEERWERKTRAJECT',
  VAN_WERK_NAAR_WERK = 'VAN_WERK_NAAR_WERK',
}
registerEnumType(OntwikkeltrajectSoort, {
  name: 'OntwikkeltrajectSoort',
  description:
    'LOOPBAANADVIES: career advice; SCHOLING: training paid from a budget or voucher; ' +
    'LEERWERKTRAJECT: learning while working; VAN_WERK_NAAR_WERK: moving from one job to another.',
});

@ObjectType('Ontwikkeltraject', {
  description: 'A Leven Lang Ontwikkelen trajectory (career development) at Werkcentrum Twente.',
})
@Entity({ tableName: 'ontwikkeltraject' })
@Index({ properties: ['gemeente', 'startdatum'] })
@Index({ properties: ['gemeente', 'einddatum'] })
export class Ontwikkeltraject {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** CBS code of the resident's municipality at the start: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => OntwikkeltrajectSoort)
  @Enum({ items: () => OntwikkeltrajectSoort })
  soort!: OntwikkeltrajectSoort;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the trajectory; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;

  @Field(() => Int, { description: 'Development budget granted, in euro cents.' })
  @Property({ type: 'integer' })
  budgetCenten!: number;
}
