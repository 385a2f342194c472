import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum SwDienstverbandSoort {
  WSW = 'WSW',
  NIEUW_BESCHUT = 'NIEUW_BESCHUT',
}
registerEnumType(SwDienstverbandSoort, {
  name: 'SwDienstverbandSoort',
  description:
    'WSW: Wet sociale werkvoorziening (closed to newcomers since 2015); NIEUW_BESCHUT: ' +
    'sheltered employment under the Participatiewet.',
});

@ObjectType('SwDienstverband', { description: 'Sheltered employment at SWB Midden Twente.' })
@Entity({ tableName: 'sw_dienstverband' })
@Index({ properties: ['gemeente', 'startdatum'] })
@Index({ properties: ['gemeente', 'einddatum'] })
export class SwDienstverband {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** CBS code of the resident's municipality at the start: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => SwDienstverbandSoort)
  @Enum({ items: () => SwDienstverbandSoort })
  soort!: SwDienstverbandSoort;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of employment; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;

  @Field(() => Boolean, { description: 'Seconded to a regular employer (detachering).' })
  @Property({ type: 'boolean', default: false })
  gedetacheerd: boolean = false;
}
