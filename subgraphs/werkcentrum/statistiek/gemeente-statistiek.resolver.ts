import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode, validatePeriode } from '../../../platform/statistics';
import { Gemeente } from '../gemeente/gemeente.type';
import { WerkcentrumStatistiek } from './werkcentrum.statistiek';
import { werkcentrumStatistiek } from './werkcentrum.statistiek.loader';

/**
 * Werkcentrum Twente's statistics on the municipality. Nullable, so that a refusal or a fault answers
 * this field with null and an error while the other partners' statistics still answer.
 */
@Resolver(() => Gemeente)
export class GemeenteStatistiekResolver {
  @FieldResolver(() => WerkcentrumStatistiek, {
    nullable: true,
    description: 'Career development trajectories over the period.',
  })
  werkcentrum(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<WerkcentrumStatistiek> {
    validatePeriode(periode);
    return ctx.loaders.get(werkcentrumStatistiek).load({ gemeente: gemeente.code, periode });
  }
}
