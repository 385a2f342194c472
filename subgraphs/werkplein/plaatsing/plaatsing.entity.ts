import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';
import { Vacature } from '../vacature/vacature.entity';
import { Werkgever } from '../werkgever/werkgever.entity';

export enum PlaatsingSoort {
  REGULIER = 'REGULIER',
  PROEFPLAATSING = 'PROEFPLAATSING',
  BANENAFSPRAAK = 'BANENAFSPRAAK',
}
registerEnumType(PlaatsingSoort, {
  name: 'PlaatsingSoort',
  description:
    'REGULIER: a regular job; PROEFPLAATSING: trial placement while the benefit continues; ' +
    'BANENAFSPRAAK: a job for someone in the doelgroepenregister.',
});

@ObjectType('Plaatsing', { description: 'A placement of a resident with an employer.' })
@Entity({ tableName: 'plaatsing' })
@Index({ properties: ['gemeente', 'startdatum'] })
@Index({ properties: ['gemeente', 'einddatum'] })
export class Plaatsing {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  /** The resident's municipality at the start: statistics group by it without a join. */
  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  /** Plain ids, so the GraphQL fields `werkgever` and `vacature` go through batching loaders. */
  @ManyToOne(() => Werkgever, { fieldName: 'werkgever_id', mapToPk: true })
  werkgeverId!: number;

  @ManyToOne(() => Vacature, { fieldName: 'vacature_id', mapToPk: true, nullable: true })
  vacatureId: number | null = null;

  @Field(() => PlaatsingSoort)
  @Enum({ items: () => PlaatsingSoort })
  soort!: PlaatsingSoort;

  @Field(() => Boolean, { description: 'Whether the employer receives loonkostensubsidie for it.' })
  @Property({ type: 'boolean' })
  metLks!: boolean;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the placement; null while it runs.' })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;
}
