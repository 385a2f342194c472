import { Arg, Ctx, Field, InputType, Int, Mutation, Resolver } from 'type-graphql';
import { BSNScalar } from '../../../platform/bsn';
import type { RequestContext } from '../../../platform/context';
import { badUserInput } from '../../../platform/errors';
import { gemeenteNaam } from '../../../platform/gemeenten';
import { DateScalar } from '../../../platform/scalars';
import { schrijfGebeurtenis } from '../../../platform/signalen/gebeurtenis';
import { eigenWijziging } from '../../../platform/signalen/wijziging';
import { ACTIVITEITEN } from '../toegang';
import { Vroegsignaal, VroegsignaalSoort } from './vroegsignaal.entity';

@InputType('RegistreerVroegsignaalInput')
export class RegistreerVroegsignaalInput {
  @Field(() => BSNScalar)
  bsn!: string;

  @Field(() => String, { description: 'The resident’s gemeente (CBS code), one you work for.' })
  gemeente!: string;

  @Field(() => VroegsignaalSoort)
  soort!: VroegsignaalSoort;

  @Field(() => DateScalar)
  datum!: string;

  @Field(() => Int, { description: 'Arrears in euro cents.' })
  bedragCenten!: number;
}

@Resolver()
export class VroegsignaalBeheerResolver {
  @Mutation(() => Vroegsignaal, {
    description:
      'Records a creditor’s report of payment arrears. Publishes VROEGSIGNAAL_ONTVANGEN (that there is ' +
      'a signal, not its kind or amount) in the same transaction, for the chain’s early-warning signals.',
  })
  async registreerVroegsignaal(
    @Arg('input', () => RegistreerVroegsignaalInput) input: RegistreerVroegsignaalInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Vroegsignaal> {
    if (!gemeenteNaam(input.gemeente)) throw badUserInput('gemeente must be a CBS code such as GM0164.');
    if (!Number.isInteger(input.bedragCenten) || input.bedragCenten <= 0) {
      throw badUserInput('bedragCenten must be a positive number of euro cents.');
    }
    eigenWijziging(ctx, ACTIVITEITEN.vroegsignalering, {
      bsn: input.bsn,
      gemeente: input.gemeente,
      veld: 'registreerVroegsignaal',
    });
    const em = ctx.db.em;
    const vroegsignaal = em.create(Vroegsignaal, {
      bsn: input.bsn,
      gemeente: input.gemeente,
      soort: input.soort,
      datum: input.datum,
      bedragCenten: input.bedragCenten,
    });
    em.persist(vroegsignaal);
    await schrijfGebeurtenis(em, {
      soort: 'VROEGSIGNAAL_ONTVANGEN',
      bsn: input.bsn,
      gemeente: input.gemeente,
      datum: input.datum,
    });
    return vroegsignaal;
  }
}
