import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';

import type { RequestContext } from '../../../platform/context';
import { Plaatsing } from '../plaatsing/plaatsing.entity';
import { plaatsingenByBsn } from './inwoner.loader';
import { Inwoner } from '../gedeeld';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Persoonsgegeven('keten', ACTIVITEITEN.bemiddeling)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [Plaatsing], {
    nullable: true,
    description: 'Placements with employers, newest first.',
  })
  plaatsingen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Plaatsing[]> {
    return ctx.loaders.get(plaatsingenByBsn).load(inwoner.bsn);
  }
}
