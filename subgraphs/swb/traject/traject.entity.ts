import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum TrajectSoort {
  DIAGNOSE = 'DIAGNOSE',
  ARBEIDSFIT = 'ARBEIDSFIT',
  WERKLEERBEDRIJF = 'WERKLEERBEDRIJF',
  Z_ROUTE = 'Z_ROUTE',
  JOBCOACHING = 'JOBCOACHING',
}
registerEnumType(TrajectSoort, {
  name: 'TrajectSoort',
  description:
    'DIAGNOSE: assessment of work capacity; ARBEIDSFIT: getting work-ready; WERKLEERBEDRIJF: learning ' +
    'on the job in the work-learning company; Z_ROUTE: participation when paid work is out of reach; ' +
    'JOBCOACHING: coaching at a regular employer.',
});

export enum TrajectResultaat {
  BETAALD_WERK = 'BETAALD_WERK',
  OPLEIDING = 'OPLEIDING',
  VERVOLGTRAJECT = 'VERVOLGTRAJECT',
  UITVAL = 'UITVAL',
  GEEN_RESULTAAT = 'GEEN_RESULTAAT',
}
registerEnumType(TrajectResultaat, { name: 'TrajectResultaat', description: 'How a trajectory ended.' });

@ObjectType('Traject', { description: 'A re-integration trajectory at SWB Midden Twente.' })
@Entity({ tableName: 'traject' })
@Index({ properties: ['gemeente', 'startdatum'] })
@Index({ properties: ['gemeente', 'einddatum'] })
export class Traject {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** CBS code of the resident's municipality at the start: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => TrajectSoort)
  @Enum({ items: () => TrajectSoort })
  soort!: TrajectSoort;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the trajectory; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;

  @Field(() => TrajectResultaat, { nullable: true, description: 'Null while the trajectory runs.' })
  @Enum({ items: () => TrajectResultaat, nullable: true })
  resultaat: TrajectResultaat | null = null;
}
