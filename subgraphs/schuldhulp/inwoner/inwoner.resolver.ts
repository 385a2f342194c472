import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { ACTIVITEITEN } from '../toegang';

import type { RequestContext } from '../../../platform/context';
import { Schuldhulpstatus } from '../schuldhulptraject/schuldhulpstatus.type';
import { SchuldhulpFase, Schuldhulptraject } from '../schuldhulptraject/schuldhulptraject.entity';
import { Vroegsignaal } from '../vroegsignaal/vroegsignaal.entity';
import { schuldhulptrajectenByBsn, vroegsignalenByBsn } from './inwoner.loader';
import { Inwoner } from '../gedeeld';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Persoonsgegeven('detail', ACTIVITEITEN.schuldhulpverlening)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [Schuldhulptraject], {
    nullable: true,
    description: 'Debt-help cases, newest registration first.',
  })
  schuldhulptrajecten(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Schuldhulptraject[]> {
    return ctx.loaders.get(schuldhulptrajectenByBsn).load(inwoner.bsn);
  }

  @Persoonsgegeven('detail', ACTIVITEITEN.vroegsignalering)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => [Vroegsignaal], {
    nullable: true,
    description: 'Early-warning signals of arrears, newest first.',
  })
  vroegsignalen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Vroegsignaal[]> {
    return ctx.loaders.get(vroegsignalenByBsn).load(inwoner.bsn);
  }

  @Persoonsgegeven('signaal', ACTIVITEITEN.schuldhulpverlening)
  @Directive('@requires(fields: "uitkeringsorganisatie")')
  @FieldResolver(() => Schuldhulpstatus, {
    nullable: true,
    description: 'Whether a debt-help case runs and its phase: the chain view of a KLANTMANAGER.',
  })
  async schuldhulpstatus(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Schuldhulpstatus> {
    // Newest registration first, so the first case is the latest.
    const [laatste] = await ctx.loaders.get(schuldhulptrajectenByBsn).load(inwoner.bsn);
    return { lopend: !!laatste && laatste.fase !== SchuldhulpFase.AFGESLOTEN, fase: laatste?.fase ?? null };
  }
}
