import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';
import type { RequestContext } from '../../../platform/context';
import { badUserInput } from '../../../platform/errors';
import { gemeenteNaam } from '../../../platform/gemeenten';
import { DateScalar } from '../../../platform/scalars';
import { schrijfGebeurtenis } from '../../../platform/signalen/gebeurtenis';
import { eigenWijziging, notFound } from '../../../platform/signalen/wijziging';
import { ACTIVITEITEN } from '../toegang';
import { Werkgever } from '../werkgever/werkgever.entity';
import { Plaatsing, PlaatsingSoort } from './plaatsing.entity';

@InputType('StartPlaatsingInput')
export class StartPlaatsingInput {
  @Field(() => BSNScalar)
  bsn!: string;

  @Field(() => String, { description: 'The resident’s gemeente (CBS code), one you work for.' })
  gemeente!: string;

  @Field(() => ID)
  werkgeverId!: string;

  @Field(() => PlaatsingSoort)
  soort!: PlaatsingSoort;

  @Field(() => Boolean)
  metLks!: boolean;

  @Field(() => DateScalar)
  startdatum!: string;
}

@Resolver()
export class PlaatsingBeheerResolver {
  @Mutation(() => Plaatsing, {
    description:
      'Records a placement that starts. Publishes PLAATSING_GESTART (that a placement started, not ' +
      'where) in the same transaction, for the chain’s early-warning signals.',
  })
  async startPlaatsing(
    @Arg('input', () => StartPlaatsingInput) input: StartPlaatsingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Plaatsing> {
    if (!gemeenteNaam(input.gemeente)) throw badUserInput('gemeente must be a CBS code such as GM0164.');
    if (!/^\d{1,9}$/.test(input.werkgeverId))
      throw badUserInput('werkgeverId must be the number of an employer.');
    eigenWijziging(ctx, ACTIVITEITEN.bemiddeling, {
      bsn: input.bsn,
      gemeente: input.gemeente,
      veld: 'startPlaatsing',
    });
    const em = ctx.db.em;
    const werkgever = await em.findOne(Werkgever, { id: Number(input.werkgeverId) });
    if (!werkgever) throw notFound(`No employer ${input.werkgeverId}.`);
    const plaatsing = em.create(Plaatsing, {
      bsn: input.bsn,
      gemeente: input.gemeente,
      werkgeverId: werkgever.id,
      vacatureId: null,
      soort: input.soort,
      metLks: input.metLks,
      startdatum: input.startdatum,
      einddatum: null,
    });
    em.persist(plaatsing);
    await schrijfGebeurtenis(em, {
      soort: 'PLAATSING_GESTART',
      bsn: input.bsn,
      gemeente: input.gemeente,
      datum: input.startdatum,
    });
    return plaatsing;
  }
}
