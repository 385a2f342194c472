import {
  aantal,
  perMaandeinde,
  statistiekLoader,
  statistiekSql,
  type Counts,
  type Periode,
} from '../../../platform/statistics';
import type { LoonkostensubsidieStatistiek } from './loonkostensubsidie.statistiek';

interface LoonkostensubsidieRij {
  gemeente: string;
  personen: number;
  lopend_begin: number;
  gestart: number;
  beeindigd: number;
  per_maandeinde: Counts;
}

/**
 * One statement for the gemeenten of a batch. `contracten` narrows the table through the
 * (gemeente, startdatum) index; each figure states its own definition in full. Persons are
 * DISTINCT bsn: someone with two overlapping contracts is one person.
 */
const SQL = statistiekSql(`
contracten AS (
  SELECT l.gemeente, l.bsn, l.startdatum, l.einddatum
  FROM loonkostensubsidie l
  CROSS JOIN periode p
  WHERE l.gemeente IN (SELECT gemeente FROM gemeenten)
    AND ((l.startdatum <= p.tot AND (l.einddatum IS NULL OR l.einddatum >= p.van))
      OR l.startdatum BETWEEN p.van AND p.tot
      OR l.einddatum BETWEEN p.van AND p.tot)
),
tellingen AS (
  SELECT c.gemeente,
    count(DISTINCT c.bsn) FILTER (WHERE c.startdatum <= p.tot AND (c.einddatum IS NULL OR c.einddatum >= p.tot))
      AS personen,
    count(*) FILTER (WHERE c.startdatum <= p.van AND (c.einddatum IS NULL OR c.einddatum >= p.van)) AS lopend_begin,
    count(*) FILTER (WHERE c.startdatum BETWEEN p.van AND p.tot) AS gestart,
    count(*) FILTER (WHERE c.einddatum BETWEEN p.van AND p.tot) AS beeindigd
  FROM contracten c
  CROSS JOIN periode p
  GROUP BY c.gemeente
),
per_maandeinde AS (
  SELECT b.gemeente, json_object_agg(b.datum, b.aantal) AS aantallen
  FROM (
    SELECT g.gemeente, m.datum, count(DISTINCT c.bsn) AS aantal
    FROM gemeenten g
    CROSS JOIN maandeinden m
    LEFT JOIN contracten c ON c.gemeente = g.gemeente
      AND c.startdatum <= m.d AND (c.einddatum IS NULL OR c.einddatum >= m.d)
    GROUP BY g.gemeente, m.datum
  ) b
  GROUP BY b.gemeente
)
SELECT g.gemeente,
  coalesce(t.personen, 0)::int AS personen,
  coalesce(t.lopend_begin, 0)::int AS lopend_begin,
  coalesce(t.gestart, 0)::int AS gestart,
  coalesce(t.beeindigd, 0)::int AS beeindigd,
  coalesce(me.aantallen, '{}'::json) AS per_maandeinde
FROM gemeenten g
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_maandeinde me ON me.gemeente = g.gemeente
`);

function toLoonkostensubsidieStatistiek(
  rij: LoonkostensubsidieRij,
  periode: Periode,
): LoonkostensubsidieStatistiek {
  return {
    personenOpEinddatum: aantal(rij.personen),
    personenPerMaandeinde: perMaandeinde(periode, rij.per_maandeinde).reeks,
    lopendOpBegindatum: aantal(rij.lopend_begin),
    gestart: aantal(rij.gestart),
    beeindigd: aantal(rij.beeindigd),
  };
}

/** LKS statistics of the gemeenten asked for in one request: one statement per period. */
export const loonkostensubsidieStatistiek = statistiekLoader(SQL, toLoonkostensubsidieStatistiek);
