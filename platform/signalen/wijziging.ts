import { GraphQLError } from 'graphql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import { medewerker } from '../auth/inwoner';
import { beslis } from '../auth/policy';
import { organisationsOf } from '../auth/principals';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';

/**
 * Guards a change of a partner's own file that publishes an event: an employee of the partner's own
 * organisation in its own roles, for purpose uitvoering, working for the resident's gemeente. Logs the
 * change (or its refusal) as a processing of the resident's data.
 */
export function eigenWijziging(
  ctx: RequestContext,
  activiteit: Verwerkingsactiviteit,
  wijziging: { bsn: string; gemeente: string; veld: string },
): void {
  const caller = medewerker(ctx);
  const besluit = beslis(caller, ctx.purpose, ctx.regels, 'detail');
  const eigen = (organisationsOf(ctx.regels.subgraph) as string[]).includes(caller.organisation);
  const reden = !besluit.toegestaan
    ? besluit.reden
    : !eigen
      ? `Only ${ctx.regels.subgraph}'s own employees change its files.`
      : !caller.gemeenten.includes(wijziging.gemeente)
        ? 'You do not work for the gemeente of this resident.'
        : null;
  ctx.audit.record({ activiteit, bsn: wijziging.bsn, veld: wijziging.veld, toegestaan: reden === null });
  if (reden !== null) throw forbidden(reden);
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}
