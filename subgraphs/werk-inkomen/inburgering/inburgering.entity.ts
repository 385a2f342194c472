import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars';

export enum Leerroute {
  B1 = 'B1',
  ONDERWIJS = 'ONDERWIJS',
  Z_ROUTE = 'Z_ROUTE',
}
registerEnumType(Leerroute, {
  name: 'Leerroute',
  description: 'Learning route of the civic integration act.',
});

@ObjectType('Inburgering', { description: 'Civic integration of a statushouder.' })
@Entity({ tableName: 'inburgering' })
export class Inburgering {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index()
  @Property({ type: 'string', columnType: 'char(9)' })
  bsn!: string;

  @Property({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @Field(() => Leerroute)
  @Enum({ items: () => Leerroute })
  leerroute!: Leerroute;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  startdatum!: string;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'date', nullable: true })
  einddatum: string | null = null;
}
