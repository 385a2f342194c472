import { aandeel, aantal } from '../../../platform/statistiek/figures';
import { only } from '../../../platform/statistiek/flow';
import type { Jaarcijfers } from '../../../platform/statistiek/jaarcijfers';
import type { MonthRange } from '../../../platform/statistiek/periode';
import { SchuldhulpBron, SchuldhulpFase } from '../schuldhulptraject/schuldhulptraject.entity';
import { VroegsignaalSoort } from '../vroegsignaal/vroegsignaal.entity';
import type { SchuldhulpStatistiek } from './schuldhulp.statistiek';

/** Debt help of one gemeente over a period, from the year's aggregates. */
export function schuldhulpStatistiek(cijfers: Jaarcijfers, range: MonthRange): SchuldhulpStatistiek {
  // Closed cases are not published, but the running ones and the registrations would give them.
  const aanmeldingen = cijfers.movements({ reeks: 'schuldhulp_lopend' }, { bron: 'aanmelding' }).starts;
  const totaal = aanmeldingen.total(range);
  // Two breakdowns of the same running cases: by phase, and with or without budgetbeheer.
  const lopend = cijfers.stock({ fase: 'schuldhulp_lopend', budgetbeheer: 'schuldhulp_lopend_budgetbeheer' });
  const signalen = cijfers.flow({ soort: 'vroegsignaal' });
  return {
    aanmeldingen: aantal(totaal),
    aanmeldingenPerBron: Object.values(SchuldhulpBron).map((bron) => ({
      bron,
      aantal: aantal(aanmeldingen.part('bron', only(bron), range)),
    })),
    aandeelBudgetAlert: aandeel(aanmeldingen.part('bron', only(SchuldhulpBron.BUDGETALERT), range), totaal),
    lopendOpEinddatum: aantal(lopend.at(range.last)),
    lopendPerFase: Object.values(SchuldhulpFase).map((fase) => ({
      fase,
      aantal: aantal(lopend.part('fase', only(fase), range.last)),
    })),
    budgetbeheerOpEinddatum: aantal(lopend.part('budgetbeheer', only('JA'), range.last)),
    vroegsignalen: aantal(signalen.total(range)),
    vroegsignalenPerSoort: Object.values(VroegsignaalSoort).map((soort) => ({
      soort,
      aantal: aantal(signalen.part('soort', only(soort), range)),
    })),
  };
}
