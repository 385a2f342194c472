import { jaarcijfersLoader } from '../../../platform/statistiek/jaarcijfers.loader';

/** SWB's monthly aggregates (migration 20261201090000): one statement per request. */
export const swbCijfers = jaarcijfersLoader({ standen: ['traject_lopend', 'dienstverband_lopend'] });
