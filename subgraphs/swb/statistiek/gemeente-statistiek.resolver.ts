import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode, validatePeriode } from '../../../platform/statistics';
import { Gemeente } from '../gemeente/gemeente.type';
import { SwbStatistiek } from './swb.statistiek';
import { swbStatistiek } from './swb.statistiek.loader';

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
    validatePeriode(periode);
    return ctx.loaders.get(swbStatistiek).load({ gemeente: gemeente.code, periode });
  }
}
