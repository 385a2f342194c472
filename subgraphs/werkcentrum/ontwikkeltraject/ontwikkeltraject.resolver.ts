import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { betreftRijMetId, Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';
import type { RequestContext } from '../../../platform/context';
import { serialId } from '../../../platform/ids';
import { Ontwikkeltraject } from './ontwikkeltraject.entity';
import { ontwikkeltrajectById } from './ontwikkeltraject.loader';

@Resolver(() => Ontwikkeltraject)
export class OntwikkeltrajectResolver {
  @Persoonsgegeven('detail', ACTIVITEITEN.levenLangOntwikkelen, {
    betreft: betreftRijMetId(ontwikkeltrajectById),
  })
  @Query(() => Ontwikkeltraject, {
    nullable: true,
    description: 'A development trajectory by id; null when unknown.',
  })
  ontwikkeltraject(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Ontwikkeltraject | null> {
    const key = serialId(id);
    return key === null ? Promise.resolve(null) : ctx.loaders.get(ontwikkeltrajectById).load(key);
  }
}
