import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';
import type { RequestContext } from '../../../platform/context';
import { Inburgering } from '../inburgering/inburgering.entity';
import { Loonkostensubsidie } from '../loonkostensubsidie/loonkostensubsidie.entity';
import { Uitkering } from '../uitkering/uitkering.entity';
import { Inwoner } from './inwoner.entity';
import {
  inburgeringenByBsn,
  inwonerByBsn,
  loonkostensubsidiesByBsn,
  uitkeringenByBsn,
} from './inwoner.loader';

@Resolver(() => Inwoner)
export class InwonerResolver {
  @Query(() => Inwoner, {
    nullable: true,
    description: 'A resident by BSN; null when Werk en Inkomen does not know them.',
  })
  inwoner(@Arg('bsn', () => BSNScalar) bsn: string, @Ctx() ctx: RequestContext): Promise<Inwoner | null> {
    return ctx.loaders.get(inwonerByBsn).load(bsn);
  }

  @FieldResolver(() => [Uitkering], {
    nullable: true,
    description: 'Benefits, newest first.',
  })
  uitkeringen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Uitkering[]> {
    return ctx.loaders.get(uitkeringenByBsn).load(inwoner.bsn);
  }

  @FieldResolver(() => [Loonkostensubsidie], {
    nullable: true,
    description: 'Wage subsidy periods, newest first.',
  })
  loonkostensubsidies(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Loonkostensubsidie[]> {
    return ctx.loaders.get(loonkostensubsidiesByBsn).load(inwoner.bsn);
  }

  @FieldResolver(() => [Inburgering], { nullable: true })
  inburgeringen(@Root() inwoner: Inwoner, @Ctx() ctx: RequestContext): Promise<Inburgering[]> {
    return ctx.loaders.get(inburgeringenByBsn).load(inwoner.bsn);
  }
}
