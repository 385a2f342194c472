import {
  aandeel,
  aantal,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
  aantallenPerWaarde,
} from '../../../platform/statistics';
import { SchuldhulpBron, SchuldhulpFase } from '../schuldhulptraject/schuldhulptraject.entity';
import { VroegsignaalSoort } from '../vroegsignaal/vroegsignaal.entity';
import type { SchuldhulpStatistiek } from './schuldhulp.statistiek';

interface SchuldhulpRij {
  gemeente: string;
  aanmeldingen: number;
  budgetalert: number;
  lopend: number;
  budgetbeheer: number;
  per_bron: Counts;
  per_fase: Counts;
  vroegsignalen: number;
  per_soort: Counts;
}

/**
 * One statement for the gemeenten of a batch. The CTEs narrow each table through its
 * (gemeente, date) index; each figure states its own definition in full.
 */
const SQL = statistiekSql(`
trajecten AS (
  SELECT s.gemeente, s.aanmelddatum, s.afgesloten_op, s.bron, s.fase, s.budgetbeheer
  FROM schuldhulptraject s
  CROSS JOIN periode p
  WHERE s.gemeente IN (SELECT gemeente FROM gemeenten)
    AND s.aanmelddatum <= p.tot
    AND (s.aanmelddatum >= p.van OR s.afgesloten_op IS NULL OR s.afgesloten_op >= p.tot)
),
tellingen AS (
  SELECT t.gemeente,
    count(*) FILTER (WHERE t.aanmelddatum BETWEEN p.van AND p.tot) AS aanmeldingen,
    count(*) FILTER (WHERE t.aanmelddatum BETWEEN p.van AND p.tot AND t.bron = 'BUDGETALERT') AS budgetalert,
    count(*) FILTER (WHERE t.aanmelddatum <= p.tot AND (t.afgesloten_op IS NULL OR t.afgesloten_op >= p.tot))
      AS lopend,
    count(*) FILTER (WHERE t.aanmelddatum <= p.tot AND (t.afgesloten_op IS NULL OR t.afgesloten_op >= p.tot)
      AND t.budgetbeheer) AS budgetbeheer
  FROM trajecten t
  CROSS JOIN periode p
  GROUP BY t.gemeente
),
${aantallenPerWaarde({
  naam: 'per_bron',
  bron: 'trajecten',
  alias: 't',
  kolom: 'bron',
  voorwaarde: 't.aanmelddatum BETWEEN p.van AND p.tot',
})},
${aantallenPerWaarde({
  naam: 'per_fase',
  bron: 'trajecten',
  alias: 't',
  kolom: 'fase',
  voorwaarde: 't.aanmelddatum <= p.tot AND (t.afgesloten_op IS NULL OR t.afgesloten_op >= p.tot)',
})},
signalen AS (
  SELECT r.gemeente, sum(r.aantal) AS aantal, json_object_agg(r.soort, r.aantal) AS aantallen
  FROM (
    SELECT v.gemeente, v.soort, count(*) AS aantal
    FROM vroegsignaal v
    CROSS JOIN periode p
    WHERE v.gemeente IN (SELECT gemeente FROM gemeenten) AND v.datum BETWEEN p.van AND p.tot
    GROUP BY v.gemeente, v.soort
  ) r
  GROUP BY r.gemeente
)
SELECT g.gemeente,
  coalesce(t.aanmeldingen, 0)::int AS aanmeldingen,
  coalesce(t.budgetalert, 0)::int AS budgetalert,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(t.budgetbeheer, 0)::int AS budgetbeheer,
  coalesce(b.aantallen, '{}'::json) AS per_bron,
  coalesce(f.aantallen, '{}'::json) AS per_fase,
  coalesce(s.aantal, 0)::int AS vroegsignalen,
  coalesce(s.aantallen, '{}'::json) AS per_soort
FROM gemeenten g
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_bron b ON b.gemeente = g.gemeente
LEFT JOIN per_fase f ON f.gemeente = g.gemeente
LEFT JOIN signalen s ON s.gemeente = g.gemeente
`);

function toSchuldhulpStatistiek(rij: SchuldhulpRij): SchuldhulpStatistiek {
  return {
    aanmeldingen: aantal(rij.aanmeldingen),
    aanmeldingenPerBron: perWaarde(Object.values(SchuldhulpBron), rij.per_bron).map(([bron, n]) => ({
      bron,
      aantal: n,
    })),
    aandeelBudgetAlert: aandeel(rij.budgetalert, rij.aanmeldingen),
    lopendOpEinddatum: aantal(rij.lopend),
    lopendPerFase: perWaarde(Object.values(SchuldhulpFase), rij.per_fase).map(([fase, n]) => ({
      fase,
      aantal: n,
    })),
    budgetbeheerOpEinddatum: aantal(rij.budgetbeheer),
    vroegsignalen: aantal(rij.vroegsignalen),
    vroegsignalenPerSoort: perWaarde(Object.values(VroegsignaalSoort), rij.per_soort).map(([soort, n]) => ({
      soort,
      aantal: n,
    })),
  };
}

/** Debt-help statistics of the gemeenten asked for in one request: one statement per period. */
export const schuldhulpStatistiek = statistiekLoader(SQL, toSchuldhulpStatistiek);
