import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { betreftRijMetId, Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';
import type { RequestContext } from '../../../platform/context';
import { serialId } from '../../../platform/ids';
import { Schuldhulptraject } from './schuldhulptraject.entity';
import { schuldhulptrajectById } from './schuldhulptraject.loader';

@Resolver(() => Schuldhulptraject)
export class SchuldhulptrajectResolver {
  @Persoonsgegeven('detail', ACTIVITEITEN.schuldhulpverlening, {
    betreft: betreftRijMetId(schuldhulptrajectById),
  })
  @Query(() => Schuldhulptraject, {
    nullable: true,
    description: 'A debt-help case by id; null when unknown.',
  })
  async schuldhulptraject(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Schuldhulptraject | null> {
    const key = serialId(id);
    return key === null ? null : await ctx.loaders.get(schuldhulptrajectById).load(key);
  }
}
