import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import {
  beslisGebruiksrapport,
  buitenKantoortijd,
  drempelVan,
  geweigerd,
  KANTOORTIJD,
  MAX_DREMPEL_PER_UUR,
  meestGeraadpleegd,
  STANDAARD_DREMPEL_PER_UUR,
  veelRaadplegers,
  type Geraadpleegde as GeraadpleegdeWaarde,
  type Raadplegingen as RaadplegingenWaarde,
  type VeelRaadpleger as VeelRaadplegerWaarde,
} from './gebruiksrapport';
import {
  Gebruiksrapport,
  Geraadpleegde,
  Raadplegingen,
  VeelRaadpleger,
  type GebruiksrapportageBron,
  type GebruiksrapportBron,
} from './gebruiksrapport.type';
import { paginagrootte } from './logboek';
import type { LogboekVeldOptions } from './logboek.resolver';

const FIRST = {
  nullable: true,
  description: `Rows, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
} as const;

/**
 * This subgraph's field on `Gebruiksrapportage`: the usage reports of its own log, for its own
 * PRIVACY_OFFICER with purpose toezicht (ACCESS.md rule 7); FORBIDDEN for anyone else.
 */
export function gebruiksrapportageResolver(
  Gebruiksrapportage: ClassType,
  { veld, register }: LogboekVeldOptions,
): ClassType {
  @Resolver(() => Gebruiksrapportage)
  class GebruiksrapportageResolver {
    @FieldResolver(() => Gebruiksrapport, {
      name: veld,
      nullable: true,
      description:
        `Usage reports of the processing log of ${veld}. Null with FORBIDDEN unless a PRIVACY_OFFICER ` +
        'of this partner reads them for toezicht.',
    })
    rapport(@Root() bron: GebruiksrapportageBron, @Ctx() ctx: RequestContext): GebruiksrapportBron {
      const besluit = beslisGebruiksrapport(ctx.caller, ctx.purpose, ctx.regels.subgraph);
      if (!besluit.toegestaan) throw forbidden(besluit.reden);
      return { periode: bron.rapportperiode, register };
    }
  }
  return GebruiksrapportageResolver;
}

/**
 * The reports themselves, computed in SQL from this subgraph's log and actor records. Their parent is
 * made only by `gebruiksrapportageResolver`, after its decision, so the reports need none of their own.
 */
@Resolver(() => Gebruiksrapport)
export class GebruiksrapportResolver {
  @FieldResolver(() => Raadplegingen, {
    description:
      `Look-ups outside office hours: outside Monday to Friday ${KANTOORTIJD.van}–${KANTOORTIJD.tot} ` +
      `${KANTOORTIJD.tijdzone} (public holidays count as working days), by employees, newest first.`,
  })
  buitenKantoortijd(
    @Root() bron: GebruiksrapportBron,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RaadplegingenWaarde> {
    return buitenKantoortijd(ctx.db.reader, bron.periode, paginagrootte(first), bron.register);
  }

  @FieldResolver(() => [VeelRaadpleger], {
    description:
      'Employees who looked up more distinct residents than `drempel` within one clock hour (refused ' +
      'attempts included), most residents first.',
  })
  veelRaadplegers(
    @Root() bron: GebruiksrapportBron,
    @Arg('drempel', () => Int, {
      nullable: true,
      description: `Distinct residents per hour, 1 to ${MAX_DREMPEL_PER_UUR} (default ${STANDAARD_DREMPEL_PER_UUR}).`,
    })
    drempel: number | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<VeelRaadplegerWaarde[]> {
    return veelRaadplegers(ctx.db.reader, bron.periode, drempelVan(drempel), paginagrootte(first));
  }

  @FieldResolver(() => [Geraadpleegde], {
    description: 'The residents whose data was looked at most, as pseudonyms, most look-ups first.',
  })
  meestGeraadpleegd(
    @Root() bron: GebruiksrapportBron,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<GeraadpleegdeWaarde[]> {
    return meestGeraadpleegd(ctx.db.reader, bron.periode, paginagrootte(first));
  }

  @FieldResolver(() => Raadplegingen, { description: 'Refused look-ups, newest first.' })
  geweigerd(
    @Root() bron: GebruiksrapportBron,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RaadplegingenWaarde> {
    return geweigerd(ctx.db.reader, bron.periode, paginagrootte(first), bron.register);
  }
}
