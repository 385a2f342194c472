import { jaarcijfersLoader } from '../../../platform/statistiek/jaarcijfers.loader';

/** The Stadsbank's monthly aggregates (migration 20261201090000): one statement per request. */
export const schuldhulpCijfers = jaarcijfersLoader({
  standen: ['schuldhulp_lopend', 'schuldhulp_lopend_budgetbeheer'],
});
