import { LockMode } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../../platform/context';
import { badUserInput } from '../../../platform/errors';
import { DateScalar } from '../../../platform/scalars';
import { schrijfGebeurtenis } from '../../../platform/signalen/gebeurtenis';
import { eigenWijziging, notFound } from '../../../platform/signalen/wijziging';
import { ACTIVITEITEN } from '../toegang';
import { Uitkering, Uitstroomreden } from './uitkering.entity';

@Resolver()
export class UitkeringBeheerResolver {
  @Mutation(() => Uitkering, {
    description:
      'Ends a running benefit on its last day, with the reason. Publishes UITKERING_BEEINDIGD (that a ' +
      'benefit ended, not why) in the same transaction, for the chain’s early-warning signals.',
  })
  async beeindigUitkering(
    @Arg('id', () => ID) id: string,
    @Arg('einddatum', () => DateScalar) einddatum: string,
    @Arg('uitstroomreden', () => Uitstroomreden) uitstroomreden: Uitstroomreden,
    @Ctx() ctx: RequestContext,
  ): Promise<Uitkering> {
    if (!/^\d{1,9}$/.test(id)) throw badUserInput('id must be the number of a benefit.');
    const em = ctx.db.em;
    const uitkering = await em.findOne(
      Uitkering,
      { id: Number(id) },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    if (!uitkering) throw notFound(`No benefit ${id}.`);
    eigenWijziging(ctx, ACTIVITEITEN.uitkeringsverstrekking, {
      bsn: uitkering.bsn,
      gemeente: uitkering.gemeente,
      veld: 'beeindigUitkering',
    });
    if (uitkering.einddatum !== null) throw badUserInput('This benefit has ended already.');
    if (einddatum < uitkering.ingangsdatum) throw badUserInput('einddatum lies before the ingangsdatum.');
    uitkering.einddatum = einddatum;
    uitkering.uitstroomreden = uitstroomreden;
    await schrijfGebeurtenis(em, {
      soort: 'UITKERING_BEEINDIGD',
      bsn: uitkering.bsn,
      gemeente: uitkering.gemeente,
      datum: einddatum,
    });
    return uitkering;
  }
}
