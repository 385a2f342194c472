import {
  aandeel,
  aantal,
  gemiddelde,
  perMaand,
  perMaandeinde,
  perWaarde,
  statistiekLoader,
  statistiekSql,
  type Counts,
  type Periode,
  aantallenPerWaarde,
} from '../../../platform/statistics';
import { Uitstroomreden } from '../uitkering/uitkering.entity';
import type { BijstandStatistiek } from './bijstand.statistiek';

interface BijstandRij {
  gemeente: string;
  lopend: number;
  statushouders: number;
  instroom: number;
  uitstroom: number;
  naar_werk: number;
  overig: number;
  per_reden: Counts;
  instroom_per_maand: Counts;
  uitstroom_per_maand: Counts;
  per_maandeinde: Counts;
  begroot: number | null;
}

/**
 * One statement for every figure of the gemeenten of a batch. `uitkeringen` narrows the table (through
 * the (gemeente, ingangsdatum) index) to the counted benefits that any figure below can count; each
 * figure then states its own definition in full, so none relies on how that narrowing is written:
 * running on d = ingangsdatum <= d AND (einddatum IS NULL OR einddatum >= d); started in the period =
 * ingangsdatum BETWEEN van AND tot; ended in the period = einddatum BETWEEN van AND tot.
 *
 * The month-end counts do not compare every benefit with every month-end (that grows with benefits
 * times months). By the definition above, the count on month-end m is the number of benefits started
 * on or before m minus the number ended before m. `wisselingen` puts each start on the first month-end
 * on or after it, and each ending on the first month-end after it (einddatum + 1), both at least the
 * first month-end of the period; a running sum over the month-ends then gives each count. A row that
 * ends before it starts never runs by the definition, so it is left out.
 */
const SQL = statistiekSql(`
uitkeringen AS (
  SELECT u.gemeente, u.ingangsdatum, u.einddatum, u.uitstroomreden, coalesce(i.statushouder, false) AS statushouder
  FROM uitkering u
  CROSS JOIN periode p
  LEFT JOIN inwoner i ON i.bsn = u.bsn
  WHERE u.gemeente IN (SELECT gemeente FROM gemeenten)
    AND u.regeling IN ('PW', 'IOAW', 'IOAZ')
    AND ((u.ingangsdatum <= p.tot AND (u.einddatum IS NULL OR u.einddatum >= p.van))
      OR u.ingangsdatum BETWEEN p.van AND p.tot
      OR u.einddatum BETWEEN p.van AND p.tot)
),
tellingen AS (
  SELECT u.gemeente,
    count(*) FILTER (WHERE u.ingangsdatum <= p.tot AND (u.einddatum IS NULL OR u.einddatum >= p.tot)) AS lopend,
    count(*) FILTER (WHERE u.ingangsdatum <= p.tot AND (u.einddatum IS NULL OR u.einddatum >= p.tot)
      AND u.statushouder) AS statushouders,
    count(*) FILTER (WHERE u.ingangsdatum BETWEEN p.van AND p.tot) AS instroom,
    count(*) FILTER (WHERE u.einddatum BETWEEN p.van AND p.tot) AS uitstroom,
    count(*) FILTER (WHERE u.einddatum BETWEEN p.van AND p.tot AND u.uitstroomreden = 'WERK') AS naar_werk,
    count(*) FILTER (WHERE u.einddatum BETWEEN p.van AND p.tot
      AND u.uitstroomreden IS DISTINCT FROM 'WERK') AS overig
  FROM uitkeringen u
  CROSS JOIN periode p
  GROUP BY u.gemeente
),
${aantallenPerWaarde({
  naam: 'per_reden',
  bron: 'uitkeringen',
  alias: 'u',
  kolom: 'uitstroomreden',
  voorwaarde: 'u.einddatum BETWEEN p.van AND p.tot AND u.uitstroomreden IS NOT NULL',
})},
per_maand AS (
  SELECT s.gemeente,
    json_object_agg(s.maand, s.aantal) FILTER (WHERE s.stroom = 'in') AS instroom,
    json_object_agg(s.maand, s.aantal) FILTER (WHERE s.stroom = 'uit') AS uitstroom
  FROM (
    SELECT u.gemeente, e.stroom, to_char(e.datum, 'YYYY-MM') AS maand, count(*) AS aantal
    FROM uitkeringen u
    CROSS JOIN periode p
    CROSS JOIN LATERAL (VALUES ('in', u.ingangsdatum), ('uit', u.einddatum)) AS e(stroom, datum)
    WHERE e.datum BETWEEN p.van AND p.tot
    GROUP BY u.gemeente, e.stroom, to_char(e.datum, 'YYYY-MM')
  ) s
  GROUP BY s.gemeente
),
wisselingen AS (
  SELECT u.gemeente,
    greatest(
      (date_trunc('month', e.datum::timestamp) + interval '1 month' - interval '1 day')::date,
      (SELECT min(m.d) FROM maandeinden m)
    ) AS d,
    e.delta
  FROM uitkeringen u
  CROSS JOIN LATERAL (VALUES (u.ingangsdatum, 1), (u.einddatum + 1, -1)) AS e(datum, delta)
  WHERE e.datum IS NOT NULL AND (u.einddatum IS NULL OR u.einddatum >= u.ingangsdatum)
),
per_maandeinde AS (
  SELECT r.gemeente, json_object_agg(r.datum, r.aantal) AS aantallen
  FROM (
    SELECT g.gemeente, m.datum,
      sum(coalesce(sum(w.delta), 0)) OVER (PARTITION BY g.gemeente ORDER BY m.d)::int AS aantal
    FROM gemeenten g
    CROSS JOIN maandeinden m
    LEFT JOIN wisselingen w ON w.gemeente = g.gemeente AND w.d = m.d
    GROUP BY g.gemeente, m.d, m.datum
  ) r
  GROUP BY r.gemeente
)
SELECT g.gemeente,
  coalesce(t.lopend, 0)::int AS lopend,
  coalesce(t.statushouders, 0)::int AS statushouders,
  coalesce(t.instroom, 0)::int AS instroom,
  coalesce(t.uitstroom, 0)::int AS uitstroom,
  coalesce(t.naar_werk, 0)::int AS naar_werk,
  coalesce(t.overig, 0)::int AS overig,
  coalesce(r.aantallen, '{}'::json) AS per_reden,
  coalesce(pm.instroom, '{}'::json) AS instroom_per_maand,
  coalesce(pm.uitstroom, '{}'::json) AS uitstroom_per_maand,
  coalesce(me.aantallen, '{}'::json) AS per_maandeinde,
  b.aantal_uitkeringen AS begroot
FROM gemeenten g
CROSS JOIN periode p
LEFT JOIN tellingen t ON t.gemeente = g.gemeente
LEFT JOIN per_reden r ON r.gemeente = g.gemeente
LEFT JOIN per_maand pm ON pm.gemeente = g.gemeente
LEFT JOIN per_maandeinde me ON me.gemeente = g.gemeente
LEFT JOIN begroting b ON b.gemeente = g.gemeente AND b.jaar = extract(year FROM p.tot)
`);

function toBijstandStatistiek(rij: BijstandRij, periode: Periode): BijstandStatistiek {
  const maandeinden = perMaandeinde(periode, rij.per_maandeinde);
  return {
    lopendOpEinddatum: aantal(rij.lopend),
    lopendPerMaandeinde: maandeinden.reeks,
    gemiddeldBestand: gemiddelde(maandeinden.counts),
    instroom: aantal(rij.instroom),
    instroomPerMaand: perMaand(periode, rij.instroom_per_maand),
    uitstroom: aantal(rij.uitstroom),
    uitstroomPerMaand: perMaand(periode, rij.uitstroom_per_maand),
    uitstroomNaarWerk: aantal(rij.naar_werk),
    uitstroomOverig: aantal(rij.overig),
    uitstroomPerReden: perWaarde(Object.values(Uitstroomreden), rij.per_reden).map(([reden, n]) => ({
      reden,
      aantal: n,
    })),
    aandeelUitstroomNaarWerk: aandeel(rij.naar_werk, rij.uitstroom),
    statushoudersOpEinddatum: aantal(rij.statushouders),
    begroot: rij.begroot,
  };
}

/** Bijstand statistics of the gemeenten asked for in one request: one statement per period. */
export const bijstandStatistiek = statistiekLoader(SQL, toBijstandStatistiek);
