import { GraphQLError } from 'graphql';
import {
  Arg,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { medewerker } from '../auth/inwoner';
import { organisationsOf, type Caller } from '../auth/principals';
import { BSNScalar } from '../bsn';
import type { SubgraphName } from '../config';
import type { RequestContext } from '../context';
import { badUserInput, forbidden } from '../errors';
import type { ReferenceResolver } from '../federation';
import { canoniekeSleutel, leesSleutel } from '../audit/logboek';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { runSql } from '../sql';
import { SIGNAAL_TOPIC, type Signaalmelding } from './meldingen';
import type { Signaalregel } from './regel';

export enum SignaalStatus {
  NIEUW = 'NIEUW',
  GEZIEN = 'GEZIEN',
  AFGEHANDELD = 'AFGEHANDELD',
}
registerEnumType(SignaalStatus, {
  name: 'SignaalStatus',
  description: 'NIEUW (not yet opened), GEZIEN (someone opened it), AFGEHANDELD (someone acted on it).',
});

/** One signal in an inbox. Every inbox subgraph returns this value type, hence shareable. */
@ObjectType('Signaal', {
  description:
    'An early-warning signal: that something happened to a resident at another partner, not what. ' +
    'Only the roles its rule names, at the organisation it is for, in their own gemeenten, see it.',
})
@Directive('@shareable')
export class Signaal {
  @Field(() => ID, { description: 'The signal within the partner that holds it (`ontvanger`).' })
  id!: string;

  @Field(() => String, { description: 'The subgraph that holds the signal: where to mark it.' })
  ontvanger!: string;

  @Field(() => String, { description: 'Code of the signal rule.' })
  regel!: string;

  @Field(() => String, { description: 'What the signal says: that there is one, and from which partner.' })
  omschrijving!: string;

  @Field(() => BSNScalar, { description: 'The resident the signal is about.' })
  bsn!: string;

  @Field(() => String)
  gemeente!: string;

  @Field(() => String, { description: 'The processing activity of the delivery, with its legal basis.' })
  activiteit!: string;

  @Field(() => String, { description: 'The legal basis of the signal, from the register.' })
  grondslag!: string;

  @Field(() => String, { description: 'When the change that caused it committed at its source (ISO).' })
  vastgelegdOp!: string;

  @Field(() => String, { description: 'When it reached this inbox (ISO).' })
  ontvangenOp!: string;

  @Field(() => SignaalStatus)
  status!: SignaalStatus;

  @Field(() => String, { nullable: true, description: 'The employee who first saw it.' })
  gezienDoor!: string | null;

  @Field(() => String, { nullable: true })
  gezienOp!: string | null;

  @Field(() => String, { nullable: true, description: 'The employee who handled it.' })
  afgehandeldDoor!: string | null;

  @Field(() => String, { nullable: true })
  afgehandeldOp!: string | null;
}

/** What an inbox entity stands for: which states and how many per partner. */
export interface Inboxvraag {
  status?: SignaalStatus;
  first: number;
}

export interface SignaleninboxBron {
  vraag: string;
  inboxvraag: Inboxvraag;
}

function inboxvraagVan(
  status: SignaalStatus | null | undefined,
  first: number | null | undefined,
): Inboxvraag {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`);
  }
  if (status != null && !Object.values(SignaalStatus).includes(status)) throw badUserInput('Unknown status.');
  return status != null ? { status, first: size } : { first: size };
}

function bron(inboxvraag: Inboxvraag): SignaleninboxBron {
  return { vraag: canoniekeSleutel(inboxvraag), inboxvraag };
}

export function resolveSignaleninboxReference(reference: { vraag: string }): SignaleninboxBron | null {
  const inboxvraag = leesSleutel(reference.vraag, (value: { status?: unknown; first?: unknown }) =>
    inboxvraagVan(value.status as SignaalStatus | undefined, value.first as number),
  );
  return inboxvraag ? { vraag: reference.vraag, inboxvraag } : null;
}

/** The federated inbox: werk-inkomen returns it, every partner that receives signals adds its field. */
export function signaleninboxType(): ClassType {
  @ObjectType('Signaleninbox', {
    description:
      'Early-warning signals for you, per receiving partner: only those your roles, organisation and ' +
      'gemeenten allow, for purpose uitvoering.',
  })
  @Directive('@key(fields: "vraag")')
  class Signaleninbox {
    @Field(() => String)
    @Directive('@inaccessible')
    vraag!: string;
  }
  return Signaleninbox;
}

interface SignaalRij {
  id: number;
  regel: string;
  bsn: string;
  gemeente: string;
  vastgelegd_op: Date | string;
  ontvangen_op: Date | string;
  status: SignaalStatus;
  gezien_door: string | null;
  gezien_op: Date | string | null;
  afgehandeld_door: string | null;
  afgehandeld_op: Date | string | null;
}

const iso = (value: Date | string | null): string | null =>
  value === null ? null : new Date(value).toISOString();

const KOLOMMEN = `id, regel, bsn, gemeente, vastgelegd_op, ontvangen_op, status, gezien_door, gezien_op,
  afgehandeld_door, afgehandeld_op`;

/** The one signal the caller may see, by id: their gemeenten and roles (params: id, gemeenten, roles). */
const ZICHTBAAR = `id = ? and gemeente = any(?::bpchar[]) and rollen && ?::text[]`;

export interface InboxOptions {
  subgraph: SubgraphName;
  /** The field on `Signaleninbox` and the suffix of the mutation, e.g. `schuldhulp`, `Schuldhulp`. */
  veld: string;
  regels: readonly Signaalregel[];
  /** Whether this subgraph serves `Query.signaleninbox` (werk-inkomen, the regie of the chain). */
  ingang?: boolean;
}

/**
 * Who may see signals of this partner: an employee of its own organisation(s), for purpose
 * uitvoering. Which signals (roles, gemeenten) is decided in the query itself.
 */
function ontvanger(ctx: RequestContext, subgraph: SubgraphName): Caller | null {
  const caller = medewerker(ctx);
  if (ctx.purpose !== 'uitvoering') {
    throw forbidden('Signals are read for purpose uitvoering only.');
  }
  return (organisationsOf(subgraph) as string[]).includes(caller.organisation) ? caller : null;
}

/** A partner's inbox: its field on `Signaleninbox`, and the mutation that moves a signal's state. */
export function signaleninboxSchema({ subgraph, veld, regels, ingang = false }: InboxOptions): {
  resolvers: ClassType[];
  types: ClassType[];
  referenceResolvers: Record<string, ReferenceResolver<never>>;
} {
  const Signaleninbox = signaleninboxType();
  const perCode = new Map(regels.map((regel) => [regel.code, regel]));
  const Veld = `${veld[0]?.toUpperCase() ?? ''}${veld.slice(1)}`;
  const rollen = [...new Set(regels.flatMap((regel) => regel.rollen))];
  /** The rows each subscription read for the notices it let through (each notice is its own object). */
  const gelezen = new WeakMap<Signaalmelding, SignaalRij>();

  const signaal = (row: SignaalRij): Signaal => {
    const regel = perCode.get(row.regel);
    return {
      id: String(row.id),
      ontvanger: subgraph,
      regel: row.regel,
      omschrijving: regel?.omschrijving ?? 'Er is een signaal.',
      bsn: row.bsn,
      gemeente: row.gemeente,
      activiteit: regel?.activiteit.id ?? '',
      grondslag: regel?.activiteit.grondslag ?? '',
      vastgelegdOp: iso(row.vastgelegd_op) ?? '',
      ontvangenOp: iso(row.ontvangen_op) ?? '',
      status: row.status,
      gezienDoor: row.gezien_door,
      gezienOp: iso(row.gezien_op),
      afgehandeldDoor: row.afgehandeld_door,
      afgehandeldOp: iso(row.afgehandeld_op),
    };
  };
  const record = (ctx: RequestContext, row: SignaalRij): void => {
    const regel = perCode.get(row.regel);
    if (regel)
      ctx.audit.record({ activiteit: regel.activiteit, bsn: row.bsn, veld: 'signaal', toegestaan: true });
  };

  @Resolver(() => Signaleninbox)
  class InboxResolver {
    @FieldResolver(() => [Signaal], {
      name: veld,
      description: `Signals held by ${subgraph} for you, newest first; empty when none are for your roles.`,
    })
    async signalen(@Root() inbox: SignaleninboxBron, @Ctx() ctx: RequestContext): Promise<Signaal[]> {
      const caller = ontvanger(ctx, subgraph);
      if (!caller) return [];
      const { status, first } = inbox.inboxvraag;
      const rows = await runSql<SignaalRij>(
        ctx.db.reader,
        `select ${KOLOMMEN} from signaal
          where gemeente = any(?::bpchar[]) and rollen && ?::text[]
            ${status ? 'and status = ?' : ''}
          order by id desc limit ?`,
        [caller.gemeenten, caller.roles, ...(status ? [status] : []), first],
      );
      for (const row of rows) record(ctx, row);
      return rows.map(signaal);
    }
  }

  @Resolver()
  class SignaalstatusResolver {
    @Mutation(() => Signaal, {
      name: `zetSignaalstatus${Veld}`,
      description:
        `Marks a signal of ${subgraph} as seen or handled, recording who and when. A handled signal ` +
        'stays handled; a signal you may not see is NOT_FOUND.',
    })
    async zetSignaalstatus(
      @Arg('id', () => ID) id: string,
      @Arg('status', () => SignaalStatus) status: SignaalStatus,
      @Ctx() ctx: RequestContext,
    ): Promise<Signaal> {
      if (!/^\d{1,9}$/.test(id)) throw badUserInput('id must be the number of a signal.');
      if (status === SignaalStatus.NIEUW) throw badUserInput('A signal cannot become new again.');
      const caller = ontvanger(ctx, subgraph);
      const notFound = new GraphQLError(`No signal ${id} for you at ${subgraph}.`, {
        extensions: { code: 'NOT_FOUND' },
      });
      if (!caller) throw notFound;
      const em = ctx.db.em;
      const zichtbaar = ZICHTBAAR;
      const params = [Number(id), caller.gemeenten, caller.roles];
      const rows =
        status === SignaalStatus.GEZIEN
          ? await runSql<SignaalRij>(
              em,
              `update signaal set status = case when status = 'NIEUW' then 'GEZIEN' else status end,
                 gezien_door = coalesce(gezien_door, ?), gezien_op = coalesce(gezien_op, clock_timestamp())
               where ${zichtbaar} returning ${KOLOMMEN}`,
              [caller.employeeId, ...params],
            )
          : await runSql<SignaalRij>(
              em,
              `update signaal set status = 'AFGEHANDELD',
                 gezien_door = coalesce(gezien_door, ?), gezien_op = coalesce(gezien_op, clock_timestamp()),
                 afgehandeld_door = coalesce(afgehandeld_door, ?),
                 afgehandeld_op = coalesce(afgehandeld_op, clock_timestamp())
               where ${zichtbaar} returning ${KOLOMMEN}`,
              [caller.employeeId, caller.employeeId, ...params],
            );
      const row = rows[0];
      if (!row) throw notFound;
      record(ctx, row);
      return signaal(row);
    }
  }

  @Resolver()
  class SignaalOntvangenResolver {
    @Subscription(() => Signaal, {
      name: `signaalOntvangen${Veld}`,
      description:
        `Each new signal held by ${subgraph} for you, as it arrives (purpose uitvoering), by the inbox's ` +
        `rules: your organisation, roles and gemeenten. FORBIDDEN when none of your roles receives signals ` +
        `here. The stream ends when your token expires, and at the latest after an hour: subscribe again.`,
      // Decided once, at subscribe time, on the caller's own claims: nothing about any signal.
      topics: ({ context }: { context: RequestContext }) => {
        const caller = ontvanger(context, subgraph);
        if (!caller || !caller.roles.some((rol) => rollen.includes(rol))) {
          throw forbidden(
            `Signals of ${subgraph} are for ${rollen.join(', ')} of ${subgraph}'s organisation.`,
          );
        }
        return SIGNAAL_TOPIC;
      },
      // The stored row, only when the caller may see it: the same condition as the inbox and the marking.
      filter: async ({ payload, context }: { payload: Signaalmelding; context: RequestContext }) => {
        const caller = medewerker(context);
        const rows = await runSql<SignaalRij>(
          context.db.reader,
          `select ${KOLOMMEN} from signaal where ${ZICHTBAAR}`,
          [payload.id, caller.gemeenten, caller.roles],
        );
        const row = rows[0];
        if (row) gelezen.set(payload, row);
        return row !== undefined;
      },
    })
    signaalOntvangen(@Root() melding: Signaalmelding, @Ctx() ctx: RequestContext): Signaal {
      const row = gelezen.get(melding);
      if (!row) throw new Error('A signal notice reached its resolver unread');
      // A look at the resident's data: logged, and the event sent only once its line is written.
      record(ctx, row);
      return signaal(row);
    }
  }

  @Resolver()
  class SignaleninboxIngangResolver {
    @Query(() => Signaleninbox, {
      description: 'Your early-warning signals across the chain, per receiving partner (purpose uitvoering).',
    })
    signaleninbox(
      @Arg('status', () => SignaalStatus, { nullable: true }) status: SignaalStatus | null,
      @Arg('first', () => Int, {
        nullable: true,
        description: `Signals per partner, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
      })
      first: number | null,
    ): SignaleninboxBron {
      return bron(inboxvraagVan(status, first));
    }
  }

  return {
    resolvers: [
      ...(ingang ? [SignaleninboxIngangResolver] : []),
      InboxResolver,
      SignaalstatusResolver,
      SignaalOntvangenResolver,
    ],
    types: [Signaleninbox],
    referenceResolvers: { Signaleninbox: resolveSignaleninboxReference },
  };
}
