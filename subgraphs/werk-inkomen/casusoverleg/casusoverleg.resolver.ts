import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { vandaag } from '../../../platform/dag';
import { openCasuslogboek, type CasuslogboekRoot } from '../../../platform/audit/casuslogboek';
import { paginagrootte } from '../../../platform/audit/logboek';
import { logboekVan } from '../../../platform/audit/logboek.schema';
import { medewerker as medewerkerVan } from '../../../platform/auth/inwoner';
import { CASUSROLLEN, heeftCasusrol } from '../../../platform/auth/principals';
import { openCasusinzage, type CasusinzageRoot } from '../../../platform/casusinzage';
import type { RequestContext } from '../../../platform/context';
import { forbidden } from '../../../platform/errors';
import { serialId } from '../../../platform/ids';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/pagination';
import { Casusinzage } from '../casusinzage/casusinzage.type';
import { Actie } from './actie.entity';
import { Agendapunt } from './agendapunt.entity';
import { CasusDeelnemer } from './casus-deelnemer.entity';
import { Casusoverleg } from './casusoverleg.entity';
import {
  actiesByCasusoverleg,
  agendaByCasusoverleg,
  casusoverlegById,
  deelnemersByCasusoverleg,
  toestemmingenByCasusoverleg,
} from './casusoverleg.loader';
import {
  deelnameBesluit,
  eisBeheerDoel,
  eisToegang,
  inzageBesluit,
  registreer,
} from './casusoverleg.toegang';
import { GRONDSLAGEN } from './grondslagen';
import { Toestemming } from './toestemming.entity';

@Resolver(() => Casusoverleg)
export class CasusoverlegResolver {
  @Query(() => Casusoverleg, {
    nullable: true,
    description:
      'A case conference by id, for its participants and the KLANTMANAGERs that hold its regie; null ' +
      'when unknown.',
  })
  async casusoverleg(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Casusoverleg | null> {
    const key = serialId(id);
    const overleg = key === null ? null : await ctx.loaders.get(casusoverlegById).load(key);
    // Unknown or not, a wrong purpose gets the same refusal; a known conference's resident gets the line.
    eisBeheerDoel(ctx, overleg && { bsn: overleg.bsn, veld: 'casusoverleg' });
    if (!overleg) return null;
    const deelnemers = await ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id);
    eisToegang(ctx, overleg, deelnemers, 'deelname', 'casusoverleg');
    registreer(ctx, overleg.bsn, 'casusoverleg', true, overleg.id);
    return overleg;
  }

  @Query(() => [Casusoverleg], {
    description:
      'The case conferences you take part in (the opener takes part), newest first, closed ones too; ' +
      'FORBIDDEN without the case role of your organisation.',
  })
  async mijnCasusoverleggen(@Ctx() ctx: RequestContext): Promise<Casusoverleg[]> {
    eisBeheerDoel(ctx);
    if (!heeftCasusrol(medewerkerVan(ctx).organisation, medewerkerVan(ctx).roles)) {
      const rol = CASUSROLLEN[medewerkerVan(ctx).organisation];
      throw forbidden(
        `Only case roles take part in case conferences${rol ? `: at ${medewerkerVan(ctx).organisation} that is ${rol}` : ''}; ` +
          'never ANALIST or PRIVACY_OFFICER.',
      );
    }
    const deelnames = await ctx.db.em.find(CasusDeelnemer, {
      medewerker: medewerkerVan(ctx).employeeId,
      organisatie: medewerkerVan(ctx).organisation,
    });
    if (deelnames.length === 0) return [];
    const overleggen = await ctx.db.em.find(
      Casusoverleg,
      { id: { $in: deelnames.map((d) => d.casusoverlegId) } },
      { orderBy: { geopendOp: 'desc', id: 'desc' } },
    );
    for (const overleg of overleggen) registreer(ctx, overleg.bsn, 'mijnCasusoverleggen', true, overleg.id);
    return overleggen;
  }

  @FieldResolver(() => [CasusDeelnemer])
  deelnemers(@Root() overleg: Casusoverleg, @Ctx() ctx: RequestContext): Promise<CasusDeelnemer[]> {
    return ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id);
  }

  @FieldResolver(() => [Toestemming], {
    description:
      'Every consent record with its withdrawal, most recent (the governing one) first: the history stays.',
  })
  toestemmingen(@Root() overleg: Casusoverleg, @Ctx() ctx: RequestContext): Promise<Toestemming[]> {
    return ctx.loaders.get(toestemmingenByCasusoverleg).load(overleg.id);
  }

  @FieldResolver(() => [Agendapunt], { description: 'The agenda, in order.' })
  agenda(@Root() overleg: Casusoverleg, @Ctx() ctx: RequestContext): Promise<Agendapunt[]> {
    return ctx.loaders.get(agendaByCasusoverleg).load(overleg.id);
  }

  @FieldResolver(() => [Actie], { description: 'Agreed actions, earliest deadline first.' })
  acties(@Root() overleg: Casusoverleg, @Ctx() ctx: RequestContext): Promise<Actie[]> {
    return ctx.loaders.get(actiesByCasusoverleg).load(overleg.id);
  }

  @FieldResolver(() => Casusinzage, {
    nullable: true,
    description:
      'The resident’s combined situation at the partners in scope: for participants in their case role, ' +
      'for purpose casusoverleg, while the conference is open and its legal basis holds today (a sound ' +
      'consent given, not expired, not withdrawn; or a statute in force). Otherwise FORBIDDEN with the reason.',
  })
  async inzage(@Root() overleg: Casusoverleg, @Ctx() ctx: RequestContext): Promise<CasusinzageRoot> {
    // Loaded in this request from the database as it is now: a withdrawal counts from the next request.
    const [deelnemers, toestemmingen] = await Promise.all([
      ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id),
      ctx.loaders.get(toestemmingenByCasusoverleg).load(overleg.id),
    ]);
    const besluit = inzageBesluit({
      overleg,
      deelnemers,
      toestemmingen,
      caller: medewerkerVan(ctx),
      purpose: ctx.purpose,
      dag: vandaag(),
      grondslagen: GRONDSLAGEN,
    });
    registreer(ctx, overleg.bsn, 'inzage', besluit.toegestaan, overleg.id);
    if (!besluit.toegestaan) throw forbidden(besluit.reden);
    return openCasusinzage(ctx, {
      bsn: overleg.bsn,
      casusoverlegId: String(overleg.id),
      partners: besluit.partners,
    });
  }

  @FieldResolver(() => logboekVan('werkInkomen').Casuslogboek, {
    nullable: true,
    description:
      'Who looked at the resident’s data for this conference, per partner, newest first: each partner ' +
      'lists the looks its own log records for it. For participants in their case role, for purpose ' +
      'casusoverleg, also once the conference is closed or consent is withdrawn (the log is history, ' +
      'not new data). Reading it is logged by every partner. Otherwise FORBIDDEN with the reason.',
  })
  async logboek(
    @Root() overleg: Casusoverleg,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Lines per partner, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
    })
    first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CasuslogboekRoot> {
    const aantal = paginagrootte(first);
    const deelnemers = await ctx.loaders.get(deelnemersByCasusoverleg).load(overleg.id);
    const besluit =
      ctx.purpose === 'casusoverleg'
        ? deelnameBesluit(medewerkerVan(ctx), deelnemers)
        : {
            toegestaan: false as const,
            reden: 'The log of a case conference is shown for purpose casusoverleg only.',
          };
    registreer(ctx, overleg.bsn, 'logboek', besluit.toegestaan, overleg.id);
    if (!besluit.toegestaan) throw forbidden(besluit.reden);
    return openCasuslogboek(ctx, { bsn: overleg.bsn, casusoverlegId: String(overleg.id), first: aantal });
  }
}
