import {
  aandeel,
  aantal,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
  aantallenPerWaarde,
} from '../../../platform/statistics';
import { TrajectResultaat } from '../traject/traject.entity';
import type { SwbStatistiek } from './swb.statistiek';

interface SwbRij {
  gemeente: string;
  gestart: number;
  lopend: number;
  beeindigd: number;
  betaald_werk: number;
  per_resultaat: Counts;
  dienstverbanden: number;
  gedetacheerd: number;
}

/**
 * One statement for the gemeenten of a batch. The CTEs narrow each table through its
 * (gemeente, startdatum) index; each figure states its own definition in full.
 */
const SQL = statistiekSql(`
trajecten AS (
  SELECT t.gemeente, t.startdatum, t.einddatum, t.resultaat
  FROM traject t
  CROSS JOIN periode p
  WHERE t.gemeente IN (SELECT gemeente FROM gemeenten)
    AND ((t.startdatum <= p.tot AND (t.einddatum IS NULL OR t.einddatum >= p.tot))
      OR t.startdatum BETWEEN p.van AND p.tot
      OR t.einddatum BETWEEN p.van AND p.tot)
),
traject_tellingen AS (
  SELECT t.gemeente,
    count(*) FILTER (WHERE t.startdatum BETWEEN p.van AND p.tot) AS gestart,
    count(*) FILTER (WHERE t.startdatum <= p.tot AND (t.einddatum IS NULL OR t.einddatum >= p.tot)) AS lopend,
    count(*) FILTER (WHERE t.einddatum BETWEEN p.van AND p.tot) AS beeindigd,
    count(*) FILTER (WHERE t.einddatum BETWEEN p.van AND p.tot AND t.resultaat = 'BETAALD_WERK') AS betaald_werk
  FROM trajecten t
  CROSS JOIN periode p
  GROUP BY t.gemeente
),
${aantallenPerWaarde({
  naam: 'per_resultaat',
  bron: 'trajecten',
  alias: 't',
  kolom: 'resultaat',
  voorwaarde: 't.einddatum BETWEEN p.van AND p.tot AND t.resultaat IS NOT NULL',
})},
dienstverbanden AS (
  SELECT d.gemeente, count(*) AS lopend, count(*) FILTER (WHERE d.gedetacheerd) AS gedetacheerd
  FROM sw_dienstverband d
  CROSS JOIN periode p
  WHERE d.gemeente IN (SELECT gemeente FROM gemeenten)
    AND d.startdatum <= p.tot AND (d.einddatum IS NULL OR d.einddatum >= p.tot)
  GROUP BY d.gemeente
)
SELECT g.gemeente,
  coalesce(t.gestart, 0)::int AS gestart,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(t.beeindigd, 0)::int AS beeindigd,
  coalesce(t.betaald_werk, 0)::int AS betaald_werk,
  coalesce(r.aantallen, '{}'::json) AS per_resultaat,
  coalesce(d.lopend, 0)::int AS dienstverbanden,
  coalesce(d.gedetacheerd, 0)::int AS gedetacheerd
FROM gemeenten g
LEFT JOIN traject_tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_resultaat r ON r.gemeente = g.gemeente
LEFT JOIN dienstverbanden d ON d.gemeente = g.gemeente
`);

function toSwbStatistiek(rij: SwbRij): SwbStatistiek {
  return {
    trajectenGestart: aantal(rij.gestart),
    trajectenLopendOpEinddatum: aantal(rij.lopend),
    trajectenBeeindigd: aantal(rij.beeindigd),
    beeindigdPerResultaat: perWaarde(Object.values(TrajectResultaat), rij.per_resultaat).map(
      ([resultaat, n]) => ({ resultaat, aantal: n }),
    ),
    aandeelBetaaldWerk: aandeel(rij.betaald_werk, rij.beeindigd),
    swDienstverbandenOpEinddatum: aantal(rij.dienstverbanden),
    gedetacheerdOpEinddatum: aantal(rij.gedetacheerd),
  };
}

/** SWB statistics of the gemeenten asked for in one request: one statement per period. */
export const swbStatistiek = statistiekLoader(SQL, toSwbStatistiek);
