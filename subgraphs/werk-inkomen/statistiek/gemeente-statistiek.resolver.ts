import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode, validatePeriode } from '../../../platform/statistics';
import { Gemeente } from '../gemeente/gemeente.type';
import { BijstandStatistiek } from './bijstand.statistiek';
import { bijstandStatistiek } from './bijstand.statistiek.loader';
import { InburgeringStatistiek } from './inburgering.statistiek';
import { inburgeringStatistiek } from './inburgering.statistiek.loader';
import { LoonkostensubsidieStatistiek } from './loonkostensubsidie.statistiek';
import { loonkostensubsidieStatistiek } from './loonkostensubsidie.statistiek.loader';

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
    validatePeriode(periode);
    return ctx.loaders.get(bijstandStatistiek).load({ gemeente: gemeente.code, periode });
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
    validatePeriode(periode);
    return ctx.loaders.get(loonkostensubsidieStatistiek).load({ gemeente: gemeente.code, periode });
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
    validatePeriode(periode);
    return ctx.loaders.get(inburgeringStatistiek).load({ gemeente: gemeente.code, periode });
  }
}
