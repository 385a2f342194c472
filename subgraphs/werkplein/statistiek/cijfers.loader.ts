import { jaarcijfersLoader } from '../../../platform/statistiek/jaarcijfers.loader';

/** The Werkplein's monthly aggregates (migration 20261201090000): one statement per request. */
export const werkpleinCijfers = jaarcijfersLoader({ standen: ['plaatsing_lopend'] });
