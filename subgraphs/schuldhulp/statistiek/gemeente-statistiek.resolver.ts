import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode } from '../../../platform/statistiek/periode';
import { resolveStatistiek } from '../../../platform/statistiek/resolve';
import { Gemeente } from '../gedeeld';
import { schuldhulpCijfers } from './cijfers.loader';
import { schuldhulpStatistiek } from './schuldhulp.cijfers';
import { SchuldhulpStatistiek } from './schuldhulp.statistiek';

/**
 * The Stadsbank's statistics on the municipality. Nullable, so that a refusal or a fault answers this
 * field with null and an error while the other partners' statistics still answer.
 */
@Resolver(() => Gemeente)
export class GemeenteStatistiekResolver {
  @FieldResolver(() => SchuldhulpStatistiek, {
    nullable: true,
    description: 'Debt help and early-warning signals over the period.',
  })
  schuldhulp(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<SchuldhulpStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, schuldhulpCijfers, schuldhulpStatistiek);
  }
}
