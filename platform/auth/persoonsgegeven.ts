import { UseMiddleware } from 'type-graphql';
import type { MiddlewareFn } from 'type-graphql';
import type { Verwerkingsactiviteit } from '../audit/activities';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import { beslis, type Betrokkene, type Niveau } from './policy';

type Subject = (Betrokkene & { bsn?: string }) | undefined;

function bsnOf(value: unknown): string | undefined {
  const bsn = (value as { bsn?: unknown } | null | undefined)?.bsn;
  return typeof bsn === 'string' ? bsn : undefined;
}

/**
 * Marks a field or query as personal data of `niveau`, processed for `activiteit`. Before it resolves,
 * the subgraph's own rules decide; a refusal is a FORBIDDEN error on this field only. Either way the
 * processing log gets a line for the resident (the parent object's BSN, or the result's).
 */
export function Persoonsgegeven(
  niveau: Niveau,
  activiteit: Verwerkingsactiviteit,
): MethodDecorator & PropertyDecorator {
  const guard: MiddlewareFn<RequestContext> = async ({ root, context, info }, next) => {
    const subject = root as Subject;
    const besluit = beslis(context.caller, context.purpose, context.regels, niveau, subject ?? {});
    const veld = info.fieldName;
    if (!besluit.toegestaan) {
      const bsn = bsnOf(subject);
      if (bsn) context.audit.record({ activiteit, bsn, veld, toegestaan: false });
      throw forbidden(besluit.reden);
    }
    const result: unknown = await next();
    const bsns = bsnOf(subject)
      ? [bsnOf(subject)]
      : Array.isArray(result)
        ? result.map(bsnOf)
        : [bsnOf(result)];
    for (const bsn of new Set(bsns))
      if (bsn) context.audit.record({ activiteit, bsn, veld, toegestaan: true });
    return result;
  };
  return UseMiddleware(guard);
}
