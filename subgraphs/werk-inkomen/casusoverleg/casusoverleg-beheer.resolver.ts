import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { medewerker } from '../../../platform/auth/inwoner';
import type { RequestContext } from '../../../platform/context';
import { badUserInput, forbidden } from '../../../platform/errors';
import { serialId } from '../../../platform/ids';
import { inwonerByBsn } from '../inwoner/inwoner.loader';
import { Actie, ActieStatus } from './actie.entity';
import { Agendapunt } from './agendapunt.entity';
import { CasusDeelnemer } from './casus-deelnemer.entity';
import { Casusoverleg, Grondslag } from './casusoverleg.entity';
import {
  ActieInput,
  grondslagVan,
  OpenCasusoverlegInput,
  partnerlijst,
  partnerorganisatie,
  tekst,
  ToestemmingInput,
  toestemmingsperiode,
} from './casusoverleg.input';
import { actieById, casusoverlegById, deelnemersByCasusoverleg } from './casusoverleg.loader';
import { eisBeheerDoel, eisOpen, eisToegang, openBesluit, registreer, vandaag } from './casusoverleg.toegang';
import { Toestemming } from './toestemming.entity';

const TITEL_MAX = 200;
const TEKST_MAX = 2000;
const MEDEWERKER_MAX = 100;

/** The conference an argument names, with its participants; an unknown id is bad input. */
async function laad(
  ctx: RequestContext,
  id: string,
): Promise<{ overleg: Casusoverleg; deelnemers: CasusDeelnemer[] }> {
  eisBeheerDoel(ctx);
  const key = serialId(id);
  const overleg = key === null ? null : await ctx.loaders.get(casusoverlegById).load(key);
  if (!overleg) throw badUserInput('Unknown case conference.');
  return { overleg, deelnemers: await ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id) };
}

/**
 * Opening and managing a case conference: the municipality holds the regie, participants add agenda
 * points and actions. Every change is logged for the resident under the activity `ketenregie`.
 */
@Resolver()
export class CasusoverlegBeheerResolver {
  @Mutation(() => Casusoverleg, {
    description:
      'Opens a case conference about a resident of your gemeenten (KLANTMANAGER of Werk en Inkomen); ' +
      'you become its first participant.',
  })
  async openCasusoverleg(
    @Arg('input', () => OpenCasusoverlegInput) input: OpenCasusoverlegInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg> {
    eisBeheerDoel(ctx);
    const caller = medewerker(ctx);
    const besluit = openBesluit(caller);
    if (!besluit.toegestaan) {
      registreer(ctx, input.bsn, 'openCasusoverleg', false);
      throw forbidden(besluit.reden);
    }
    const titel = tekst(input.titel, 'titel', TITEL_MAX);
    const { wettelijkeGrondslag, partners } = grondslagVan(input);
    // The scoped loader finds residents of the caller's own gemeenten only.
    const inwoner = await ctx.loaders.get(inwonerByBsn).load(input.bsn);
    if (!inwoner) throw badUserInput('Werk en Inkomen knows no resident with this BSN in your gemeenten.');
    const nu = new Date();
    const overleg = await ctx.em.transactional(async (em) => {
      const nieuw = em.create(Casusoverleg, {
        bsn: inwoner.bsn,
        gemeente: inwoner.gemeente,
        titel,
        grondslag: input.grondslag,
        wettelijkeGrondslag,
        partners,
        geopendOp: nu,
        geopendDoor: caller.employeeId,
        organisatie: caller.organisation,
        geslotenOp: null,
      });
      await em.flush();
      em.create(CasusDeelnemer, {
        casusoverlegId: nieuw.id,
        medewerker: caller.employeeId,
        organisatie: caller.organisation,
        toegevoegdOp: nu,
      });
      return nieuw;
    });
    registreer(ctx, overleg.bsn, 'openCasusoverleg', true);
    return overleg;
  }

  @Mutation(() => CasusDeelnemer, { description: 'Adds an employee of a chain partner as participant.' })
  async voegDeelnemerToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('medewerker', () => String, { description: 'Employee id (the `sub` of their token).' })
    medewerker: string,
    @Arg('organisatie', () => String) organisatie: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CasusDeelnemer> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'regie', 'voegDeelnemerToe');
    eisOpen(overleg);
    const deelnemer = {
      medewerker: tekst(medewerker, 'medewerker', MEDEWERKER_MAX),
      organisatie: partnerorganisatie(organisatie, 'organisatie'),
    };
    if (
      deelnemers.some((d) => d.medewerker === deelnemer.medewerker && d.organisatie === deelnemer.organisatie)
    ) {
      throw badUserInput('This employee already takes part in the case conference.');
    }
    const nieuw = ctx.em.create(CasusDeelnemer, {
      casusoverlegId: overleg.id,
      ...deelnemer,
      toegevoegdOp: new Date(),
    });
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'voegDeelnemerToe', true);
    return nieuw;
  }

  @Mutation(() => Toestemming, {
    description:
      'Records the resident’s consent: when and how it was given, its scope and expiry. It governs from ' +
      'now on, in place of any earlier one.',
  })
  async legToestemmingVast(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('input', () => ToestemmingInput) input: ToestemmingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Toestemming> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'regie', 'legToestemmingVast');
    eisOpen(overleg);
    if (overleg.grondslag !== Grondslag.TOESTEMMING) {
      throw badUserInput(
        `This case conference rests on a statute (${overleg.wettelijkeGrondslag ?? ''}), not on consent.`,
      );
    }
    toestemmingsperiode(input, vandaag());
    const toestemming = ctx.em.create(Toestemming, {
      casusoverlegId: overleg.id,
      gegevenOp: input.gegevenOp,
      verlooptOp: input.verlooptOp,
      partners: partnerlijst(input.partners),
      wijze: input.wijze,
      vastgelegdDoor: medewerker(ctx).employeeId,
      vastgelegdOp: new Date(),
      ingetrokkenOp: null,
      ingetrokkenDoor: null,
    });
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'legToestemmingVast', true);
    return toestemming;
  }

  @Mutation(() => Casusoverleg, {
    description:
      'Records that the resident withdraws consent: every consent of the conference ends at once. Any ' +
      'participant may record it, also after closing: withdrawing must be as easy as giving.',
  })
  async trekToestemmingIn(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'trekToestemmingIn');
    const lopend = await ctx.em.find(Toestemming, { casusoverlegId: overleg.id, ingetrokkenOp: null });
    if (lopend.length === 0) throw badUserInput('There is no consent to withdraw.');
    const nu = new Date();
    for (const toestemming of lopend) {
      toestemming.ingetrokkenOp = nu;
      toestemming.ingetrokkenDoor = medewerker(ctx).employeeId;
    }
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'trekToestemmingIn', true);
    return overleg;
  }

  @Mutation(() => Agendapunt, { description: 'Adds an item at the end of the agenda.' })
  async voegAgendapuntToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('onderwerp', () => String) onderwerp: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Agendapunt> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'voegAgendapuntToe');
    eisOpen(overleg);
    const tekstOnderwerp = tekst(onderwerp, 'onderwerp', TEKST_MAX);
    const laatste = await ctx.em.findOne(
      Agendapunt,
      { casusoverlegId: overleg.id },
      { orderBy: { volgorde: 'desc' } },
    );
    const punt = ctx.em.create(Agendapunt, {
      casusoverlegId: overleg.id,
      volgorde: (laatste?.volgorde ?? 0) + 1,
      onderwerp: tekstOnderwerp,
    });
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'voegAgendapuntToe', true);
    return punt;
  }

  @Mutation(() => Actie, { description: 'Records an agreed action of one partner.' })
  async voegActieToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('input', () => ActieInput) input: ActieInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Actie> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'voegActieToe');
    eisOpen(overleg);
    const actie = ctx.em.create(Actie, {
      casusoverlegId: overleg.id,
      eigenaarOrganisatie: partnerorganisatie(input.eigenaarOrganisatie, 'eigenaarOrganisatie'),
      omschrijving: tekst(input.omschrijving, 'omschrijving', TEKST_MAX),
      deadline: input.deadline,
      status: ActieStatus.OPEN,
    });
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'voegActieToe', true);
    return actie;
  }

  @Mutation(() => Actie, { description: 'Sets the status of an action.' })
  async wijzigActieStatus(
    @Arg('actieId', () => ID) actieId: string,
    @Arg('status', () => ActieStatus) status: ActieStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<Actie> {
    eisBeheerDoel(ctx);
    const key = serialId(actieId);
    const actie = key === null ? null : await ctx.loaders.get(actieById).load(key);
    if (!actie) throw badUserInput('Unknown action.');
    const { overleg, deelnemers } = await laad(ctx, String(actie.casusoverlegId));
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'wijzigActieStatus');
    eisOpen(overleg);
    actie.status = status;
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'wijzigActieStatus', true);
    return actie;
  }

  @Mutation(() => Casusoverleg, {
    description: 'Closes the case conference: from now on nobody sees the combined situation through it.',
  })
  async sluitCasusoverleg(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId);
    eisToegang(ctx, overleg, deelnemers, 'regie', 'sluitCasusoverleg');
    eisOpen(overleg);
    overleg.geslotenOp = new Date();
    await ctx.em.flush();
    registreer(ctx, overleg.bsn, 'sluitCasusoverleg', true);
    return overleg;
  }
}
