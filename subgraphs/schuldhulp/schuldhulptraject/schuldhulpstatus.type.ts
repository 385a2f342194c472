import { Field, ObjectType } from 'type-graphql';
import { SchuldhulpFase } from './schuldhulptraject.entity';

/** What the chain may know of a resident's debt help: whether a case runs, and its phase. */
@ObjectType('Schuldhulpstatus', {
  description: 'Whether a debt-help case runs and its phase; no amounts, no creditors.',
})
export class Schuldhulpstatus {
  @Field(() => Boolean, { description: 'True while the latest case is not closed.' })
  lopend!: boolean;

  @Field(() => SchuldhulpFase, {
    nullable: true,
    description: 'Phase of the latest case; null when there is none.',
  })
  fase!: SchuldhulpFase | null;
}
