import { aantal, maandwaarden } from '../../../platform/statistiek/figures';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import type { LoonkostensubsidieStatistiek } from './loonkostensubsidie.statistiek';

/** LKS of one gemeente over a period, from the year's aggregates. */
export function loonkostensubsidieStatistiek(
  cijfers: Jaarcijfers,
  range: MonthRange,
): LoonkostensubsidieStatistiek {
  const personen = cijfers.stock('lks_personen');
  const contracten = cijfers.movements(
    { reeks: 'lks_lopend_begin', op: 'eerste' },
    'lks_gestart',
    'lks_beeindigd',
  );
  return {
    personenOpEinddatum: aantal(personen.at(range.last)),
    personenPerMaandeinde: maandwaarden(range, personen.series(range)),
    // Taken on the first day of each month: the first of the range is the first day of the period.
    lopendOpBegindatum: aantal(cijfers.stock('lks_lopend_begin').at(range.first)),
    gestart: aantal(contracten.starts.total(range)),
    beeindigd: aantal(contracten.ends.total(range)),
  };
}
