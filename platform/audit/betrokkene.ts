import type { RequestContext } from '../context';
import type { Verwerkingsactiviteit } from './activities';

/**
 * An object about one resident says so by carrying the resident's BSN as `bsn`: every entity of a
 * resident's data has that column (Inwoner, Uitkering, Traject, Plaatsing, Schuldhulptraject, ...), a
 * partner's resolved `Inwoner` representation has it as its key, and a case conference has it: whether
 * or not the schema shows it as a field.
 */
export interface OverInwoner {
  bsn: string;
}

function bsnOf(value: object): string | undefined {
  const bsn = (value as Partial<OverInwoner>).bsn;
  return typeof bsn === 'string' ? bsn : undefined;
}

/**
 * The residents a value is about, each once: the value itself when it is about a resident, every item
 * of a list, and every node of a page (a `Connection`), at any depth of lists and pages. Fields that
 * resolve later (an object's own field resolvers) are guarded on their own.
 */
export function betrokkenenIn(value: unknown): string[] {
  const bsns = new Set<string>();
  const visit = (item: unknown): void => {
    if (Array.isArray(item)) {
      item.forEach(visit);
      return;
    }
    if (item === null || typeof item !== 'object') return;
    const bsn = bsnOf(item);
    if (bsn !== undefined) {
      bsns.add(bsn);
      return;
    }
    const nodes = (item as { nodes?: unknown }).nodes;
    if (Array.isArray(nodes)) nodes.forEach(visit);
  };
  visit(value);
  return [...bsns];
}

/** Records one processing of `veld` for each resident, with its outcome and the conference it served. */
export function registreerVerwerking(
  ctx: Pick<RequestContext, 'audit'>,
  activiteit: Verwerkingsactiviteit,
  veld: string,
  bsns: Iterable<string>,
  toegestaan: boolean,
  casusoverlegId?: string,
): void {
  for (const bsn of new Set(bsns)) ctx.audit.record({ activiteit, bsn, veld, toegestaan, casusoverlegId });
}
