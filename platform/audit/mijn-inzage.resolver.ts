import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { inwoner } from '../auth/inwoner';
import type { RequestContext } from '../context';
import type { LogboekVeldOptions } from './logboek.resolver';
import { leesMijnInzage, type Inzageregel as Regel } from './mijn-inzage';
import { Inzageregel, type InzageoverzichtBron } from './mijn-inzage.type';

/**
 * This subgraph's field on `Inzageoverzicht`: its own lines about the resident of the token, found with
 * its own pseudonym. The subgraph decides itself: only a resident reads it, and only about themselves
 * (the BSN comes from the verified token, nothing else). The reading is logged as a processing of the
 * resident's data (activity `inzage-logboek`), so the next report shows it.
 */
export function mijnInzageResolver(
  Inzageoverzicht: ClassType,
  { veld, register }: LogboekVeldOptions,
): ClassType {
  @Resolver(() => Inzageoverzicht)
  class MijnInzageResolver {
    @FieldResolver(() => [Inzageregel], {
      name: veld,
      nullable: true,
      description:
        `Your data as ${veld} processed it, newest first: organisation, time, activity with purpose and ` +
        'legal basis, outcome; never the employee. Null with FORBIDDEN unless you are the resident.',
    })
    async regels(@Root() overzicht: InzageoverzichtBron, @Ctx() ctx: RequestContext): Promise<Regel[]> {
      const { bsn } = inwoner(ctx);
      ctx.audit.record({ activiteit: register.inzageLogboek, bsn, veld: 'mijnInzage', toegestaan: true });
      return leesMijnInzage(ctx.db.reader, bsn, overzicht.inzagevraag, ctx.keys.pseudonym, register);
    }
  }
  return MijnInzageResolver;
}
