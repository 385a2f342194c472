import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Casusgegeven } from '../../../platform/auth/casusgegeven';
import type { RequestContext } from '../../../platform/context';
import { DateScalar } from '../../../platform/scalars';
import { Inburgering } from '../inburgering/inburgering.entity';
import type { Inwoner } from '../inwoner/inwoner.entity';
import {
  inburgeringenByBsn,
  inwonerByBsn,
  loonkostensubsidiesByBsn,
  uitkeringenByBsn,
} from '../inwoner/inwoner.loader';
import { Loonkostensubsidie } from '../loonkostensubsidie/loonkostensubsidie.entity';
import { ACTIVITEITEN } from '../toegang';
import { Uitkering } from '../uitkering/uitkering.entity';
import { Casusinzage } from './casusinzage.type';

/**
 * Werk en Inkomen's detail data in a case conference. Loaded through `casusLoaders`: the grant, not the
 * participant's own gemeenten, decides whose data this is.
 */
@Resolver(() => Casusinzage)
export class CasusinzageResolver {
  private inwoner(inzage: Casusinzage, ctx: RequestContext): Promise<Inwoner | null> {
    return ctx.casusLoaders.get(inwonerByBsn).load(inzage.grant.bsn);
  }

  @Casusgegeven(ACTIVITEITEN.uitkeringsverstrekking)
  @FieldResolver(() => String, { nullable: true })
  async naam(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await this.inwoner(inzage, ctx))?.naam ?? null;
  }

  @Casusgegeven(ACTIVITEITEN.uitkeringsverstrekking)
  @FieldResolver(() => DateScalar, { nullable: true })
  async geboortedatum(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await this.inwoner(inzage, ctx))?.geboortedatum ?? null;
  }

  @Casusgegeven(ACTIVITEITEN.uitkeringsverstrekking)
  @FieldResolver(() => [Uitkering], { nullable: true, description: 'Benefits, newest first.' })
  uitkeringen(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Uitkering[]> {
    return ctx.casusLoaders.get(uitkeringenByBsn).load(inzage.grant.bsn);
  }

  @Casusgegeven(ACTIVITEITEN.reintegratie)
  @FieldResolver(() => [Loonkostensubsidie], {
    nullable: true,
    description: 'Wage subsidy periods, newest first.',
  })
  loonkostensubsidies(
    @Root() inzage: Casusinzage,
    @Ctx() ctx: RequestContext,
  ): Promise<Loonkostensubsidie[]> {
    return ctx.casusLoaders.get(loonkostensubsidiesByBsn).load(inzage.grant.bsn);
  }

  @Casusgegeven(ACTIVITEITEN.inburgering)
  @FieldResolver(() => [Inburgering], { nullable: true, description: 'Civic integration, newest first.' })
  inburgeringen(@Root() inzage: Casusinzage, @Ctx() ctx: RequestContext): Promise<Inburgering[]> {
    return ctx.casusLoaders.get(inburgeringenByBsn).load(inzage.grant.bsn);
  }
}
