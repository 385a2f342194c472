import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { vandaag } from '../../../platform/dag';
import { medewerker as medewerkerVan } from '../../../platform/auth/inwoner';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { CASUSROLLEN } from '../../../platform/auth/principals';
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
  bewijsVan,
  grondslagVan,
  OpenCasusoverlegInput,
  partnerlijst,
  partnerorganisatie,
  tekst,
  ToestemmingInput,
  toestemmingsperiode,
} from './casusoverleg.input';
import { actieById, casusoverlegById, deelnemersByCasusoverleg } from './casusoverleg.loader';
import {
  eisBeheerDoel,
  eisOpen,
  eisToegang,
  nieuweToestemmingGebrek,
  openBesluit,
  registreer,
  vastleggerBesluit,
} from './casusoverleg.toegang';
import { GRONDSLAGEN } from './grondslagen';
import { Toestemming } from './toestemming.entity';

const TITEL_MAX = 200;
const TEKST_MAX = 2000;
const MEDEWERKER_MAX = 100;

/** The conference an argument names, with its participants; an unknown id is bad input. */
async function laad(
  ctx: RequestContext,
  id: string,
  veld: string,
): Promise<{ overleg: Casusoverleg; deelnemers: CasusDeelnemer[] }> {
  const key = serialId(id);
  const overleg = key === null ? null : await ctx.loaders.get(casusoverlegById).load(key);
  eisBeheerDoel(ctx, overleg && { bsn: overleg.bsn, veld });
  if (!overleg) throw badUserInput('Unknown case conference.');
  return { overleg, deelnemers: await ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id) };
}

/**
 * The conference's consent records, read while its row is locked (until the mutation's transaction
 * ends): recording and withdrawing consent take turns, so a withdrawal never misses a consent recorded at
 * the same moment, and the rules after a withdrawal see it.
 */
async function consentHistoryLocked(em: EntityManager, casusoverlegId: number): Promise<Toestemming[]> {
  await em.findOneOrFail(Casusoverleg, casusoverlegId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  return em.find(Toestemming, { casusoverlegId }, { orderBy: { id: 'asc' } });
}

/**
 * Opening and managing a case conference: the municipality holds the regie, participants add agenda
 * points and actions. Every change is logged for the resident under the activity `ketenregie`. Each
 * mutation runs in one transaction with its log line (`runMutationWithLog`, applied to every mutation by
 * `buildFederatedSchema`): its writes go through `ctx.db.em`, which commits them with the line.
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
    eisBeheerDoel(ctx, { bsn: input.bsn, veld: 'openCasusoverleg' });
    const besluit = openBesluit(medewerkerVan(ctx));
    if (!besluit.toegestaan) {
      registreer(ctx, input.bsn, 'openCasusoverleg', false);
      throw forbidden(besluit.reden);
    }
    const titel = tekst(input.titel, 'titel', TITEL_MAX);
    const { wettelijkeGrondslag, partners } = grondslagVan(input, vandaag(), GRONDSLAGEN);
    // The scoped loader finds residents of the caller's own gemeenten only.
    const inwoner = await ctx.loaders.get(inwonerByBsn).load(input.bsn);
    if (!inwoner) throw badUserInput('Werk en Inkomen knows no resident with this BSN in your gemeenten.');
    const nu = new Date();
    const overleg = ctx.db.em.create(Casusoverleg, {
      bsn: inwoner.bsn,
      gemeente: inwoner.gemeente,
      titel,
      grondslag: input.grondslag,
      wettelijkeGrondslag,
      partners,
      geopendOp: nu,
      geopendDoor: medewerkerVan(ctx).employeeId,
      organisatie: medewerkerVan(ctx).organisation,
      geslotenOp: null,
    });
    // The participant refers to the conference by id.
    await ctx.db.em.flush();
    ctx.db.em.create(CasusDeelnemer, {
      casusoverlegId: overleg.id,
      medewerker: medewerkerVan(ctx).employeeId,
      organisatie: medewerkerVan(ctx).organisation,
      rol: 'KLANTMANAGER',
      toegevoegdOp: nu,
    });
    registreer(ctx, overleg.bsn, 'openCasusoverleg', true, overleg.id);
    return overleg;
  }

  @Mutation(() => CasusDeelnemer, {
    description:
      'Adds an employee of a chain partner as participant, in the case role of their organisation ' +
      '(KLANTMANAGER, TRAJECTBEGELEIDER, ADVISEUR_WERK, SCHULDHULPVERLENER or LOOPBAANADVISEUR): they read ' +
      'and act only with a token that carries that role.',
  })
  async voegDeelnemerToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('medewerker', () => String, { description: 'Employee id (the `sub` of their token).' })
    medewerker: string,
    @Arg('organisatie', () => String) organisatie: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CasusDeelnemer> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'voegDeelnemerToe');
    eisToegang(ctx, overleg, deelnemers, 'regie', 'voegDeelnemerToe');
    eisOpen(overleg);
    const partner = partnerorganisatie(organisatie, 'organisatie');
    const deelnemer = {
      medewerker: tekst(medewerker, 'medewerker', MEDEWERKER_MAX),
      organisatie: partner,
      rol: CASUSROLLEN[partner],
    };
    if (
      deelnemers.some((d) => d.medewerker === deelnemer.medewerker && d.organisatie === deelnemer.organisatie)
    ) {
      throw badUserInput('This employee already takes part in the case conference.');
    }
    const nieuw = ctx.db.em.create(CasusDeelnemer, {
      casusoverlegId: overleg.id,
      ...deelnemer,
      toegevoegdOp: new Date(),
    });
    registreer(ctx, overleg.bsn, 'voegDeelnemerToe', true, overleg.id);
    return nieuw;
  }

  @Mutation(() => Toestemming, {
    description:
      'Records the resident’s consent: when and how it was given and its evidence, its scope, and its ' +
      'expiry (at most 12 months after it was given). Recorded by a participant other than the one who ' +
      'opened the conference; after a withdrawal by another than the one who recorded it, for consent ' +
      'given on a later day. It governs from now on, in place of any earlier one, which stays as history.',
  })
  async legToestemmingVast(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('input', () => ToestemmingInput) input: ToestemmingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Toestemming> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'legToestemmingVast');
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'legToestemmingVast');
    eisOpen(overleg);
    if (overleg.grondslag !== Grondslag.TOESTEMMING) {
      throw badUserInput(
        `This case conference rests on a statute (${overleg.wettelijkeGrondslag ?? ''}), not on consent.`,
      );
    }
    const toestemmingen = await consentHistoryLocked(ctx.db.em, overleg.id);
    const besluit = vastleggerBesluit(overleg, deelnemers, toestemmingen, medewerkerVan(ctx));
    if (!besluit.toegestaan) {
      registreer(ctx, overleg.bsn, 'legToestemmingVast', false, overleg.id);
      throw forbidden(besluit.reden);
    }
    toestemmingsperiode(input, vandaag());
    const nieuw = {
      gegevenOp: input.gegevenOp,
      verlooptOp: input.verlooptOp,
      partners: partnerlijst(input.partners),
      wijze: input.wijze,
      bewijs: bewijsVan(input.bewijs, overleg.bsn),
    };
    const gebrek = nieuweToestemmingGebrek(toestemmingen, nieuw);
    if (gebrek) throw badUserInput(gebrek);
    const toestemming = ctx.db.em.create(Toestemming, {
      casusoverlegId: overleg.id,
      ...nieuw,
      vastgelegdDoor: medewerkerVan(ctx).employeeId,
      vastgelegdDoorOrganisatie: medewerkerVan(ctx).organisation,
      vastgelegdOp: new Date(),
      ingetrokkenOp: null,
      ingetrokkenDoor: null,
      ingetrokkenDoorOrganisatie: null,
    });
    registreer(ctx, overleg.bsn, 'legToestemmingVast', true, overleg.id);
    return toestemming;
  }

  @Mutation(() => Casusoverleg, {
    description:
      'Records that the resident withdraws consent: every consent of the conference ends at once and ' +
      'stays withdrawn; only a new consent record opens data again. Any participant may record it, also ' +
      'after closing: withdrawing must be as easy as giving.',
  })
  async trekToestemmingIn(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'trekToestemmingIn');
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'trekToestemmingIn');
    const lopend = (await consentHistoryLocked(ctx.db.em, overleg.id)).filter(
      (t) => t.ingetrokkenOp === null,
    );
    if (lopend.length === 0) throw badUserInput('There is no consent to withdraw.');
    const nu = new Date();
    for (const toestemming of lopend) {
      toestemming.ingetrokkenOp = nu;
      toestemming.ingetrokkenDoor = medewerkerVan(ctx).employeeId;
      toestemming.ingetrokkenDoorOrganisatie = medewerkerVan(ctx).organisation;
    }
    registreer(ctx, overleg.bsn, 'trekToestemmingIn', true, overleg.id);
    return overleg;
  }

  @Mutation(() => Agendapunt, { description: 'Adds an item at the end of the agenda.' })
  async voegAgendapuntToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('onderwerp', () => String) onderwerp: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Agendapunt> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'voegAgendapuntToe');
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'voegAgendapuntToe');
    eisOpen(overleg);
    const tekstOnderwerp = tekst(onderwerp, 'onderwerp', TEKST_MAX);
    const laatste = await ctx.db.em.findOne(
      Agendapunt,
      { casusoverlegId: overleg.id },
      { orderBy: { volgorde: 'desc' } },
    );
    const punt = ctx.db.em.create(Agendapunt, {
      casusoverlegId: overleg.id,
      volgorde: (laatste?.volgorde ?? 0) + 1,
      onderwerp: tekstOnderwerp,
    });
    registreer(ctx, overleg.bsn, 'voegAgendapuntToe', true, overleg.id);
    return punt;
  }

  @Mutation(() => Actie, { description: 'Records an agreed action of one partner.' })
  async voegActieToe(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Arg('input', () => ActieInput) input: ActieInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Actie> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'voegActieToe');
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'voegActieToe');
    eisOpen(overleg);
    const actie = ctx.db.em.create(Actie, {
      casusoverlegId: overleg.id,
      eigenaarOrganisatie: partnerorganisatie(input.eigenaarOrganisatie, 'eigenaarOrganisatie'),
      omschrijving: tekst(input.omschrijving, 'omschrijving', TEKST_MAX),
      deadline: input.deadline,
      status: ActieStatus.OPEN,
    });
    registreer(ctx, overleg.bsn, 'voegActieToe', true, overleg.id);
    return actie;
  }

  @Mutation(() => Actie, { description: 'Sets the status of an action.' })
  async wijzigActieStatus(
    @Arg('actieId', () => ID) actieId: string,
    @Arg('status', () => ActieStatus) status: ActieStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<Actie> {
    const key = serialId(actieId);
    const actie = key === null ? null : await ctx.loaders.get(actieById).load(key);
    if (!actie) {
      eisBeheerDoel(ctx);
      throw badUserInput('Unknown action.');
    }
    const { overleg, deelnemers } = await laad(ctx, String(actie.casusoverlegId), 'wijzigActieStatus');
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'wijzigActieStatus');
    eisOpen(overleg);
    actie.status = status;
    registreer(ctx, overleg.bsn, 'wijzigActieStatus', true, overleg.id);
    return actie;
  }

  @Mutation(() => Casusoverleg, {
    description: 'Closes the case conference: from now on nobody sees the combined situation through it.',
  })
  async sluitCasusoverleg(
    @Arg('casusoverlegId', () => ID) casusoverlegId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg> {
    const { overleg, deelnemers } = await laad(ctx, casusoverlegId, 'sluitCasusoverleg');
    eisToegang(ctx, overleg, deelnemers, 'regie', 'sluitCasusoverleg');
    eisOpen(overleg);
    overleg.geslotenOp = new Date();
    registreer(ctx, overleg.bsn, 'sluitCasusoverleg', true, overleg.id);
    return overleg;
  }
}
