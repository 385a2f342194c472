import { Entity, PrimaryKey, Property } from '@mikro-orm/postgresql';

/** The municipal budget's planned number of running benefits for a year (begroting). */
@Entity({ tableName: 'begroting' })
export class Begroting {
  @PrimaryKey({ type: 'string', columnType: 'char(6)' })
  gemeente!: string;

  @PrimaryKey({ type: 'smallint' })
  jaar!: number;

  @Property({ type: 'integer' })
  aantalUitkeringen!: number;
}
