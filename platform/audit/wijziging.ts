import type { GraphQLFieldResolver } from 'graphql';
import type { RequestContext } from '../context';
import { isProofReplay, proofAlreadyUsed } from '../auth/proof-uses';
import { processingLogUnavailable } from '../errors';

type Resolver = GraphQLFieldResolver<unknown, RequestContext, Record<string, unknown>>;

/**
 * Undoes what the mutation did: its rows, and what the request holds of them (the identity map, the
 * loaders' cached rows, which the mutation may have changed in memory, and its granted change lines).
 */
async function rollBack(ctx: RequestContext): Promise<void> {
  try {
    if (ctx.db.em.isInTransaction()) await ctx.db.em.rollback();
  } catch {
    // A connection that cannot roll back is dropped by the driver, which ends the transaction as well;
    // the error that led here is the one to report.
  }
  ctx.db.em.clear();
  ctx.loaders.clearAll();
  ctx.casusLoaders.clearAll();
  ctx.audit.discardChanges();
}

/**
 * A mutation and its processing-log lines commit together: no log, no change. The request's proof is
 * recorded in the same transaction, so a replay at another replica changes nothing. The resolver runs in a
 * transaction on the request's EntityManager (so its loaders, `em.flush()` and row locks take part);
 * every line it records is its change (`wijzigen`), written in that transaction with whatever else the
 * request has collected so far, and forgotten only once the transaction commits. When the log cannot be
 * written, the change is rolled back and the mutation answers PROCESSING_LOG_UNAVAILABLE; lines of
 * earlier reads stay collected for the `auditPlugin`, which then withholds the answer when it cannot
 * write them either. A mutation that fails otherwise rolls back and keeps only its refusal lines.
 */
export function runMutationWithLog(resolve: Resolver): Resolver {
  return async (source, args, ctx, info) => {
    const {
      db: { em },
      audit,
    } = ctx;
    await em.begin();
    let result: unknown;
    try {
      result = await audit.changes(() => Promise.resolve(resolve(source, args, ctx, info)));
      // The change reaches the database first, so a constraint it breaks is its own error, not the log's.
      await em.flush();
    } catch (error) {
      await rollBack(ctx);
      throw error;
    }
    let forget: () => void;
    try {
      forget = await audit.write(em);
    } catch (error) {
      await rollBack(ctx);
      // The request's proof was used before, at another replica: nothing of this use may stand.
      if (isProofReplay(error)) throw proofAlreadyUsed();
      throw processingLogUnavailable('The processing log could not be written; the change was not made.');
    }
    try {
      await em.commit();
    } catch (error) {
      await rollBack(ctx);
      throw error;
    }
    forget();
    return result;
  };
}

/**
 * Runs every mutation of a subgraph with `runMutationWithLog`: applied by `buildFederatedSchema`, so a
 * mutation added later commits its log line with its change without asking.
 */
export function logMutationsInTheirTransaction(resolvers: Record<string, Record<string, unknown>>): void {
  const mutations = resolvers.Mutation as Record<string, Resolver> | undefined;
  if (!mutations) return;
  for (const [name, resolve] of Object.entries(mutations)) mutations[name] = runMutationWithLog(resolve);
}
