import { aantal } from '../../../platform/statistiek/figures';
import { only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { Leerroute } from '../inburgering/inburgering.entity';
import type { InburgeringStatistiek } from './inburgering.statistiek';

/** Civic integration of one gemeente over a period, from the year's aggregates. */
export function inburgeringStatistiek(cijfers: Jaarcijfers, range: MonthRange): InburgeringStatistiek {
  // Ends are not published, but the running ones and the starts would give them: hidden together.
  const gestart = cijfers.movements(
    { reeks: 'inburgering_lopend' },
    { leerroute: 'inburgering_gestart' },
  ).starts;
  return {
    gestart: aantal(gestart.total(range)),
    gestartPerLeerroute: Object.values(Leerroute).map((leerroute) => ({
      leerroute,
      aantal: aantal(gestart.part('leerroute', only(leerroute), range)),
    })),
    lopendOpEinddatum: aantal(cijfers.stock('inburgering_lopend').at(range.last)),
  };
}
