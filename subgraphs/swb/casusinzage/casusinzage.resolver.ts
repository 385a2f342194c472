import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { swDienstverbandenByBsn, trajectenByBsn } from '../inwoner/inwoner.loader';
import { SwDienstverband } from '../sw-dienstverband/sw-dienstverband.entity';
import { ACTIVITEITEN } from '../toegang';
import { Traject } from '../traject/traject.entity';
import { Casusinzage } from '../gedeeld';

/** SWB's detail data in a case conference, through `casusLoaders`: the verified grant decides whose. */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  @Casusgegeven(ACTIVITEITEN.trajectbegeleiding)
  @FieldResolver(() => [Traject], {
    nullable: true,
    description: 'Re-integration trajectories, newest first.',
  })
  trajecten(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Traject[]> {
    return ctx.casusLoaders.get(trajectenByBsn).load(inzage.grant.bsn);
  }

  @Casusgegeven(ACTIVITEITEN.beschutWerk)
  @FieldResolver(() => [SwDienstverband], {
    nullable: true,
    description: 'Sheltered employment (Wsw, Nieuw beschut), newest first.',
  })
  swDienstverbanden(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<SwDienstverband[]> {
    return ctx.casusLoaders.get(swDienstverbandenByBsn).load(inzage.grant.bsn);
  }
}
