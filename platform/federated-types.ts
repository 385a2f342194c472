import { Directive, Field, ObjectType } from 'type-graphql';
import { BSNScalar } from './bsn';

/**
 * The shared entities as a partner subgraph that does not own them declares them: only the key.
 * A factory, not a class, because each subgraph builds its own schema and adds its own fields.
 */
export function inwonerReferenceType() {
  @ObjectType('Inwoner', { description: 'A resident, identified by BSN across all partners.' })
  @Directive('@key(fields: "bsn")')
  class Inwoner {
    @Field(() => BSNScalar)
    bsn!: string;
  }
  return Inwoner;
}

export function gemeenteReferenceType() {
  @ObjectType('Gemeente', { description: 'A municipality, identified by its CBS code (e.g. GM0164).' })
  @Directive('@key(fields: "code")')
  class Gemeente {
    @Field(() => String)
    code!: string;
  }
  return Gemeente;
}
