import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { ontwikkeltrajectenByBsn } from '../inwoner/inwoner.loader';
import { Ontwikkeltraject } from '../ontwikkeltraject/ontwikkeltraject.entity';
import { ACTIVITEITEN } from '../toegang';
import { Casusinzage } from '../gedeeld';

/** Werkcentrum Twente's detail data in a case conference, through `casusLoaders`: the grant decides whose. */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  @Casusgegeven(ACTIVITEITEN.levenLangOntwikkelen)
  @FieldResolver(() => [Ontwikkeltraject], {
    nullable: true,
    description: 'Development trajectories with budgets, newest first.',
  })
  ontwikkeltrajecten(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Ontwikkeltraject[]> {
    return ctx.casusLoaders.get(ontwikkeltrajectenByBsn).load(inzage.grant.bsn);
  }
}
