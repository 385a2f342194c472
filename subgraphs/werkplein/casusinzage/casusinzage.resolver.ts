import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { plaatsingenByBsn } from '../inwoner/inwoner.loader';
import { Plaatsing } from '../plaatsing/plaatsing.entity';
import { ACTIVITEITEN } from '../toegang';
import { Casusinzage } from '../gedeeld';

/** The Werkplein's detail data in a case conference, through `casusLoaders`: the grant decides whose. */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  @Casusgegeven(ACTIVITEITEN.bemiddeling)
  @FieldResolver(() => [Plaatsing], {
    nullable: true,
    description: 'Placements with employers, newest first.',
  })
  plaatsingen(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Plaatsing[]> {
    return ctx.casusLoaders.get(plaatsingenByBsn).load(inzage.grant.bsn);
  }
}
