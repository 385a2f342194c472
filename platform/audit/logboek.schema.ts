import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { inwoner, OpenToInwoner } from '../auth/inwoner';
import type { RequestContext } from '../context';
import type { ReferenceResolver } from '../federation';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { logperiodeVan, zoekvraagVan } from './logboek';
import { logboekResolver, type LogboekVeldOptions } from './logboek.resolver';
import {
  LogboekFilter,
  logboekBron,
  logboekType,
  resolveLogboekReference,
  type LogboekBron,
} from './logboek.type';
import { GebruiksrapportResolver, gebruiksrapportageResolver } from './gebruiksrapport.resolver';
import {
  gebruiksrapportageBron,
  gebruiksrapportageType,
  resolveGebruiksrapportageReference,
  type GebruiksrapportageBron,
} from './gebruiksrapport.type';
import { casuslogboekResolver, casuslogboekType, resolveCasuslogboekReference } from './casuslogboek';
import { inzagevraagVan } from './mijn-inzage';
import { mijnInzageResolver } from './mijn-inzage.resolver';
import {
  inzageoverzichtBron,
  inzageoverzichtType,
  resolveInzageoverzichtReference,
  type InzageoverzichtBron,
} from './mijn-inzage.type';

const FIRST = {
  nullable: true,
  description: `Lines per partner, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
} as const;
const VAN = { nullable: true, description: 'From this moment (inclusive), ISO timestamp.' } as const;
const TOT = { nullable: true, description: 'Until this moment (exclusive), ISO timestamp.' } as const;

interface Ingangen {
  Logboek: ClassType;
  Inzageoverzicht: ClassType;
  Gebruiksrapportage: ClassType;
}

/**
 * The entry points of the log: one subgraph (werk-inkomen) validates the question and names it;
 * every subgraph, that one included, decides on and answers its own field.
 */
function ingangResolver({ Logboek, Inzageoverzicht, Gebruiksrapportage }: Ingangen): ClassType {
  @Resolver()
  class LogboekIngangResolver {
    @Query(() => Logboek, {
      description:
        'Searches the processing log (Logboek dataverwerkingen, "lezen"): for a PRIVACY_OFFICER, the ' +
        'log of their own organisation, for purpose toezicht or (with a bsn) inzageverzoek.',
    })
    logboek(
      @Arg('filter', () => LogboekFilter) filter: LogboekFilter,
      @Arg('first', () => Int, FIRST) first: number | null,
    ): LogboekBron {
      return logboekBron(zoekvraagVan(filter, first));
    }

    @OpenToInwoner()
    @Query(() => Inzageoverzicht, {
      nullable: true,
      description:
        'Your access report as a resident (role INWONER): who processed your data at every partner, ' +
        'for what purpose and on what legal basis. The BSN is the one of your token.',
    })
    mijnInzage(
      @Arg('van', () => String, VAN) van: string | null,
      @Arg('tot', () => String, TOT) tot: string | null,
      @Arg('first', () => Int, FIRST) first: number | null,
      @Ctx() ctx: RequestContext,
    ): InzageoverzichtBron {
      inwoner(ctx);
      return inzageoverzichtBron(inzagevraagVan({ van, tot }, first));
    }

    @Query(() => Gebruiksrapportage, {
      description:
        'Usage reports of the processing log, per partner, for a period: for the PRIVACY_OFFICER of ' +
        'each partner, for purpose toezicht.',
    })
    gebruiksrapportage(
      @Arg('van', () => String, VAN) van: string | null,
      @Arg('tot', () => String, TOT) tot: string | null,
    ): GebruiksrapportageBron {
      return gebruiksrapportageBron(logperiodeVan({ van, tot }));
    }
  }
  return LogboekIngangResolver;
}

export interface LogboekSchemaOptions extends LogboekVeldOptions {
  /** Whether this subgraph serves the entry queries (`logboek`, `mijnInzage`, `gebruiksrapportage`). */
  ingang?: boolean;
}

export interface LogboekSchema {
  resolvers: ClassType[];
  /** The federated types, to list as orphaned types where no query of the subgraph returns them. */
  types: ClassType[];
  referenceResolvers: Record<string, ReferenceResolver<never>>;
  /** The log of one case conference, which werk-inkomen's `Casusoverleg.logboek` returns. */
  Casuslogboek: ClassType;
}

/**
 * A subgraph's part of the processing log's schema, in one call: its field on each federated log type
 * (`Logboek`, `Inzageoverzicht`, `Gebruiksrapportage`, `Casuslogboek`), each answered from its own log with its own
 * register and pseudonym key, and their reference resolvers.
 */
export function logboekSchema({ ingang = false, ...veld }: LogboekSchemaOptions): LogboekSchema {
  const gebouwd = gebouwdeLogboeken.get(veld.veld);
  if (gebouwd) return gebouwd;
  const schema = bouwLogboekSchema(ingang, veld);
  gebouwdeLogboeken.set(veld.veld, schema);
  return schema;
}

/**
 * A subgraph's log types, once its schema is built: a resolver of its own that returns one of them
 * (werk-inkomen's `Casusoverleg.logboek`) names it through this, so both mean the same class.
 */
export function logboekVan(veld: string): LogboekSchema {
  const gebouwd = gebouwdeLogboeken.get(veld);
  if (!gebouwd) throw new Error(`The log schema of ${veld} is not built yet`);
  return gebouwd;
}

// One set of classes per subgraph: a type-graphql type is one class, however often its schema is built.
const gebouwdeLogboeken = new Map<string, LogboekSchema>();

function bouwLogboekSchema(ingang: boolean, veld: LogboekVeldOptions): LogboekSchema {
  const Logboek = logboekType();
  const Inzageoverzicht = inzageoverzichtType();
  const Gebruiksrapportage = gebruiksrapportageType();
  const Casuslogboek = casuslogboekType();
  return {
    resolvers: [
      ...(ingang ? [ingangResolver({ Logboek, Inzageoverzicht, Gebruiksrapportage })] : []),
      logboekResolver(Logboek, veld),
      mijnInzageResolver(Inzageoverzicht, veld),
      gebruiksrapportageResolver(Gebruiksrapportage, veld),
      GebruiksrapportResolver,
      casuslogboekResolver(Casuslogboek, veld),
    ],
    types: [Logboek, Inzageoverzicht, Gebruiksrapportage, Casuslogboek],
    referenceResolvers: {
      Logboek: resolveLogboekReference,
      Inzageoverzicht: resolveInzageoverzichtReference,
      Gebruiksrapportage: resolveGebruiksrapportageReference,
      Casuslogboek: resolveCasuslogboekReference,
    },
    Casuslogboek,
  };
}
