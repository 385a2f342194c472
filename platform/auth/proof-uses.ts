import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../errors';
import { runSql } from '../sql';

/**
 * One use of a gateway proof across the replicas of a subgraph. Each replica first asks its own
 * `ReplayCache` (no database work); the partner's database, which its replicas share, then records the
 * proof's id in `gebruikt_bewijs` in the transaction that writes the request's processing log (the
 * group commit for reads, the mutation's own transaction for a change). A proof replayed at another
 * replica breaks the table's primary key, so its transaction fails and its answer is withheld.
 */
export interface ProofUse {
  /** The proof's `jti`. */
  jti: string;
  /** Until when some replica might still accept it (ms since epoch): its expiry plus the clock tolerance. */
  expiresAt: number;
}

const PRIMARY_KEY = 'gebruikt_bewijs_pkey';

/** True when `error` (or what caused it) is a second use of a proof, refused by the partner's database. */
export function isProofReplay(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (code === '23505' && constraint === PRIMARY_KEY) return true;
    cause =
      (cause as { originalError?: unknown }).originalError ??
      (cause as { previous?: unknown }).previous ??
      (cause as { cause?: unknown }).cause;
  }
  return false;
}

export const PROOF_ALREADY_USED =
  'The gateway’s proof of this request has been used already; a proof is honoured once.';

export function proofAlreadyUsed(): Error {
  return unauthenticated(PROOF_ALREADY_USED);
}

/** Rows removed by one sweep at most: the work of a sweep stays bounded, whatever piled up. */
export const SWEEP_LIMIT = 10_000;

/**
 * Removes proof ids that expired over a minute ago, at most `SWEEP_LIMIT`; returns how many. The table's
 * policies let the runtime role see and delete no other rows.
 */
export async function sweepProofUses(em: EntityManager): Promise<number> {
  const [row] = await runSql<{ n: number }>(
    em,
    `with removed as (
       delete from gebruikt_bewijs where ctid = any(array(
         select ctid from gebruikt_bewijs
          where verloopt_op < (extract(epoch from now()) * 1000)::bigint - 60000 limit ${SWEEP_LIMIT}))
       returning 1)
     select count(*)::int as n from removed`,
  );
  return row?.n ?? 0;
}
