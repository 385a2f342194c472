import {
  aantal,
  aantallenPerWaarde,
  bedrag,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
} from '../../../platform/statistics';
import { OntwikkeltrajectSoort } from '../ontwikkeltraject/ontwikkeltraject.entity';
import type { WerkcentrumStatistiek } from './werkcentrum.statistiek';

interface WerkcentrumRij {
  gemeente: string;
  gestart: number;
  lopend: number;
  /** A bigint sum, which the driver returns as a string so that no precision is lost. */
  budget: string;
  per_soort: Counts;
}

/**
 * One statement for the gemeenten of a batch. `trajecten` narrows the table through the
 * (gemeente, startdatum) index; each figure states its own definition in full.
 */
const SQL = statistiekSql(`
trajecten AS (
  SELECT t.gemeente, t.soort, t.startdatum, t.einddatum, t.budget_centen
  FROM ontwikkeltraject t
  CROSS JOIN periode p
  WHERE t.gemeente IN (SELECT gemeente FROM gemeenten)
    AND t.startdatum <= p.tot
    AND (t.startdatum >= p.van OR t.einddatum IS NULL OR t.einddatum >= p.tot)
),
tellingen AS (
  SELECT t.gemeente,
    count(*) FILTER (WHERE t.startdatum BETWEEN p.van AND p.tot) AS gestart,
    count(*) FILTER (WHERE t.startdatum <= p.tot AND (t.einddatum IS NULL OR t.einddatum >= p.tot)) AS lopend,
    sum(t.budget_centen::bigint) FILTER (WHERE t.startdatum BETWEEN p.van AND p.tot) AS budget
  FROM trajecten t
  CROSS JOIN periode p
  GROUP BY t.gemeente
),
${aantallenPerWaarde({
  naam: 'per_soort',
  bron: 'trajecten',
  alias: 't',
  kolom: 'soort',
  voorwaarde: 't.startdatum BETWEEN p.van AND p.tot',
})}
SELECT g.gemeente,
  coalesce(t.gestart, 0)::int AS gestart,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(t.budget, 0)::bigint AS budget,
  coalesce(s.aantallen, '{}'::json) AS per_soort
FROM gemeenten g
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_soort s ON s.gemeente = g.gemeente
`);

function toWerkcentrumStatistiek(rij: WerkcentrumRij): WerkcentrumStatistiek {
  return {
    gestart: aantal(rij.gestart),
    gestartPerSoort: perWaarde(Object.values(OntwikkeltrajectSoort), rij.per_soort).map(([soort, n]) => ({
      soort,
      aantal: n,
    })),
    lopendOpEinddatum: aantal(rij.lopend),
    budgetGestartCenten: bedrag(Number(rij.budget), rij.gestart),
  };
}

/** Werkcentrum statistics of the gemeenten asked for in one request: one statement per period. */
export const werkcentrumStatistiek = statistiekLoader(SQL, toWerkcentrumStatistiek);
