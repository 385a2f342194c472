import {
  aantal,
  aantallenPerWaarde,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
} from '../../../platform/statistics';
import { Leerroute } from '../inburgering/inburgering.entity';
import type { InburgeringStatistiek } from './inburgering.statistiek';

interface InburgeringRij {
  gemeente: string;
  gestart: number;
  lopend: number;
  per_leerroute: Counts;
}

/** One statement for the gemeenten of a batch; each figure states its own definition in full. */
const SQL = statistiekSql(`
inburgeringen AS (
  SELECT i.gemeente, i.leerroute, i.startdatum, i.einddatum
  FROM inburgering i
  CROSS JOIN periode p
  WHERE i.gemeente IN (SELECT gemeente FROM gemeenten) AND i.startdatum <= p.tot
),
tellingen AS (
  SELECT i.gemeente,
    count(*) FILTER (WHERE i.startdatum BETWEEN p.van AND p.tot) AS gestart,
    count(*) FILTER (WHERE i.startdatum <= p.tot AND (i.einddatum IS NULL OR i.einddatum >= p.tot)) AS lopend
  FROM inburgeringen i
  CROSS JOIN periode p
  GROUP BY i.gemeente
),
${aantallenPerWaarde({
  naam: 'per_leerroute',
  bron: 'inburgeringen',
  alias: 'i',
  kolom: 'leerroute',
  voorwaarde: 'i.startdatum BETWEEN p.van AND p.tot',
})}
SELECT g.gemeente,
  coalesce(t.gestart, 0)::int AS gestart,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(r.aantallen, '{}'::json) AS per_leerroute
FROM gemeenten g
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_leerroute r ON r.gemeente = g.gemeente
`);

function toInburgeringStatistiek(rij: InburgeringRij): InburgeringStatistiek {
  return {
    gestart: aantal(rij.gestart),
    gestartPerLeerroute: perWaarde(Object.values(Leerroute), rij.per_leerroute).map(([leerroute, n]) => ({
      leerroute,
      aantal: n,
    })),
    lopendOpEinddatum: aantal(rij.lopend),
  };
}

/** Inburgering statistics of the gemeenten asked for in one request: one statement per period. */
export const inburgeringStatistiek = statistiekLoader(SQL, toInburgeringStatistiek);
