import { onSqlStatement } from '../platform/database';
import { ReadBatch, type PlainRead } from '../platform/request-database';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';

const UITKERINGEN = 'uitkeringen { regeling ingangsdatum einddatum uitstroomreden }';
const LOONKOSTENSUBSIDIES = 'loonkostensubsidies { werkgever loonwaarde startdatum einddatum }';
const INBURGERINGEN = 'inburgeringen { leerroute startdatum einddatum }';

const inwoner = (lists: string[]): string =>
  `query Inwoner($bsn: BSN!) { inwoner(bsn: $bsn) { bsn ${lists.join(' ')} } }`;

describe('Combined reads: sibling lists of one resident in one statement, each with its own conditions', () => {
  const [bsn] = fixtureBsns(1, 900) as [string];
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('readbatch', (orms) => insertResidents(orms, 'GM0153', [bsn]));
    // More rows per list, out of order, with and without an end date, and one of each in a gemeente the
    // caller (Enschede) does not serve.
    await hub.asOwner(
      'werk-inkomen',
      `insert into uitkering (bsn, gemeente, regeling, ingangsdatum, einddatum, uitstroomreden, bedrag_per_maand_centen)
       values ($1, 'GM0153', 'BBZ', date '2019-03-01', date '2020-01-31', 'WERK', 50000),
              ($1, 'GM0164', 'IOAZ', date '2025-01-01', null, null, 70000)`,
      [bsn],
    );
    await hub.asOwner(
      'werk-inkomen',
      `insert into loonkostensubsidie (bsn, gemeente, werkgever, loonwaarde, startdatum, einddatum)
       values ($1, 'GM0153', 'Eerdere Werkgever BV', 45, date '2022-06-01', date '2023-05-31'),
              ($1, 'GM0164', 'Werkgever Elders BV', 70, date '2025-02-01', null)`,
      [bsn],
    );
    await hub.asOwner(
      'werk-inkomen',
      `insert into inburgering (bsn, gemeente, leerroute, startdatum, einddatum)
       values ($1, 'GM0153', 'B1', date '2021-01-04', date '2022-12-20'),
              ($1, 'GM0153', 'Z_ROUTE', date '2023-02-01', null),
              ($1, 'GM0164', 'ONDERWIJS', date '2024-09-01', null)`,
      [bsn],
    );
  });
  afterAll(() => hub?.close());

  /** The answer to a document, and the statements werk-inkomen sent for it. */
  async function ask(document: string): Promise<{ data: Record<string, unknown>; statements: string[] }> {
    const statements: string[] = [];
    const stop = onSqlStatement(hub.orms['werk-inkomen'], (sql) => statements.push(sql));
    try {
      const response = await hub.query(document, { bsn }, { as: 'klantmanagerEnschede' });
      expect(response.errors).toBeUndefined();
      return { data: response.data?.inwoner as Record<string, unknown>, statements };
    } finally {
      stop();
    }
  }

  const reads = (statements: string[], table: string): string[] =>
    statements.filter((sql) => sql.includes(`from "${table}"`));

  it('reads benefits, wage subsidies and civic integration in one statement, not three', async () => {
    const { statements } = await ask(inwoner([UITKERINGEN, LOONKOSTENSUBSIDIES, INBURGERINGEN]));
    const [combined, ...others] = reads(statements, 'uitkering');
    expect(others).toEqual([]);
    expect(combined).toContain('from "loonkostensubsidie"');
    expect(combined).toContain('from "inburgering"');
    expect(reads(statements, 'loonkostensubsidie')).toEqual([combined]);
    expect(reads(statements, 'inburgering')).toEqual([combined]);
    // Each table keeps its own restriction to the caller's gemeenten.
    expect(combined?.match(/"gemeente" = any\(/g)).toHaveLength(3);
  });

  it('answers exactly as the three reads on their own: values, order, and only the caller’s gemeenten', async () => {
    const together = await ask(inwoner([UITKERINGEN, LOONKOSTENSUBSIDIES, INBURGERINGEN]));
    const apart = await Promise.all(
      [UITKERINGEN, LOONKOSTENSUBSIDIES, INBURGERINGEN].map((list) => ask(inwoner([list]))),
    );
    for (const alone of apart) {
      // On its own a list is its own statement, as PostgreSQL returns the rows rather than as JSON.
      expect(alone.statements.some((sql) => sql.includes('json_agg'))).toBe(false);
    }
    expect(together.data).toEqual({ bsn, ...apart[0]?.data, ...apart[1]?.data, ...apart[2]?.data });
    expect(together.data).toEqual({
      bsn,
      uitkeringen: [
        { regeling: 'PW', ingangsdatum: '2023-02-01', einddatum: null, uitstroomreden: null },
        { regeling: 'IOAW', ingangsdatum: '2021-05-01', einddatum: '2022-10-14', uitstroomreden: 'WERK' },
        { regeling: 'BBZ', ingangsdatum: '2019-03-01', einddatum: '2020-01-31', uitstroomreden: 'WERK' },
      ],
      loonkostensubsidies: [
        { werkgever: 'Synthetische Werkgever BV', loonwaarde: 60, startdatum: '2024-03-01', einddatum: null },
        {
          werkgever: 'Eerdere Werkgever BV',
          loonwaarde: 45,
          startdatum: '2022-06-01',
          einddatum: '2023-05-31',
        },
      ],
      inburgeringen: [
        { leerroute: 'Z_ROUTE', startdatum: '2023-02-01', einddatum: null },
        { leerroute: 'B1', startdatum: '2021-01-04', einddatum: '2022-12-20' },
      ],
    });
  });
});

describe('Combined reads: one read’s fault withholds no other read’s rows', () => {
  const [bsn] = fixtureBsns(1, 950) as [string];
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('readbatchfout', (orms) => insertResidents(orms, 'GM0153', [bsn]));
  });
  afterAll(() => hub?.close());

  it('answers the good read and refuses only the bad one when their combined statement fails', async () => {
    const batch = new ReadBatch(() => hub.orms['werk-inkomen'].em);
    const read = (sql: string): PlainRead => ({
      sql,
      part: `(select coalesce(json_agg(r), '[]'::json) from (${sql}) r)`,
    });
    const good = batch.read<{ bsn: string }>(read('select "bsn" from "inwoner" where "bsn" = ?::bpchar'), [
      bsn,
    ]);
    // A key its column cannot take: PostgreSQL refuses the whole statement it is part of.
    const bad = batch.read(read('select "id" from "uitkering" where "id" = ?::int'), ['geen getal']);
    await expect(good).resolves.toEqual([{ bsn }]);
    await expect(bad).rejects.toThrow(/invalid input syntax for type integer/);
  });
});
