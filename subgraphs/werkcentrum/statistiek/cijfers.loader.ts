import { jaarcijfersLoader } from '../../../platform/statistiek/jaarcijfers.loader';

/** Werkcentrum Twente's monthly aggregates and budgets (migration 20261201090000): one statement per request. */
export const werkcentrumCijfers = jaarcijfersLoader({ standen: ['ontwikkeltraject_lopend'], bedragen: true });
