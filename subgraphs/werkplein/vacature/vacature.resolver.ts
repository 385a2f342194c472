import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Werkgever } from '../werkgever/werkgever.entity';
import { loadWerkgever } from '../werkgever/werkgever.loader';
import { Vacature } from './vacature.entity';

@Resolver(() => Vacature)
export class VacatureResolver {
  @FieldResolver(() => Werkgever)
  werkgever(@Root() vacature: Vacature, @Ctx() ctx: RequestContext): Promise<Werkgever> {
    return loadWerkgever(ctx, vacature.werkgeverId);
  }
}
