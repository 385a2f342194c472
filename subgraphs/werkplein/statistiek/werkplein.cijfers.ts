import { aantal } from '../../../platform/statistiek/figures';
import { only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { PlaatsingSoort } from '../plaatsing/plaatsing.entity';
import type { WerkpleinStatistiek } from './werkplein.statistiek';

/** The Werkplein's placements and vacancies of one gemeente over a period. */
export function werkpleinStatistiek(cijfers: Jaarcijfers, range: MonthRange): WerkpleinStatistiek {
  // Two breakdowns of the same started placements: by kind, and with or without LKS (the latter's
  // ZONDER is never shown, but hidden with MET when either is small).
  // Ended placements are not published, but the running ones and the starts would give them.
  const gestart = cijfers.movements(
    { reeks: 'plaatsing_lopend' },
    { soort: 'plaatsing_gestart', lks: 'plaatsing_gestart_lks' },
  ).starts;
  return {
    plaatsingenGestart: aantal(gestart.total(range)),
    plaatsingenPerSoort: Object.values(PlaatsingSoort).map((soort) => ({
      soort,
      aantal: aantal(gestart.part('soort', only(soort), range)),
    })),
    plaatsingenMetLks: aantal(gestart.part('lks', only('MET'), range)),
    lopendOpEinddatum: aantal(cijfers.stock('plaatsing_lopend').at(range.last)),
    vacaturesGeopend: aantal(cijfers.flow('vacature_geopend').total(range)),
  };
}
