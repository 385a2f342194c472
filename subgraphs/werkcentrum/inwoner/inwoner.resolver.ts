import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';

import type { RequestContext } from '../../../platform/context';
import { Ontwikkeltraject } from '../ontwikkeltraject/ontwikkeltraject.entity';
import { ontwikkeltrajectenByBsn } from './inwoner.loader';
import { Inwoner } from '../gedeeld';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Persoonsgegeven('keten', ACTIVITEITEN.levenLangOntwikkelen)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [Ontwikkeltraject], {
    nullable: true,
    description: 'Development trajectories at Werkcentrum Twente, newest first.',
  })
  ontwikkeltrajecten(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Ontwikkeltraject[]> {
    return ctx.loaders.get(ontwikkeltrajectenByBsn).load(inwoner.bsn);
  }
}
