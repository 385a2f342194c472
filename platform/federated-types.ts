import { Directive, Field, ObjectType } from 'type-graphql';
import { BSNScalar, isValidBsn } from './bsn';
import { verifyKetenrelatieBatched } from './auth/ketenrelatie';
import type { RequestContext } from './context';
import { gemeenteNaam } from './gemeenten';

/**
 * The shared entities as a partner subgraph that does not own them declares them: the key, and the
 * chain relation werk-inkomen states (`@external`, used through `@requires` by access rules only).
 * A factory, not a class, because each subgraph builds its own schema and adds its own fields.
 */
export function inwonerReferenceType() {
  @ObjectType('Inwoner', { description: 'A resident, identified by BSN across all partners.' })
  @Directive('@key(fields: "bsn")')
  class Inwoner {
    @Field(() => BSNScalar)
    bsn!: string;

    /** Werk-inkomen's signed chain relation (see `verifyKetenrelatie`); after resolution the verified organisation. */
    @Field(() => String, { nullable: true })
    @Directive('@external')
    uitkeringsorganisatie?: string | null;
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

/** What the gateway sends for a resident to a subgraph that does not own residents. */
export interface InwonerRepresentation {
  bsn: string;
  uitkeringsorganisatie?: string | null;
}

/**
 * A partner keeps no resident table: any valid BSN is a resident, whose lists are empty when the
 * partner has nothing on them, so no query is needed. A BSN that fails the 11-proef is unknown: null.
 * The chain relation counts only as werk-inkomen signed it, for this resident and this request.
 */
export async function resolveInwonerRepresentation(
  reference: InwonerRepresentation,
  ctx: RequestContext,
): Promise<InwonerRepresentation | null> {
  if (!isValidBsn(reference.bsn)) return null;
  return {
    bsn: reference.bsn,
    uitkeringsorganisatie: await verifyKetenrelatieBatched(
      ctx,
      reference.uitkeringsorganisatie,
      reference.bsn,
    ),
  };
}

/** The code is all a partner needs of a municipality; an unknown CBS code is null, as in its owner. */
export function resolveGemeenteRepresentation(reference: { code: string }): { code: string } | null {
  return gemeenteNaam(reference.code) ? { code: reference.code } : null;
}
