import { jaarcijfersLoader } from '../../../platform/statistiek/jaarcijfers.loader';

/**
 * Werk en Inkomen's monthly aggregates (migration 20261201090000): one statement per request serves
 * bijstand, loonkostensubsidie and inburgering of every gemeente and year asked for.
 */
export const werkInkomenCijfers = jaarcijfersLoader({
  standen: ['bijstand_lopend', 'lks_lopend_begin', 'lks_personen', 'inburgering_lopend'],
});
