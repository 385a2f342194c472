import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { betreftRijMetId, Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';
import type { RequestContext } from '../../../platform/context';
import { serialId } from '../../../platform/ids';
import { Traject } from './traject.entity';
import { trajectById } from './traject.loader';

@Resolver(() => Traject)
export class TrajectResolver {
  @Persoonsgegeven('detail', ACTIVITEITEN.trajectbegeleiding, { betreft: betreftRijMetId(trajectById) })
  @Query(() => Traject, { nullable: true, description: 'A trajectory by id; null when unknown.' })
  traject(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Traject | null> {
    const key = serialId(id);
    return key === null ? Promise.resolve(null) : ctx.loaders.get(trajectById).load(key);
  }
}
