import { isValidBsn } from '../../../platform/bsn';
import type { Inwoner } from './inwoner.type';

/**
 * Werkcentrum keeps no resident table: any valid BSN is a resident, whose list is simply empty when
 * Werkcentrum has nothing on them, so no query is needed here. A BSN that fails the 11-proef is an
 * unknown key: null.
 */
export function resolveInwonerReference(reference: Pick<Inwoner, 'bsn'>): Inwoner | null {
  return isValidBsn(reference.bsn) ? { bsn: reference.bsn } : null;
}
