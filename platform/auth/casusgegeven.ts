import { UseMiddleware } from 'type-graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import { registreerVerwerking } from '../audit/betrokkene';
import type { CasusinzageRoot } from '../casusinzage';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';

/**
 * Marks a field of Casusinzage as a partner's detail data opened by a case conference, processed for
 * `activiteit`. It resolves only when this subgraph is in the verified grant's scope; otherwise it is
 * FORBIDDEN on this field alone, naming the partner. Either way the processing log gets a line for the
 * resident of the grant, also when the field fails after it started.
 */
export function Casusgegeven(activiteit: Verwerkingsactiviteit): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<RequestContext> = async ({ root, context, info }, next) => {
    const grant = (root as Partial<CasusinzageRoot> | undefined)?.grant;
    // Only the signing or verifying resolver puts a grant on the root; without one nothing is opened.
    if (!grant) throw forbidden('Case-conference data is opened only by a verified consent grant.');
    const veld = info.fieldName;
    const partner = context.regels.subgraph;
    const toegestaan = grant.partners.includes(partner);
    // The grant's conference id is signed by werk-inkomen: the line names the conference it served.
    registreerVerwerking(context, activiteit, veld, [grant.bsn], toegestaan, grant.casusoverlegId);
    if (!toegestaan) throw forbidden(`The scope of this case conference does not include ${partner}.`);
    const result: unknown = await next();
    return result;
  };
  return UseMiddleware(guard);
}
