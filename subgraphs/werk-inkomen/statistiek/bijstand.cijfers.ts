import { aandeel, aantal, maandwaarden } from '../../../platform/statistiek/figures';
import { allBut, only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { Uitstroomreden } from '../uitkering/uitkering.entity';
import type { BijstandStatistiek } from './bijstand.statistiek';

/** Bijstand of one gemeente over a period, from the year's aggregates. */
export function bijstandStatistiek(cijfers: Jaarcijfers, range: MonthRange): BijstandStatistiek {
  const lopend = cijfers.stock({ statushouder: 'bijstand_lopend' });
  // Ended without a recorded reason counts as GEEN: in the total and in uitstroomOverig, never shown alone.
  const { starts: instroom, ends: uitstroom } = cijfers.movements(
    { reeks: 'bijstand_lopend' },
    'bijstand_instroom',
    { reden: 'bijstand_uitstroom' },
  );
  const totaal = uitstroom.total(range);
  const naarWerk = uitstroom.part('reden', only(Uitstroomreden.WERK), range);
  return {
    lopendOpEinddatum: aantal(lopend.at(range.last)),
    lopendPerMaandeinde: maandwaarden(range, lopend.series(range)),
    gemiddeldBestand: lopend.mean(range),
    instroom: aantal(instroom.total(range)),
    instroomPerMaand: maandwaarden(range, instroom.perMonth(range)),
    uitstroom: aantal(totaal),
    uitstroomPerMaand: maandwaarden(range, uitstroom.perMonth(range)),
    uitstroomNaarWerk: aantal(naarWerk),
    uitstroomOverig: aantal(uitstroom.part('reden', allBut(Uitstroomreden.WERK), range)),
    uitstroomPerReden: Object.values(Uitstroomreden).map((reden) => ({
      reden,
      aantal: aantal(uitstroom.part('reden', only(reden), range)),
    })),
    aandeelUitstroomNaarWerk: aandeel(naarWerk, totaal),
    statushoudersOpEinddatum: aantal(lopend.part('statushouder', only('JA'), range.last)),
    begroot: cijfers.value('begroting', 0),
  };
}
