import type { RequestContext } from '../context';
import type { LoaderFactory } from '../loaders';
import { assertStatistiekToegang } from './access';
import type { Jaarcijfers } from './jaarcijfers';
import type { JaarVraag } from './jaarcijfers.loader';
import { toMonthRange, type MonthRange, type Periode } from './periode';

/**
 * Resolves one partner statistic of a gemeente: who may ask (FORBIDDEN), which period
 * (BAD_USER_INPUT), both before any SQL; then the year's aggregates through the partner's loader,
 * which `build` turns into the answer.
 */
export async function resolveStatistiek<T>(
  ctx: RequestContext,
  gemeente: string,
  periode: Periode,
  loader: LoaderFactory<JaarVraag, Jaarcijfers>,
  build: (cijfers: Jaarcijfers, range: MonthRange) => T,
): Promise<T> {
  assertStatistiekToegang(ctx.caller, ctx.purpose);
  const range = toMonthRange(periode);
  const cijfers = await ctx.loaders.get(loader).load({ gemeente, jaar: range.year });
  return build(cijfers, range);
}
