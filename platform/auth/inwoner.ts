import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import { Extensions } from 'type-graphql';
import type { RequestContext } from '../context';
import { type Caller, type Principal, type Resident, ALLEEN_EIGEN_INZAGE, isResident } from './principals';
import { forbidden } from '../errors';
import { isPersonalDataField } from './persoonsgegeven';

const OPEN_TO_INWONER = 'openToInwoner';

/**
 * Marks a root field, or an entity type, as open to a resident. Everything else is closed to them
 * (see `closeToResidents`): a resident's token opens their own access report and nothing more.
 */
export function OpenToInwoner(): ClassDecorator & MethodDecorator {
  return Extensions({ [OPEN_TO_INWONER]: true });
}

/** The employee of a request; FORBIDDEN for a resident, who never reaches an employee's path. */
export function medewerker(ctx: Pick<RequestContext, 'caller'>): Caller {
  if (isResident(ctx.caller)) throw forbidden(ALLEEN_EIGEN_INZAGE);
  return ctx.caller;
}

/**
 * The resident of a request; FORBIDDEN for an employee. The access report is the resident's own: a
 * PRIVACY_OFFICER reads the log of their organisation through `logboek`.
 */
export function inwoner(ctx: Pick<RequestContext, 'caller'>): Resident {
  if (!isResident(ctx.caller)) {
    throw forbidden(
      'The access report is the resident’s own (role INWONER); a PRIVACY_OFFICER reads the log of their organisation through logboek.',
    );
  }
  return ctx.caller;
}

function isOpen(extensions: Readonly<Record<string, unknown>> | null | undefined): boolean {
  return extensions?.[OPEN_TO_INWONER] === true;
}

function callerOf(context: unknown): Principal {
  return (context as RequestContext).caller;
}

/**
 * Closes a subgraph to residents, deny by default: every root field (queries and mutations) and every
 * entity reference (`_entities`) that is not marked `@OpenToInwoner()` refuses a resident with
 * FORBIDDEN before anything resolves. Every piece of data is reached through one of those, so no field
 * added later can leak to a resident by accident. Checked once per root field or reference, not per
 * nested field. The access rules of each field (`beslis`) refuse a resident as well; root fields of
 * personal data are left to them, so that a resident's refused look-up is logged like anyone's.
 */
export function closeToResidents(
  schema: GraphQLSchema,
  resolvers: Record<string, Record<string, unknown>>,
  references: Record<string, (representation: never, context: RequestContext) => unknown>,
): void {
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const fields = resolvers[root.name] as Record<string, GraphQLFieldResolver<unknown, unknown>>;
    for (const [name, field] of Object.entries(root.getFields())) {
      const resolve = fields[name];
      // A field of personal data refuses a resident in its own guard (`beslis` refuses every resident
      // first), which also logs the refusal for the resident a `bsn` argument names.
      if (!resolve || isOpen(field.extensions) || isPersonalDataField(field.extensions)) continue;
      fields[name] = (source, args, context, info) => {
        if (isResident(callerOf(context))) throw forbidden(ALLEEN_EIGEN_INZAGE);
        return resolve(source, args, context, info);
      };
    }
  }
  for (const [typeName, resolveReference] of Object.entries(references)) {
    if (isOpen(schema.getType(typeName)?.extensions)) continue;
    // Rejected rather than thrown: `_entities` then refuses this representation alone, with its path,
    // instead of failing the whole list.
    references[typeName] = (representation: never, context: RequestContext) =>
      isResident(context.caller)
        ? Promise.reject(forbidden(ALLEEN_EIGEN_INZAGE))
        : resolveReference(representation, context);
  }
}
