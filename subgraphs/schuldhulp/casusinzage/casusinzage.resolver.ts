import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { schuldhulptrajectenByBsn, vroegsignalenByBsn } from '../inwoner/inwoner.loader';
import { Schuldhulptraject } from '../schuldhulptraject/schuldhulptraject.entity';
import { ACTIVITEITEN } from '../toegang';
import { Vroegsignaal } from '../vroegsignaal/vroegsignaal.entity';
import { Casusinzage } from '../gedeeld';

/** The Stadsbank's detail data in a case conference, through `casusLoaders`: the grant decides whose. */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  @Casusgegeven(ACTIVITEITEN.schuldhulpverlening)
  @FieldResolver(() => [Schuldhulptraject], {
    nullable: true,
    description: 'Debt-help cases with amounts and creditors, newest registration first.',
  })
  schuldhulptrajecten(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Schuldhulptraject[]> {
    return ctx.casusLoaders.get(schuldhulptrajectenByBsn).load(inzage.grant.bsn);
  }

  @Casusgegeven(ACTIVITEITEN.vroegsignalering)
  @FieldResolver(() => [Vroegsignaal], {
    nullable: true,
    description: 'Early-warning signals, newest first.',
  })
  vroegsignalen(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Vroegsignaal[]> {
    return ctx.casusLoaders.get(vroegsignalenByBsn).load(inzage.grant.bsn);
  }
}
