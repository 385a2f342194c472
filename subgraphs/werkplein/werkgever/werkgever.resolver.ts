import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { badUserInput } from '../../../platform/errors';
import { MAX_SERIAL, positiveInteger, serialId } from '../../../platform/ids';
import { Connection, PageArgs, pageWindow, toPage, type Page } from '../../../platform/pagination';
import { Vacature } from '../vacature/vacature.entity';
import { Werkgever } from './werkgever.entity';
import { vacaturesByWerkgeverId, werkgeverById } from './werkgever.loader';

@ObjectType()
class WerkgeverConnection extends Connection(Werkgever, 'Werkgever') {}

@Resolver(() => Werkgever)
export class WerkgeverResolver {
  @Query(() => Werkgever, { nullable: true, description: 'An employer by id; null when unknown.' })
  async werkgever(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Werkgever | null> {
    const key = serialId(id);
    return key === null ? null : await ctx.loaders.get(werkgeverById).load(key);
  }

  // Employers are not personal data, so they can be listed without naming a resident.
  @Query(() => WerkgeverConnection, { description: 'All employers, in id order.' })
  async werkgevers(
    @Args(() => PageArgs) args: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Werkgever>> {
    const scope = {
      subgraph: ctx.regels.subgraph,
      connection: 'WerkgeverConnection',
      partnerKey: ctx.keys.pseudonym,
    };
    const { limit, afterKey } = pageWindow(args, scope);
    const after = afterKey === null ? null : positiveInteger(afterKey);
    // Only ids of existing rows are handed out as cursors.
    if (afterKey !== null && (after === null || after > MAX_SERIAL)) {
      throw badUserInput('Invalid cursor: use the endCursor of a page.');
    }
    const rows = await ctx.db.em.find(Werkgever, after === null ? {} : { id: { $gt: after } }, {
      orderBy: { id: 'asc' },
      limit: limit + 1,
    });
    return toPage(rows, limit, (row) => String(row.id), scope);
  }

  @FieldResolver(() => [Vacature], { description: 'Vacancies of this employer, newest first.' })
  vacatures(@Root() werkgever: Werkgever, @Ctx() ctx: RequestContext): Promise<Vacature[]> {
    return ctx.loaders.get(vacaturesByWerkgeverId).load(werkgever.id);
  }
}
