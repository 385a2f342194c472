import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, Directive, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import {
  signLogboektoegang,
  verifyLogboektoegang,
  verleendAan,
  type LogboekGrant,
  type LogboekScope,
} from '../auth/toegang';
import type { RequestContext } from '../context';
import type { Verwerkingsactiviteit } from './activities';
import type { LogboekVeldOptions } from './logboek.resolver';
import { Uitkomst } from './logboek.type';
import { pseudonym } from './pseudonym';
import { runSql } from '../sql';

/**
 * One look made for a case conference, as a partner's log records it, for the conference's
 * participants: when, which organisation in which roles, for which activity and purpose, which fields,
 * and the outcome. Never the resident (the conference's resident) and never the employee's id.
 */
@ObjectType('Casuslogregel', {
  description:
    'One processing of the resident’s data made for this case conference, as the partner’s log records ' +
    'it: when, which organisation in which roles, which activity, purpose and fields, and the outcome.',
})
@Directive('@shareable')
export class Casuslogregel {
  @Field(() => String, { description: 'Start of the processing, ISO timestamp.' })
  tijdstip!: string;

  @Field(() => String, { description: 'W3C trace id of the request: quote it to ask about this look.' })
  traceId!: string;

  @Field(() => String, { description: 'lezen, wijzigen, or weigeren (a refused look).' })
  handeling!: string;

  @Field(() => String, { description: 'The organisation of the professional.' })
  organisatie!: string;

  @Field(() => [String], { description: 'The roles of the professional.' })
  rollen!: string[];

  @Field(() => String, { nullable: true, description: 'The purpose the professional stated.' })
  doelbinding!: string | null;

  @Field(() => String, { description: 'URI of the processing activity in the partner’s register.' })
  activiteit!: string;

  @Field(() => String, { nullable: true, description: 'Name of the activity; null when no longer listed.' })
  activiteitNaam!: string | null;

  @Field(() => [String], { description: 'The fields read, changed or refused.' })
  velden!: string[];

  @Field(() => Uitkomst)
  uitkomst!: Uitkomst;

  @Field(() => String, { description: 'The partner (subgraph) whose log holds the line.' })
  bron!: string;
}

/** What a Casuslogboek resolves from: the signed log grant and its verified content. */
export interface CasuslogboekRoot {
  toegang: string;
  grant: LogboekGrant;
}

/**
 * The log of one case conference across the partners: werk-inkomen returns it from
 * `Casusoverleg.logboek` for a participant, keyed by a signed log grant that clients never see
 * (`@inaccessible`); every partner verifies the grant and adds its own lines.
 */
export function casuslogboekType() {
  @ObjectType('Casuslogboek', {
    description:
      'Who looked at the resident’s data for this case conference, per partner, newest first: for the ' +
      'conference’s participants, for purpose casusoverleg.',
  })
  @Directive('@key(fields: "toegang")')
  class Casuslogboek implements CasuslogboekRoot {
    /** The signed log grant: the gateway carries it between subgraphs, clients never see it. */
    @Field(() => String)
    @Directive('@inaccessible')
    toegang!: string;

    grant!: LogboekGrant;
  }
  return Casuslogboek;
}

/** Signs a log grant for this request and participant; werk-inkomen returns the result. */
export function openCasuslogboek(ctx: RequestContext, scope: LogboekScope): CasuslogboekRoot {
  const toegang = signLogboektoegang(ctx, scope);
  return { toegang, grant: { ...scope, ...verleendAan(ctx) } };
}

/** A grant that fails verification is FORBIDDEN, so the subgraph adds nothing for it. */
export async function resolveCasuslogboekReference(
  reference: { toegang: string },
  ctx: RequestContext,
): Promise<CasuslogboekRoot> {
  const grant = await verifyLogboektoegang(reference.toegang, ctx);
  return { toegang: reference.toegang, grant };
}

interface Row {
  start_time: string | number;
  trace_id: string;
  name: string;
  processing_activity_id: string;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  resource: string;
  organisatie: string;
  rollen: string[];
  doelbinding: string | null;
}

/**
 * This subgraph's lines for the conference, newest first, in one statement: those that name it and are
 * about its resident (this partner's pseudonym). Reading the log itself (`inzage-logboek`) is logged
 * but not listed, or every page view would add to what it shows.
 */
export async function leesCasuslogboek(
  em: EntityManager,
  grant: LogboekGrant,
  pseudonymKey: Buffer,
  register: Record<string, Verwerkingsactiviteit> & { inzageLogboek: Verwerkingsactiviteit },
): Promise<Casuslogregel[]> {
  const rows = await runSql<Row>(
    em,
    `select v.start_time, v.trace_id, v.name, v.processing_activity_id, v.velden, v.uitkomst, v.resource,
            a.organisatie, a.rollen, a.doelbinding
       from verwerking v
       join verwerking_actor a on a.trace_id = v.trace_id and a.span_id = v.span_id
      where v.casusoverleg_id = ? and v.data_subject_id = ? and v.processing_activity_id <> ?
      order by v.start_time desc, v.id desc
      limit ?`,
    [grant.casusoverlegId, pseudonym(grant.bsn, pseudonymKey), register.inzageLogboek.id, grant.first],
  );
  const namen = new Map(Object.values(register).map((activiteit) => [activiteit.id, activiteit.naam]));
  return rows.map((row) => ({
    tijdstip: new Date(Number(row.start_time)).toISOString(),
    traceId: row.trace_id,
    handeling: row.name.split(' ')[0] ?? row.name,
    organisatie: row.organisatie,
    rollen: row.rollen,
    doelbinding: row.doelbinding,
    activiteit: row.processing_activity_id,
    activiteitNaam: namen.get(row.processing_activity_id) ?? null,
    velden: row.velden,
    uitkomst: row.uitkomst as Uitkomst,
    bron: row.resource,
  }));
}

/**
 * This subgraph's field on `Casuslogboek`: its own lines for the conference of the verified grant.
 * Reading them is a processing of the resident's data and is logged (activity `inzage-logboek`, with the
 * conference's id), so the privacy officer and the resident see who read the conference's log.
 */
export function casuslogboekResolver(
  Casuslogboek: ClassType,
  { veld, register }: LogboekVeldOptions,
): ClassType {
  @Resolver(() => Casuslogboek)
  class CasuslogboekResolver {
    @FieldResolver(() => [Casuslogregel], {
      name: veld,
      nullable: true,
      description:
        `The looks at the resident’s data that ${veld} logged for this case conference, newest first. ` +
        'Null with FORBIDDEN when the log grant does not hold.',
    })
    async regels(@Root() logboek: CasuslogboekRoot, @Ctx() ctx: RequestContext): Promise<Casuslogregel[]> {
      const { grant } = logboek;
      ctx.audit.record({
        activiteit: register.inzageLogboek,
        bsn: grant.bsn,
        veld: 'logboek',
        toegestaan: true,
        casusoverlegId: grant.casusoverlegId,
      });
      return leesCasuslogboek(ctx.db.reader, grant, ctx.keys.pseudonym, register);
    }
  }
  return CasuslogboekResolver;
}
