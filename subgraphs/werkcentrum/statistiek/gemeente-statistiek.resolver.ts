import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode } from '../../../platform/statistiek/periode';
import { resolveStatistiek } from '../../../platform/statistiek/resolve';
import { Gemeente } from '../gedeeld';
import { werkcentrumCijfers } from './cijfers.loader';
import { werkcentrumStatistiek } from './werkcentrum.cijfers';
import { WerkcentrumStatistiek } from './werkcentrum.statistiek';

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
    return resolveStatistiek(ctx, gemeente.code, periode, werkcentrumCijfers, werkcentrumStatistiek);
  }
}
