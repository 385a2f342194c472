import { Client } from 'pg';
import type { SubgraphName } from '../platform/config';
import { loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';
import { fixtureBsns } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';

/**
 * The monthly aggregates are kept by triggers on the detail tables, so every writer keeps them: the bulk
 * loader's COPY, and below plain SQL as any write path would send it (inserts, end dates set, moved and
 * cleared, categories changed, deletes, a statushouder flag changed on the resident, a truncate). After
 * the writes, every aggregate equals a recomputation from the detail rows by the figures' definitions,
 * written here independently of the contribution functions.
 */

/** Months compared: the whole history and a margin on both sides. */
const GRID = `maanden AS (
  SELECT m::date AS maand, (m + interval '1 month' - interval '1 day')::date AS eind
  FROM generate_series(date '2015-01-01', date '2027-12-01', interval '1 month') AS m
)`;

type Kind = 'stroom' | 'stand';

/**
 * One series: for a flow, its count per month from the detail rows; for a stock, its level on a day of
 * each month (the month-end `m.eind`, or the first day `m.maand`), from the detail rows.
 */
interface Herberekening {
  reeks: string;
  kind: Kind;
  /** Returns gemeente, maand (the month's first day), categorie, aantal; may use the CTE `maanden m`. */
  sql: string;
}

const month = (column: string) => `date_trunc('month', ${column})::date`;
const running = (start: string, end: string, day: string) =>
  `${start} <= ${day} AND (${end} IS NULL OR ${end} >= ${day})`;
const COUNTED = `u.regeling IN ('PW', 'IOAW', 'IOAZ')`;

/** The partners with statistics (a new partner has none until it adds them). */
const HERBEREKENINGEN: Partial<Record<SubgraphName, Herberekening[]>> = {
  'werk-inkomen': [
    {
      reeks: 'bijstand_instroom',
      kind: 'stroom',
      sql: `SELECT u.gemeente, ${month('u.ingangsdatum')}, '', count(*) FROM uitkering u WHERE ${COUNTED} GROUP BY 1, 2`,
    },
    {
      reeks: 'bijstand_uitstroom',
      kind: 'stroom',
      sql: `SELECT u.gemeente, ${month('u.einddatum')}, coalesce(u.uitstroomreden, 'GEEN'), count(*)
        FROM uitkering u WHERE ${COUNTED} AND u.einddatum IS NOT NULL GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'bijstand_lopend',
      kind: 'stand',
      sql: `SELECT u.gemeente, m.maand, CASE WHEN coalesce(i.statushouder, false) THEN 'JA' ELSE 'NEE' END, count(*)
        FROM maanden m JOIN uitkering u ON ${COUNTED} AND ${running('u.ingangsdatum', 'u.einddatum', 'm.eind')}
        LEFT JOIN inwoner i ON i.bsn = u.bsn GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'begroting',
      kind: 'stroom',
      sql: `SELECT gemeente, make_date(jaar, 1, 1), '', aantal_uitkeringen FROM begroting`,
    },
    {
      reeks: 'lks_gestart',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, '', count(*) FROM loonkostensubsidie GROUP BY 1, 2`,
    },
    {
      reeks: 'lks_beeindigd',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('einddatum')}, '', count(*) FROM loonkostensubsidie
        WHERE einddatum IS NOT NULL GROUP BY 1, 2`,
    },
    {
      reeks: 'lks_lopend_begin',
      kind: 'stand',
      sql: `SELECT l.gemeente, m.maand, '', count(*)
        FROM maanden m JOIN loonkostensubsidie l ON ${running('l.startdatum', 'l.einddatum', 'm.maand')}
        GROUP BY 1, 2`,
    },
    {
      reeks: 'lks_personen',
      kind: 'stand',
      sql: `SELECT l.gemeente, m.maand, '', count(DISTINCT l.bsn)
        FROM maanden m JOIN loonkostensubsidie l ON ${running('l.startdatum', 'l.einddatum', 'm.eind')}
        GROUP BY 1, 2`,
    },
    {
      reeks: 'inburgering_gestart',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, leerroute, count(*) FROM inburgering GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'inburgering_lopend',
      kind: 'stand',
      sql: `SELECT i.gemeente, m.maand, '', count(*)
        FROM maanden m JOIN inburgering i ON ${running('i.startdatum', 'i.einddatum', 'm.eind')} GROUP BY 1, 2`,
    },
  ],
  swb: [
    {
      reeks: 'traject_gestart',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, '', count(*) FROM traject GROUP BY 1, 2`,
    },
    {
      reeks: 'traject_beeindigd',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('einddatum')}, coalesce(resultaat, 'GEEN'), count(*) FROM traject
        WHERE einddatum IS NOT NULL GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'traject_lopend',
      kind: 'stand',
      sql: `SELECT t.gemeente, m.maand, '', count(*)
        FROM maanden m JOIN traject t ON ${running('t.startdatum', 't.einddatum', 'm.eind')} GROUP BY 1, 2`,
    },
    {
      reeks: 'dienstverband_lopend',
      kind: 'stand',
      sql: `SELECT d.gemeente, m.maand, CASE WHEN d.gedetacheerd THEN 'JA' ELSE 'NEE' END, count(*)
        FROM maanden m JOIN sw_dienstverband d ON ${running('d.startdatum', 'd.einddatum', 'm.eind')}
        GROUP BY 1, 2, 3`,
    },
  ],
  werkplein: [
    {
      reeks: 'plaatsing_gestart',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, soort, count(*) FROM plaatsing GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'plaatsing_gestart_lks',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, CASE WHEN met_lks THEN 'MET' ELSE 'ZONDER' END, count(*)
        FROM plaatsing GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'plaatsing_lopend',
      kind: 'stand',
      sql: `SELECT p.gemeente, m.maand, '', count(*)
        FROM maanden m JOIN plaatsing p ON ${running('p.startdatum', 'p.einddatum', 'm.eind')} GROUP BY 1, 2`,
    },
    {
      reeks: 'vacature_geopend',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('geopend')}, '', count(*) FROM vacature GROUP BY 1, 2`,
    },
  ],
  schuldhulp: [
    {
      reeks: 'aanmelding',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('aanmelddatum')}, bron, count(*) FROM schuldhulptraject GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'schuldhulp_lopend',
      kind: 'stand',
      sql: `SELECT s.gemeente, m.maand, s.fase, count(*)
        FROM maanden m JOIN schuldhulptraject s ON ${running('s.aanmelddatum', 's.afgesloten_op', 'm.eind')}
        GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'schuldhulp_lopend_budgetbeheer',
      kind: 'stand',
      sql: `SELECT s.gemeente, m.maand, CASE WHEN s.budgetbeheer THEN 'JA' ELSE 'NEE' END, count(*)
        FROM maanden m JOIN schuldhulptraject s ON ${running('s.aanmelddatum', 's.afgesloten_op', 'm.eind')}
        GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'vroegsignaal',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('datum')}, soort, count(*) FROM vroegsignaal GROUP BY 1, 2, 3`,
    },
  ],
  werkcentrum: [
    {
      reeks: 'ontwikkeltraject_gestart',
      kind: 'stroom',
      sql: `SELECT gemeente, ${month('startdatum')}, soort, count(*) FROM ontwikkeltraject GROUP BY 1, 2, 3`,
    },
    {
      reeks: 'ontwikkeltraject_lopend',
      kind: 'stand',
      sql: `SELECT t.gemeente, m.maand, '', count(*)
        FROM maanden m JOIN ontwikkeltraject t ON ${running('t.startdatum', 't.einddatum', 'm.eind')}
        GROUP BY 1, 2`,
    },
  ],
};

type Values = Map<string, number>;

async function rows(client: Client, sql: string): Promise<Values> {
  const result = await client.query<{ key: string; aantal: string }>(sql);
  const values: Values = new Map();
  for (const { key, aantal } of result.rows) if (Number(aantal) !== 0) values.set(key, Number(aantal));
  return values;
}

/** From the detail rows: per series, gemeente, month and category, the count (flows) or level (stocks). */
async function recomputed(client: Client, subgraph: SubgraphName): Promise<Values> {
  const parts = (HERBEREKENINGEN[subgraph] ?? []).map(
    ({ reeks, sql }) =>
      `SELECT concat_ws('|', '${reeks}', r.gemeente, to_char(r.maand, 'YYYY-MM'), r.categorie) AS key, r.aantal
       FROM (${sql}) AS r (gemeente, maand, categorie, aantal)
       WHERE r.maand BETWEEN date '2015-01-01' AND date '2027-12-01'`,
  );
  return rows(client, `WITH ${GRID} ${parts.join(' UNION ALL ')}`);
}

/** From the aggregates: flows as kept, stocks as the sum of their changes up to each month. */
async function aggregated(client: Client, subgraph: SubgraphName): Promise<Values> {
  const of = (kind: Kind) =>
    (HERBEREKENINGEN[subgraph] ?? [])
      .filter((h) => h.kind === kind)
      .map((h) => `'${h.reeks}'`)
      .join(', ') || `''`;
  return rows(
    client,
    `WITH ${GRID},
     sleutels AS (SELECT DISTINCT gemeente, reeks, categorie FROM statistiek_maand WHERE reeks IN (${of('stand')}))
     SELECT concat_ws('|', a.reeks, a.gemeente, to_char(a.maand, 'YYYY-MM'), a.categorie) AS key, a.aantal
     FROM statistiek_maand a
     WHERE a.reeks IN (${of('stroom')}) AND a.maand BETWEEN date '2015-01-01' AND date '2027-12-01'
     UNION ALL
     SELECT concat_ws('|', s.reeks, s.gemeente, to_char(m.maand, 'YYYY-MM'), s.categorie),
       (SELECT sum(a.aantal) FROM statistiek_maand a
        WHERE a.gemeente = s.gemeente AND a.reeks = s.reeks AND a.categorie = s.categorie AND a.maand <= m.maand)
     FROM sleutels s CROSS JOIN maanden m`,
  );
}

/** The yearly table is the monthly one summed per year (the statistics read both). */
async function yearMismatches(client: Client): Promise<unknown[]> {
  const { rows: mismatches } = await client.query<Record<string, unknown>>(`
    SELECT coalesce(j.gemeente, m.gemeente) AS gemeente, coalesce(j.reeks, m.reeks) AS reeks,
      coalesce(j.jaar, m.jaar) AS jaar, j.aantal AS jaar_aantal, m.aantal AS maand_aantal
    FROM (SELECT gemeente, reeks, jaar, categorie, aantal FROM statistiek_jaar WHERE aantal <> 0) j
    FULL JOIN (
      SELECT gemeente, reeks, extract(year FROM maand)::int AS jaar, categorie, sum(aantal) AS aantal
      FROM statistiek_maand GROUP BY 1, 2, 3, 4 HAVING sum(aantal) <> 0
    ) m USING (gemeente, reeks, jaar, categorie)
    WHERE j.aantal IS DISTINCT FROM m.aantal`);
  return mismatches;
}

/** Werkcentrum's budgets per resident and month, from the detail rows and as kept. */
async function budgetMismatches(client: Client): Promise<unknown[]> {
  const { rows: mismatches } = await client.query<Record<string, unknown>>(`
    SELECT coalesce(d.gemeente, b.gemeente) AS gemeente, coalesce(d.bsn, b.bsn) AS bsn, d.centen, b.centen
    FROM (
      SELECT gemeente, bsn, date_trunc('month', startdatum)::date AS maand, sum(budget_centen) AS centen
      FROM ontwikkeltraject GROUP BY 1, 2, 3 HAVING sum(budget_centen) <> 0
    ) d
    FULL JOIN (SELECT gemeente, bsn, maand, centen FROM statistiek_bedrag WHERE centen <> 0) b
      USING (gemeente, bsn, maand)
    WHERE d.centen IS DISTINCT FROM b.centen`);
  return mismatches;
}

function differences(expected: Values, actual: Values): string[] {
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  return [...keys]
    .filter((key) => expected.get(key) !== actual.get(key))
    .sort()
    .slice(0, 20)
    .map((key) => `${key}: detail ${expected.get(key) ?? 0}, aggregate ${actual.get(key) ?? 0}`);
}

/** Writes as a partner's application (or a manual fix) would send them, several in one transaction. */
const WRITES: Partial<Record<SubgraphName, (bsns: string[]) => string[]>> = {
  'werk-inkomen': ([nieuw = '', ander = '']) => [
    `INSERT INTO inwoner (bsn, naam, geboortedatum, gemeente, statushouder) VALUES
      ('${nieuw}', 'Nieuwe Inwoner', '1990-05-01', 'GM0164', true),
      ('${ander}', 'Andere Inwoner', '1985-02-01', 'GM0147', false)`,
    `INSERT INTO uitkering (bsn, gemeente, regeling, ingangsdatum, einddatum, uitstroomreden, bedrag_per_maand_centen)
      VALUES ('${nieuw}', 'GM0164', 'PW', '2024-03-31', NULL, NULL, 110000),
             ('${nieuw}', 'GM0164', 'BBZ', '2024-01-01', NULL, NULL, 90000),
             ('${ander}', 'GM0147', 'IOAW', '2023-05-15', '2024-02-29', NULL, 120000),
             ('${ander}', 'GM0147', 'PW', '2024-06-01', '2024-05-01', 'OVERIG', 100000)`,
    // End dates set on running benefits, moved, and cleared; a reason changed.
    `UPDATE uitkering SET einddatum = '2024-06-30', uitstroomreden = 'WERK'
      WHERE id IN (SELECT id FROM uitkering WHERE einddatum IS NULL AND gemeente = 'GM0164' ORDER BY id LIMIT 25)`,
    `UPDATE uitkering SET einddatum = einddatum + 40
      WHERE id IN (SELECT id FROM uitkering WHERE einddatum IS NOT NULL AND gemeente = 'GM0153' ORDER BY id LIMIT 30)`,
    `UPDATE uitkering SET einddatum = NULL, uitstroomreden = NULL
      WHERE id IN (SELECT id FROM uitkering WHERE einddatum IS NOT NULL AND gemeente = 'GM0158' ORDER BY id LIMIT 10)`,
    `UPDATE uitkering SET uitstroomreden = 'ZELFSTANDIG'
      WHERE id IN (SELECT id FROM uitkering WHERE uitstroomreden = 'AOW' ORDER BY id LIMIT 5)`,
    `UPDATE uitkering SET gemeente = 'GM0147' WHERE id = (SELECT min(id) FROM uitkering WHERE gemeente = 'GM0164')`,
    `DELETE FROM uitkering WHERE id IN (SELECT id FROM uitkering WHERE gemeente = 'GM0153' ORDER BY id DESC LIMIT 20)`,
    // A resident becomes a statushouder, another stops being one: their benefits move category.
    `UPDATE inwoner SET statushouder = NOT statushouder
      WHERE bsn IN (SELECT bsn FROM uitkering WHERE gemeente = 'GM0164' ORDER BY id LIMIT 12)`,
    // LKS: a second contract overlapping the first of a person, one adjacent, an end set, one deleted.
    `INSERT INTO loonkostensubsidie (bsn, gemeente, werkgever, loonwaarde, startdatum, einddatum)
      SELECT bsn, gemeente, 'Synthetische Werkgever BV', 55, startdatum + 30, NULL
      FROM loonkostensubsidie WHERE gemeente = 'GM0164' ORDER BY id LIMIT 3`,
    `INSERT INTO loonkostensubsidie (bsn, gemeente, werkgever, loonwaarde, startdatum, einddatum)
      SELECT bsn, gemeente, 'Synthetische Werkgever BV', 60, einddatum + 1, einddatum + 200
      FROM loonkostensubsidie WHERE einddatum IS NOT NULL ORDER BY id LIMIT 3`,
    `UPDATE loonkostensubsidie SET einddatum = '2024-02-29'
      WHERE id IN (SELECT id FROM loonkostensubsidie WHERE einddatum IS NULL ORDER BY id LIMIT 8)`,
    `DELETE FROM loonkostensubsidie WHERE id IN (SELECT id FROM loonkostensubsidie ORDER BY id DESC LIMIT 4)`,
    `INSERT INTO inburgering (bsn, gemeente, leerroute, startdatum, einddatum)
      VALUES ('${nieuw}', 'GM0164', 'Z_ROUTE', '2024-04-01', '2024-04-30')`,
    `UPDATE inburgering SET leerroute = 'ONDERWIJS', einddatum = startdatum + 100
      WHERE id IN (SELECT id FROM inburgering ORDER BY id LIMIT 6)`,
    `UPDATE begroting SET aantal_uitkeringen = aantal_uitkeringen + 10 WHERE jaar = 2024`,
    `DELETE FROM begroting WHERE jaar = 2021`,
  ],
  swb: () => [
    `INSERT INTO traject (bsn, gemeente, soort, startdatum, einddatum, resultaat)
      SELECT bsn, gemeente, 'DIAGNOSE', '2024-02-01', '2024-03-31', 'BETAALD_WERK' FROM traject ORDER BY id LIMIT 5`,
    `UPDATE traject SET einddatum = '2024-12-31', resultaat = 'UITVAL'
      WHERE id IN (SELECT id FROM traject WHERE einddatum IS NULL ORDER BY id LIMIT 6)`,
    `UPDATE traject SET resultaat = NULL WHERE id IN (SELECT id FROM traject WHERE resultaat = 'OPLEIDING' ORDER BY id LIMIT 3)`,
    `DELETE FROM traject WHERE id IN (SELECT id FROM traject ORDER BY id DESC LIMIT 7)`,
    `UPDATE sw_dienstverband SET gedetacheerd = NOT gedetacheerd WHERE id IN (SELECT id FROM sw_dienstverband ORDER BY id LIMIT 9)`,
    `UPDATE sw_dienstverband SET einddatum = startdatum - 1 WHERE id = (SELECT min(id) FROM sw_dienstverband)`,
  ],
  werkplein: () => [
    `INSERT INTO plaatsing (bsn, gemeente, werkgever_id, vacature_id, soort, met_lks, startdatum, einddatum)
      SELECT bsn, gemeente, werkgever_id, NULL, 'PROEFPLAATSING', true, '2024-07-01', '2024-09-30'
      FROM plaatsing ORDER BY id LIMIT 4`,
    `UPDATE plaatsing SET met_lks = NOT met_lks, einddatum = coalesce(einddatum, startdatum + 90)
      WHERE id IN (SELECT id FROM plaatsing ORDER BY id LIMIT 10)`,
    `UPDATE plaatsing SET startdatum = startdatum - 365 WHERE id IN (SELECT id FROM plaatsing ORDER BY id DESC LIMIT 5)`,
    `DELETE FROM plaatsing WHERE id IN (SELECT id FROM plaatsing ORDER BY id DESC LIMIT 3)`,
    `UPDATE vacature SET geopend = geopend + 31 WHERE id IN (SELECT id FROM vacature ORDER BY id LIMIT 5)`,
  ],
  schuldhulp: () => [
    `UPDATE schuldhulptraject SET fase = 'AFGESLOTEN', afgesloten_op = '2024-08-15'
      WHERE id IN (SELECT id FROM schuldhulptraject WHERE afgesloten_op IS NULL ORDER BY id LIMIT 15)`,
    `UPDATE schuldhulptraject SET budgetbeheer = NOT budgetbeheer, bron = 'WIJKTEAM'
      WHERE id IN (SELECT id FROM schuldhulptraject ORDER BY id DESC LIMIT 10)`,
    `DELETE FROM schuldhulptraject WHERE id IN (SELECT id FROM schuldhulptraject ORDER BY id LIMIT 4)`,
    `INSERT INTO vroegsignaal (bsn, gemeente, soort, datum, bedrag_centen)
      SELECT bsn, gemeente, 'WATER', '2024-11-30', 1000 FROM vroegsignaal ORDER BY id LIMIT 6`,
    // A partner empties and refills a table: TRUNCATE clears its aggregates, the inserts add them again.
    `CREATE TEMPORARY TABLE signalen AS SELECT bsn, gemeente, soort, datum, bedrag_centen FROM vroegsignaal`,
    `TRUNCATE vroegsignaal`,
    `INSERT INTO vroegsignaal (bsn, gemeente, soort, datum, bedrag_centen)
      SELECT bsn, gemeente, soort, datum, bedrag_centen FROM signalen WHERE soort <> 'ENERGIE'`,
  ],
  werkcentrum: ([nieuw = '']) => [
    `INSERT INTO ontwikkeltraject (bsn, gemeente, soort, startdatum, einddatum, budget_centen)
      VALUES ('${nieuw}', 'GM0164', 'SCHOLING', '2024-05-05', NULL, 250000),
             ('${nieuw}', 'GM0164', 'LEERWERKTRAJECT', '2024-05-20', '2024-04-30', 100000)`,
    `UPDATE ontwikkeltraject SET budget_centen = budget_centen + 5000, startdatum = startdatum + 20
      WHERE id IN (SELECT id FROM ontwikkeltraject ORDER BY id LIMIT 12)`,
    `UPDATE ontwikkeltraject SET bsn = '${nieuw}' WHERE id IN (SELECT id FROM ontwikkeltraject ORDER BY id DESC LIMIT 2)`,
    `DELETE FROM ontwikkeltraject WHERE id IN (SELECT id FROM ontwikkeltraject WHERE einddatum IS NOT NULL ORDER BY id LIMIT 5)`,
  ],
};

describe('Statistics: the monthly aggregates equal a recomputation from the detail rows, after every kind of write', () => {
  let hub: TestHub;
  const clients = new Map<SubgraphName, Client>();

  beforeAll(async () => {
    hub = await startTestHub('aggregaten', async (_orms, urls) => {
      await loadPopulation(generatePopulation({ scale: 0.25 }), urls, { truncate: true });
    });
    for (const [subgraph, url] of Object.entries(hub.databaseUrls) as [SubgraphName, string][]) {
      const client = new Client({ connectionString: url });
      await client.connect();
      clients.set(subgraph, client);
    }
  });
  afterAll(async () => {
    await Promise.all([...clients.values()].map((client) => client.end()));
    await hub?.close();
  });

  const client = (subgraph: SubgraphName): Client => {
    const found = clients.get(subgraph);
    if (!found) throw new Error(`no client for ${subgraph}`);
    return found;
  };

  const check = async (subgraph: SubgraphName) => {
    const [expected, actual] = [
      await recomputed(client(subgraph), subgraph),
      await aggregated(client(subgraph), subgraph),
    ];
    expect(differences(expected, actual)).toEqual([]);
    expect(expected.size).toBeGreaterThan(100);
    expect(await yearMismatches(client(subgraph))).toEqual([]);
    if (subgraph === 'werkcentrum') expect(await budgetMismatches(client(subgraph))).toEqual([]);
  };

  it.each(Object.keys(HERBEREKENINGEN) as SubgraphName[])(
    '%s: after the bulk load (COPY)',
    async (subgraph) => {
      await check(subgraph);
    },
  );

  it.each(Object.keys(HERBEREKENINGEN) as SubgraphName[])(
    '%s: after inserts, updates of end dates and categories, deletes and a truncate, in one transaction',
    async (subgraph) => {
      const db = client(subgraph);
      const statements = WRITES[subgraph]?.(fixtureBsns(2, 8800)) ?? [];
      await db.query('BEGIN');
      for (const sql of statements) {
        const result = await db.query(sql);
        // Each write changes rows (else it would prove nothing).
        if (/^\s*(UPDATE|DELETE|INSERT)/.test(sql))
          expect({ sql, rows: result.rowCount }).not.toEqual({ sql, rows: 0 });
      }
      await db.query('COMMIT');
      await check(subgraph);
    },
  );

  it('leaves the aggregates untouched by a write that is rolled back', async () => {
    const db = client('swb');
    const before = await aggregated(db, 'swb');
    await db.query('BEGIN');
    await db.query(`DELETE FROM traject WHERE gemeente = 'GM0164'`);
    expect(differences(before, await aggregated(db, 'swb'))).not.toEqual([]);
    await db.query('ROLLBACK');
    expect(differences(before, await aggregated(db, 'swb'))).toEqual([]);
  });
});
