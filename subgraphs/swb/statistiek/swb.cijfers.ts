import { aandeel, aantal } from '../../../platform/statistiek/figures';
import { only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { TrajectResultaat } from '../traject/traject.entity';
import type { SwbStatistiek } from './swb.statistiek';

/** SWB's trajectories and sheltered employment of one gemeente over a period. */
export function swbStatistiek(cijfers: Jaarcijfers, range: MonthRange): SwbStatistiek {
  // Ended without a recorded result counts as GEEN: in the total, never shown alone.
  const trajecten = cijfers.movements({ reeks: 'traject_lopend' }, 'traject_gestart', {
    resultaat: 'traject_beeindigd',
  });
  const beeindigd = trajecten.ends;
  const totaal = beeindigd.total(range);
  const dienstverbanden = cijfers.stock({ gedetacheerd: 'dienstverband_lopend' });
  return {
    trajectenGestart: aantal(trajecten.starts.total(range)),
    trajectenLopendOpEinddatum: aantal(cijfers.stock('traject_lopend').at(range.last)),
    trajectenBeeindigd: aantal(totaal),
    beeindigdPerResultaat: Object.values(TrajectResultaat).map((resultaat) => ({
      resultaat,
      aantal: aantal(beeindigd.part('resultaat', only(resultaat), range)),
    })),
    aandeelBetaaldWerk: aandeel(
      beeindigd.part('resultaat', only(TrajectResultaat.BETAALD_WERK), range),
      totaal,
    ),
    swDienstverbandenOpEinddatum: aantal(dienstverbanden.at(range.last)),
    gedetacheerdOpEinddatum: aantal(dienstverbanden.part('gedetacheerd', only('JA'), range.last)),
  };
}
