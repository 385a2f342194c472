import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode } from '../../../platform/statistiek/periode';
import { resolveStatistiek } from '../../../platform/statistiek/resolve';
import { Gemeente } from '../gedeeld';
import { swbCijfers } from './cijfers.loader';
import { swbStatistiek } from './swb.cijfers';
import { SwbStatistiek } from './swb.statistiek';

/**
 * SWB's statistics on the municipality. Nullable, so that a refusal or a fault answers this field
 * with null and an error while the other partners' statistics still answer.
 */
@Resolver(() => Gemeente)
export class GemeenteStatistiekResolver {
  @FieldResolver(() => SwbStatistiek, {
    nullable: true,
    description: 'Re-integration trajectories and sheltered employment over the period.',
  })
  swb(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<SwbStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, swbCijfers, swbStatistiek);
  }
}
