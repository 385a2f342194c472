import { UseMiddleware } from 'type-graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import type { CasusinzageRoot } from '../casusinzage';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';

/**
 * Marks a field of Casusinzage as a partner's detail data opened by a case conference, processed for
 * `activiteit`. It resolves only when this subgraph is in the verified grant's scope; otherwise it is
 * FORBIDDEN on this field alone, naming the partner. Either way the processing log gets a line for the
 * resident of the grant.
 */
export function Casusgegeven(activiteit: Verwerkingsactiviteit): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<RequestContext> = async ({ root, context, info }, next) => {
    const grant = (root as Partial<CasusinzageRoot> | undefined)?.grant;
    // Only the signing or verifying resolver puts a grant on the root; without one nothing is opened.
    if (!grant) throw forbidden('Case-conference data is opened only by a verified consent grant.');
    const veld = info.fieldName;
    const partner = context.regels.subgraph;
    if (!grant.partners.includes(partner)) {
      context.audit.record({ activiteit, bsn: grant.bsn, veld, toegestaan: false });
      throw forbidden(`The scope of this case conference does not include ${partner}.`);
    }
    const result: unknown = await next();
    context.audit.record({ activiteit, bsn: grant.bsn, veld, toegestaan: true });
    return result;
  };
  return UseMiddleware(guard);
}
