import { Arg, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { DASHBOARD_GEMEENTEN } from '../../../platform/gemeenten';
import { Connection, PageArgs, pageWindow, toPage, type Page } from '../../../platform/pagination';
import { medewerker } from '../../../platform/auth/inwoner';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { Inwoner } from '../inwoner/inwoner.entity';
import { ACTIVITEITEN } from '../toegang';
import { resolveGemeente } from './gemeente.reference';
import { Gemeente } from './gemeente.type';

@ObjectType()
class InwonerConnection extends Connection(Inwoner, 'Inwoner') {}

@Resolver(() => Gemeente)
export class GemeenteResolver {
  @Query(() => Gemeente, { nullable: true, description: 'A municipality by CBS code; null when unknown.' })
  gemeente(@Arg('code', () => String) code: string): Gemeente | null {
    return resolveGemeente(code);
  }

  @Query(() => [Gemeente], { description: 'The municipalities of the regional dashboard.' })
  gemeenten(): Gemeente[] {
    return DASHBOARD_GEMEENTEN.map((code) => resolveGemeente(code)).filter((g): g is Gemeente => g !== null);
  }

  @Persoonsgegeven('detail', ACTIVITEITEN.uitkeringsverstrekking)
  @FieldResolver(() => InwonerConnection, {
    nullable: true,
    description: 'Residents of this municipality, in BSN order.',
  })
  async inwoners(
    @Root() gemeente: Gemeente,
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Inwoner>> {
    // A cursor continues this gemeente's list only, and hides the BSN it continues after.
    const scope = {
      subgraph: ctx.regels.subgraph,
      connection: 'InwonerConnection',
      parent: gemeente.code,
      partnerKey: ctx.keys.pseudonym,
    };
    const { limit, afterKey } = pageWindow(args, scope);
    const rows = await ctx.db.em.find(
      Inwoner,
      {
        // Residents of a gemeente the caller does not work for are filtered out in the query itself.
        gemeente: { $eq: gemeente.code, $in: medewerker(ctx).gemeenten },
        ...(afterKey ? { bsn: { $gt: afterKey } } : {}),
      },
      { orderBy: { bsn: 'asc' }, limit: limit + 1 },
    );
    return toPage(rows, limit, (row) => row.bsn, scope);
  }
}
