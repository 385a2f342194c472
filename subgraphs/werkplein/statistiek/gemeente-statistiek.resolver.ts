import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Periode } from '../../../platform/statistiek/periode';
import { resolveStatistiek } from '../../../platform/statistiek/resolve';
import { Gemeente } from '../gedeeld';
import { werkpleinCijfers } from './cijfers.loader';
import { werkpleinStatistiek } from './werkplein.cijfers';
import { WerkpleinStatistiek } from './werkplein.statistiek';

/**
 * The Werkplein's statistics on the municipality. Nullable, so that a refusal or a fault answers this
 * field with null and an error while the other partners' statistics still answer.
 */
@Resolver(() => Gemeente)
export class GemeenteStatistiekResolver {
  @FieldResolver(() => WerkpleinStatistiek, {
    nullable: true,
    description: 'Placements and vacancies over the period.',
  })
  werkplein(
    @Root() gemeente: Gemeente,
    @Arg('periode', () => Periode) periode: Periode,
    @Ctx() ctx: RequestContext,
  ): Promise<WerkpleinStatistiek> {
    return resolveStatistiek(ctx, gemeente.code, periode, werkpleinCijfers, werkpleinStatistiek);
  }
}
