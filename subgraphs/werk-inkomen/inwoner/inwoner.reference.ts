import { isValidBsn } from '../../../platform/bsn';
import type { RequestContext } from '../../../platform/context';
import type { Inwoner } from './inwoner.entity';
import { inwonerByBsn } from './inwoner.loader';

/**
 * Resolves the gateway's `{ bsn }` representations in one query per batch; unknown BSN → null. A key that
 * is no BSN (a number, an object) names no resident and never reaches the database, as at the partners.
 */
export function resolveInwonerReference(
  reference: Pick<Inwoner, 'bsn'>,
  ctx: RequestContext,
): Promise<Inwoner | null> {
  if (!isValidBsn(reference.bsn)) return Promise.resolve(null);
  return ctx.loaders.get(inwonerByBsn).load(reference.bsn);
}
