import { Extensions, UseMiddleware } from 'type-graphql';
import type { ArgsDictionary, MiddlewareFn } from 'type-graphql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import { betrokkenenIn, registreerVerwerking } from '../audit/betrokkene';
import type { OverInwoner } from '../audit/betrokkene';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import { serialId } from '../ids';
import type { LoaderFactory } from '../loaders';
import { beslis, type Betrokkene, type Niveau } from './policy';

/** The extension that marks a field of personal data (see `isPersonalDataField`). */
const PERSONAL_DATA = 'persoonsgegeven';

export interface PersoonsgegevenOpties {
  /**
   * The resident a refused look-up concerns when neither the parent object nor a `bsn` argument names
   * one (a record by id): found through the caller's own loaders, so only a row the caller could have
   * reached is named. Not called when access is granted.
   */
  betreft?: (args: ArgsDictionary, ctx: RequestContext) => Promise<string | null | undefined>;
}

/**
 * `betreft` of a look-up by `id`: the resident of that row, through the caller's own (gemeente-scoped)
 * loader. A malformed id is left to the resolver, which is not called on refusal: it names nobody.
 */
export function betreftRijMetId<E extends OverInwoner>(
  loader: LoaderFactory<number, E | null>,
): NonNullable<PersoonsgegevenOpties['betreft']> {
  return async (args, ctx) => {
    const id: unknown = args.id;
    const key = typeof id === 'string' && /^[1-9]\d*$/.test(id) ? serialId(id) : null;
    return key === null ? null : (await ctx.loaders.get(loader).load(key))?.bsn;
  };
}

/** The `bsn` argument of a look-up by BSN. */
function bsnArgument(args: ArgsDictionary): string[] {
  const bsn: unknown = args.bsn;
  return typeof bsn === 'string' ? [bsn] : [];
}

/**
 * Marks a field or query as personal data of `niveau`, processed for `activiteit`. Before it resolves,
 * the subgraph's own rules decide; a refusal is a FORBIDDEN error on this field only. Either way the
 * processing log gets one line per resident (grouped per activity and outcome by the AuditTrail):
 *
 * - granted: the parent object's resident and every resident in the result, however it is shaped (one
 *   object, a list, a page of a connection; see `betrokkenenIn`), also when the resolver fails after
 *   it started (then the residents it was asked about: the parent's, or a `bsn` argument);
 * - refused: the resident it concerns: the parent's, a `bsn` argument, or `opties.betreft`. A refused
 *   list reads nobody and names nobody.
 */
export function Persoonsgegeven(
  niveau: Niveau,
  activiteit: Verwerkingsactiviteit,
  opties: PersoonsgegevenOpties = {},
): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<RequestContext> = async ({ root, args, context, info }, next) => {
    const subject = (root ?? {}) as Betrokkene;
    const besluit = beslis(context.caller, context.purpose, context.regels, niveau, subject);
    const veld = info.fieldName;
    const gevraagd = [...betrokkenenIn(root), ...bsnArgument(args)];
    if (!besluit.toegestaan) {
      const betreft = gevraagd.length === 0 && opties.betreft ? await opties.betreft(args, context) : null;
      registreerVerwerking(context, activiteit, veld, betreft ? [betreft] : gevraagd, false);
      throw forbidden(besluit.reden);
    }
    let result: unknown;
    try {
      result = await next();
    } catch (error) {
      registreerVerwerking(context, activiteit, veld, gevraagd, true);
      throw error;
    }
    registreerVerwerking(context, activiteit, veld, [...gevraagd, ...betrokkenenIn(result)], true);
    return result;
  };
  const guarded = UseMiddleware(guard);
  const marked = Extensions({ [PERSONAL_DATA]: true });
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    guarded(target, key, descriptor as TypedPropertyDescriptor<unknown>);
    marked(target, key, descriptor as TypedPropertyDescriptor<unknown>);
  };
}

/** True for a field marked `@Persoonsgegeven`: its own guard decides, and logs what it refuses. */
export function isPersonalDataField(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
): boolean {
  return extensions?.[PERSONAL_DATA] === true;
}
