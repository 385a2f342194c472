import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Vacature } from '../vacature/vacature.entity';
import { vacatureById } from '../vacature/vacature.loader';
import { Werkgever } from '../werkgever/werkgever.entity';
import { loadWerkgever } from '../werkgever/werkgever.loader';
import { Plaatsing } from './plaatsing.entity';

@Resolver(() => Plaatsing)
export class PlaatsingResolver {
  @FieldResolver(() => Werkgever)
  werkgever(@Root() plaatsing: Plaatsing, @Ctx() ctx: RequestContext): Promise<Werkgever> {
    return loadWerkgever(ctx, plaatsing.werkgeverId);
  }

  @FieldResolver(() => Vacature, {
    nullable: true,
    description: 'The vacancy filled; null for a placement made without one.',
  })
  async vacature(@Root() plaatsing: Plaatsing, @Ctx() ctx: RequestContext): Promise<Vacature | null> {
    if (plaatsing.vacatureId === null) return null;
    return await ctx.loaders.get(vacatureById).load(plaatsing.vacatureId);
  }
}
