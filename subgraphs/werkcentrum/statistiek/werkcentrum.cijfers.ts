import { aantal } from '../../../platform/statistiek/figures';
import { only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { OntwikkeltrajectSoort } from '../ontwikkeltraject/ontwikkeltraject.entity';
import type { WerkcentrumStatistiek } from './werkcentrum.statistiek';

/** Werkcentrum Twente's trajectories and budgets of one gemeente over a period. */
export function werkcentrumStatistiek(cijfers: Jaarcijfers, range: MonthRange): WerkcentrumStatistiek {
  // Ended trajectories are not published, but the running ones and the starts would give them.
  const gestart = cijfers.movements(
    { reeks: 'ontwikkeltraject_lopend' },
    { soort: 'ontwikkeltraject_gestart' },
  ).starts;
  return {
    gestart: aantal(gestart.total(range)),
    gestartPerSoort: Object.values(OntwikkeltrajectSoort).map((soort) => ({
      soort,
      aantal: aantal(gestart.part('soort', only(soort), range)),
    })),
    lopendOpEinddatum: aantal(cijfers.stock('ontwikkeltraject_lopend').at(range.last)),
    budgetGestartCenten: cijfers.money('ontwikkeltraject_budget').amount(range),
  };
}
