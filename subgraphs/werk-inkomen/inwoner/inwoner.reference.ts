import type { RequestContext } from '../../../platform/context';
import type { Inwoner } from './inwoner.entity';
import { inwonerByBsn } from './inwoner.loader';

/** Resolves the gateway's `{ bsn }` representations in one query per batch; unknown BSN → null. */
export function resolveInwonerReference(
  reference: Pick<Inwoner, 'bsn'>,
  ctx: RequestContext,
): Promise<Inwoner | null> {
  return ctx.loaders.get(inwonerByBsn).load(reference.bsn);
}
