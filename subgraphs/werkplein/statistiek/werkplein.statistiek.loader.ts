import {
  aantal,
  aantallenPerWaarde,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
} from '../../../platform/statistics';
import { PlaatsingSoort } from '../plaatsing/plaatsing.entity';
import type { WerkpleinStatistiek } from './werkplein.statistiek';

interface WerkpleinRij {
  gemeente: string;
  gestart: number;
  met_lks: number;
  lopend: number;
  per_soort: Counts;
  vacatures: number;
}

/**
 * One statement for the gemeenten of a batch. The CTEs narrow each table through its
 * (gemeente, date) index; each figure states its own definition in full.
 */
const SQL = statistiekSql(`
plaatsingen AS (
  SELECT pl.gemeente, pl.soort, pl.met_lks, pl.startdatum, pl.einddatum
  FROM plaatsing pl
  CROSS JOIN periode p
  WHERE pl.gemeente IN (SELECT gemeente FROM gemeenten)
    AND pl.startdatum <= p.tot
    AND (pl.startdatum >= p.van OR pl.einddatum IS NULL OR pl.einddatum >= p.tot)
),
tellingen AS (
  SELECT pl.gemeente,
    count(*) FILTER (WHERE pl.startdatum BETWEEN p.van AND p.tot) AS gestart,
    count(*) FILTER (WHERE pl.startdatum BETWEEN p.van AND p.tot AND pl.met_lks) AS met_lks,
    count(*) FILTER (WHERE pl.startdatum <= p.tot AND (pl.einddatum IS NULL OR pl.einddatum >= p.tot)) AS lopend
  FROM plaatsingen pl
  CROSS JOIN periode p
  GROUP BY pl.gemeente
),
${aantallenPerWaarde({
  naam: 'per_soort',
  bron: 'plaatsingen',
  alias: 'pl',
  kolom: 'soort',
  voorwaarde: 'pl.startdatum BETWEEN p.van AND p.tot',
})},
vacatures AS (
  SELECT v.gemeente, count(*) AS geopend
  FROM vacature v
  CROSS JOIN periode p
  WHERE v.gemeente IN (SELECT gemeente FROM gemeenten) AND v.geopend BETWEEN p.van AND p.tot
  GROUP BY v.gemeente
)
SELECT g.gemeente,
  coalesce(t.gestart, 0)::int AS gestart,
  coalesce(t.met_lks, 0)::int AS met_lks,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(s.aantallen, '{}'::json) AS per_soort,
  coalesce(v.geopend, 0)::int AS vacatures
FROM gemeenten g
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_soort s ON s.gemeente = g.gemeente
LEFT JOIN vacatures v ON v.gemeente = g.gemeente
`);

function toWerkpleinStatistiek(rij: WerkpleinRij): WerkpleinStatistiek {
  return {
    plaatsingenGestart: aantal(rij.gestart),
    plaatsingenPerSoort: perWaarde(Object.values(PlaatsingSoort), rij.per_soort).map(([soort, n]) => ({
      soort,
      aantal: n,
    })),
    plaatsingenMetLks: aantal(rij.met_lks),
    lopendOpEinddatum: aantal(rij.lopend),
    vacaturesGeopend: aantal(rij.vacatures),
  };
}

/** Werkplein statistics of the gemeenten asked for in one request: one statement per period. */
export const werkpleinStatistiek = statistiekLoader(SQL, toWerkpleinStatistiek);
