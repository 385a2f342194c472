import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';

import type { RequestContext } from '../../../platform/context';
import { SwDienstverband } from '../sw-dienstverband/sw-dienstverband.entity';
import { Traject } from '../traject/traject.entity';
import { swDienstverbandenByBsn, trajectenByBsn } from './inwoner.loader';
import { Inwoner } from '../gedeeld';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Persoonsgegeven('keten', ACTIVITEITEN.trajectbegeleiding)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [Traject], {
    nullable: true,
    description: 'Re-integration trajectories at SWB, newest first.',
  })
  trajecten(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Traject[]> {
    return ctx.loaders.get(trajectenByBsn).load(inwoner.bsn);
  }

  @Persoonsgegeven('keten', ACTIVITEITEN.beschutWerk)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [SwDienstverband], {
    nullable: true,
    description: 'Sheltered employment (Wsw, Nieuw beschut) at SWB, newest first.',
  })
  swDienstverbanden(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<SwDienstverband[]> {
    return ctx.loaders.get(swDienstverbandenByBsn).load(inwoner.bsn);
  }
}
