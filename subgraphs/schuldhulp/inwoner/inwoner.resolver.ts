import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { Schuldhulptraject } from '../schuldhulptraject/schuldhulptraject.entity';
import { Vroegsignaal } from '../vroegsignaal/vroegsignaal.entity';
import { schuldhulptrajectenByBsn, vroegsignalenByBsn } from './inwoner.loader';
import { Inwoner } from './inwoner.type';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @FieldResolver(() => [Schuldhulptraject], {
    nullable: true,
    description: 'Debt-help cases, newest registration first.',
  })
  schuldhulptrajecten(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Schuldhulptraject[]> {
    return ctx.loaders.get(schuldhulptrajectenByBsn).load(inwoner.bsn);
  }

  @FieldResolver(() => [Vroegsignaal], {
    nullable: true,
    description: 'Early-warning signals of arrears, newest first.',
  })
  vroegsignalen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Vroegsignaal[]> {
    return ctx.loaders.get(vroegsignalenByBsn).load(inwoner.bsn);
  }
}
