import type { Inwoner } from './inwoner.type';

/**
 * The Stadsbank does not own residents: any BSN is a resident, and one without debt help simply has
 * empty lists. No database round trip, so the gateway's entity fetch costs nothing here.
 */
export function resolveInwonerReference(reference: Pick<Inwoner, 'bsn'>): Inwoner {
  return { bsn: reference.bsn };
}
