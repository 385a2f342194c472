import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode } from '../../../platform/statistiek/periode';
import { resolveStatistiek } from '../../../platform/statistiek/resolve';
import { Gemeente } from '../gemeente/gemeente.type';
import { bijstandStatistiek } from './bijstand.cijfers';
import { BijstandStatistiek } from './bijstand.statistiek';
import { werkInkomenCijfers } from './cijfers.loader';
import { inburgeringStatistiek } from './inburgering.cijfers';
import { InburgeringStatistiek } from './inburgering.statistiek';
import { loonkostensubsidieStatistiek } from './loonkostensubsidie.cijfers';
import { LoonkostensubsidieStatistiek } from './loonkostensubsidie.statistiek';

/**
 * Werk en Inkomen's statistics on the municipality. Nullable, so that a refusal or a fault answers
 * this field with null and an error while the other partners' statistics still answer.
 */
@Resolver(() => Gemeente)
export class GemeenteStatistiekResolver {
  @FieldResolver(() => BijstandStatistiek, {
    nullable: true,
    description: 'Benefits (Participatiewet, IOAW, IOAZ) over the period.',
  })
  bijstand(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<BijstandStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, werkInkomenCijfers, bijstandStatistiek);
  }

  @FieldResolver(() => LoonkostensubsidieStatistiek, {
    nullable: true,
    description: 'Wage subsidies (LKS) over the period.',
  })
  loonkostensubsidie(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<LoonkostensubsidieStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, werkInkomenCijfers, loonkostensubsidieStatistiek);
  }

  @FieldResolver(() => InburgeringStatistiek, {
    nullable: true,
    description: 'Civic integration over the period.',
  })
  inburgering(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<InburgeringStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, werkInkomenCijfers, inburgeringStatistiek);
  }
}
