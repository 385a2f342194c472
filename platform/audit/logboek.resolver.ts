import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import type { Verwerkingsactiviteit } from './activities';
import { beslisLogboekinzage, leesLogboek, type Logregel } from './logboek';
import { Verwerking, type LogboekBron } from './logboek.type';

/** A subgraph's register of processing activities, including the reading of its own log. */
export type LogboekRegister = Record<string, Verwerkingsactiviteit> & {
  inzageLogboek: Verwerkingsactiviteit;
};

export interface LogboekVeldOptions {
  /** This subgraph's field on `Logboek`, e.g. `swb`. */
  veld: string;
  register: LogboekRegister;
}

/**
 * This subgraph's field on `Logboek`: its own lines for the zoekvraag. The subgraph decides itself who
 * reads its log; a refusal is a FORBIDDEN on this field only. Reading a resident's lines is itself a
 * processing of their data and is logged (activity `inzage-logboek`), refusals included.
 */
export function logboekResolver(Logboek: ClassType, { veld, register }: LogboekVeldOptions): ClassType {
  @Resolver(() => Logboek)
  class LogboekResolver {
    @FieldResolver(() => [Verwerking], {
      name: veld,
      nullable: true,
      description:
        `The processing log of ${veld}: its lines for the search, newest first, never a BSN. Null with ` +
        'FORBIDDEN unless a PRIVACY_OFFICER of this partner reads it, for toezicht or (bsn filter) to ' +
        "answer a resident's inzageverzoek; another partner's officer never reads it.",
    })
    async verwerkingen(@Root() logboek: LogboekBron, @Ctx() ctx: RequestContext): Promise<Logregel[]> {
      const { filter } = logboek;
      const besluit = beslisLogboekinzage(ctx.caller, ctx.purpose, ctx.regels.subgraph, filter);
      if (filter.bsn) {
        ctx.audit.record({
          activiteit: register.inzageLogboek,
          bsn: filter.bsn,
          veld,
          toegestaan: besluit.toegestaan,
        });
      }
      if (!besluit.toegestaan) throw forbidden(besluit.reden);
      return leesLogboek(ctx.db.reader, filter, ctx.keys.pseudonym, register);
    }
  }
  return LogboekResolver;
}
