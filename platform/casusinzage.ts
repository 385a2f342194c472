import { Directive, Field, ObjectType } from 'type-graphql';
import {
  signToegang,
  verifyToegang,
  verleendAan,
  type ConsentGrant,
  type ConsentScope,
} from './auth/toegang';
import type { RequestContext } from './context';

/**
 * What a Casusinzage resolves from in every subgraph: the grant as the gateway passes it on, and its
 * verified content. Only `openCasusinzage` (which signs) and `resolveCasusinzageReference` (which
 * verifies) make one, so a field that finds `grant` on its root may rely on it.
 */
export interface CasusinzageRoot {
  toegang: string;
  grant: ConsentGrant;
}

/**
 * The resident's combined situation in a case conference, as each subgraph declares it: keyed by the
 * consent grant, which clients never see or send (`@inaccessible`), and which every subgraph verifies
 * before it adds its fields. A factory because each subgraph builds its own schema with its own fields.
 */
export function casusinzageReferenceType() {
  @ObjectType('Casusinzage', {
    description:
      'The detail data of the partners in a case conference’s scope, for its participants, while the ' +
      'conference is open and its legal basis holds. A partner outside the scope answers FORBIDDEN.',
  })
  @Directive('@key(fields: "toegang")')
  class Casusinzage implements CasusinzageRoot {
    /** The signed consent grant: the gateway carries it between subgraphs, clients never see it. */
    @Field(() => String)
    @Directive('@inaccessible')
    toegang!: string;

    grant!: ConsentGrant;
  }
  return Casusinzage;
}

/** Signs a grant for this request and caller; the subgraph holding the conference returns the result. */
export function openCasusinzage(ctx: RequestContext, scope: ConsentScope): CasusinzageRoot {
  const toegang = signToegang(ctx, scope);
  return { toegang, grant: { ...scope, ...verleendAan(ctx) } };
}

/**
 * `__resolveReference` of Casusinzage in every subgraph: a grant that fails verification is refused
 * with FORBIDDEN (the reason, never its content), so the subgraph adds nothing for it.
 */
export async function resolveCasusinzageReference(
  reference: { toegang: string },
  ctx: RequestContext,
): Promise<CasusinzageRoot> {
  const grant = await verifyToegang(reference.toegang, ctx);
  return { toegang: reference.toegang, grant };
}
