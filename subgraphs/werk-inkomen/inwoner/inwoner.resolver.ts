import { Arg, Ctx, Directive, Field, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { vandaag } from '../../../platform/dag';
import { Persoonsgegeven } from '../../../platform/auth/persoonsgegeven';
import { signKetenrelatie } from '../../../platform/auth/ketenrelatie';
import { uitkeringsorganisatieVan } from '../../../platform/auth/policy';
import { BSNScalar } from '../../../platform/bsn';
import type { RequestContext } from '../../../platform/context';
import { DateScalar } from '../../../platform/scalars';
import { Inburgering } from '../inburgering/inburgering.entity';
import { Loonkostensubsidie } from '../loonkostensubsidie/loonkostensubsidie.entity';
import { ACTIVITEITEN } from '../toegang';
import { Regeling, Uitkering } from '../uitkering/uitkering.entity';
import { Inwoner } from './inwoner.entity';
import {
  inburgeringenByBsn,
  inwonerByBsn,
  loonkostensubsidiesByBsn,
  uitkeringenByBsn,
} from './inwoner.loader';

@ObjectType('LopendeUitkering', {
  description: 'That a benefit runs, and its kind: what the partners may know.',
})
class LopendeUitkering {
  @Field(() => Regeling)
  regeling!: Regeling;

  @Field(() => DateScalar)
  sinds!: string;
}

/** The benefit running today, on the Dutch calendar day. */
function lopend(uitkeringen: Uitkering[]): Uitkering | undefined {
  const dag = vandaag();
  return uitkeringen.find((u) => u.ingangsdatum <= dag && (u.einddatum === null || u.einddatum >= dag));
}

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Persoonsgegeven('signaal', ACTIVITEITEN.ketenregie)
  @Query(() => Inwoner, {
    nullable: true,
    description: 'A resident by BSN; null when Werk en Inkomen does not know them in your gemeenten.',
  })
  inwoner(@Arg('bsn', () => BSNScalar) bsn: string, @Ctx() ctx: RequestContext): Promise<Inwoner | null> {
    return ctx.loaders.get(inwonerByBsn).load(bsn);
  }

  @Persoonsgegeven('detail', ACTIVITEITEN.uitkeringsverstrekking)
  @FieldResolver(() => [Uitkering], { nullable: true, description: 'Benefits, newest first.' })
  uitkeringen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Uitkering[]> {
    return ctx.loaders.get(uitkeringenByBsn).load(inwoner.bsn);
  }

  @Persoonsgegeven('signaal', ACTIVITEITEN.ketenregie)
  @FieldResolver(() => LopendeUitkering, {
    nullable: true,
    description: 'The benefit that runs today, if any: kind and start only, never amounts.',
  })
  async lopendeUitkering(
    @Root() inwoner: Inwoner,
    @Ctx() ctx: RequestContext,
  ): Promise<LopendeUitkering | null> {
    const uitkering = lopend(await ctx.loaders.get(uitkeringenByBsn).load(inwoner.bsn));
    return uitkering ? { regeling: uitkering.regeling, sinds: uitkering.ingangsdatum } : null;
  }

  /**
   * The organisation that pays the resident a benefit today, signed for this resident and request:
   * partners' chain-view rules decide on it, and verify it, so no one on the path can change it. The
   * gateway asks for it on their behalf; whether a benefit runs is personal data: logged as such.
   */
  @Persoonsgegeven('signaal', ACTIVITEITEN.ketenregie)
  @Directive('@inaccessible')
  @FieldResolver(() => String, { nullable: true })
  async uitkeringsorganisatie(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<string | null> {
    const uitkering = lopend(await ctx.loaders.get(uitkeringenByBsn).load(inwoner.bsn));
    return uitkering
      ? signKetenrelatie(ctx, inwoner.bsn, uitkeringsorganisatieVan(uitkering.gemeente))
      : null;
  }

  @Persoonsgegeven('detail', ACTIVITEITEN.reintegratie)
  @FieldResolver(() => [Loonkostensubsidie], {
    nullable: true,
    description: 'Wage subsidy periods, newest first.',
  })
  loonkostensubsidies(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Loonkostensubsidie[]> {
    return ctx.loaders.get(loonkostensubsidiesByBsn).load(inwoner.bsn);
  }

  @Persoonsgegeven('detail', ACTIVITEITEN.inburgering)
  @FieldResolver(() => [Inburgering], { nullable: true })
  inburgeringen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Inburgering[]> {
    return ctx.loaders.get(inburgeringenByBsn).load(inwoner.bsn);
  }
}
