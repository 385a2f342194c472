import type { Inwoner } from './inwoner.type';

/**
 * The Werkplein does not own residents: any BSN is a resident, and one without placements simply has
 * an empty list. No database round trip, so the gateway's entity fetch costs nothing here.
 */
export function resolveInwonerReference(reference: Pick<Inwoner, 'bsn'>): Inwoner {
  return { bsn: reference.bsn };
}
