import { randomBytes } from 'node:crypto';
import { pseudonym } from '../platform/audit/pseudonym';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { ACTIVITEITEN as SCHULDHULP } from '../subgraphs/schuldhulp/toegang';
import { ACTIVITEITEN as SWB } from '../subgraphs/swb/toegang';
import { ACTIVITEITEN as WERK_INKOMEN } from '../subgraphs/werk-inkomen/toegang';
import type { Caller } from '../platform/auth/principals';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type QueryOptions, type TestHub } from './support/hub';
import { KETENBEELD } from './support/documents';

const LOGBOEK = /* GraphQL */ `
  query Logboek($filter: LogboekFilter!, $first: Int) {
    logboek(filter: $filter, first: $first) {
      werkInkomen {
        ...Regel
      }
      swb {
        ...Regel
      }
      werkplein {
        ...Regel
      }
      schuldhulp {
        ...Regel
      }
      werkcentrum {
        ...Regel
      }
    }
  }

  fragment Regel on Verwerking {
    tijdstip
    traceId
    spanId
    activiteit
    activiteitNaam
    doelbinding
    organisatie
    medewerker
    rollen
    velden
    uitkomst
    bron
  }
`;

const VELDEN = ['werkInkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'] as const;

interface Regel {
  tijdstip: string;
  traceId: string;
  spanId: string;
  activiteit: string;
  activiteitNaam: string | null;
  doelbinding: string | null;
  organisatie: string;
  medewerker: string;
  rollen: string[];
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  bron: string;
}

/** A W3C traceparent of a caller's own trace, so its lines can be found again by trace id. */
function nieuweTrace(): { traceId: string; headers: Record<string, string> } {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
}

function isoTijdstip(): unknown {
  return expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
}

describe('Logboek: the processing log is read by privacy officers and answers residents (lezen)', () => {
  let hub: TestHub;
  const bsns = fixtureBsns(3, 700);
  const bsn = bsns[0] as string;

  const logboek = (
    filter: Record<string, unknown>,
    options: QueryOptions,
    first?: number,
  ): ReturnType<TestHub['query']> => hub.query(LOGBOEK, { filter, first }, options);

  /** The codes of a response's errors, in order. */
  const codes = (response: Awaited<ReturnType<TestHub['query']>>): unknown[] =>
    (response.errors ?? []).map((error): unknown => error.extensions?.code);

  /** The codes of the errors on the `Logboek` fields, by field. */
  const fouten = (response: Awaited<ReturnType<TestHub['query']>>): Record<string, unknown> =>
    Object.fromEntries(
      (response.errors ?? []).map((error): [string, unknown] => [
        error.path?.join('.') ?? '',
        error.extensions?.code,
      ]),
    );

  const rawRows = async (name: SubgraphName, table: 'verwerking' | 'verwerking_actor') =>
    hub.orms[name].em.getConnection().execute<Record<string, unknown>[]>(`select * from ${table}`);

  beforeAll(async () => {
    hub = await startTestHub('logboek', (orms) => insertResidents(orms, 'GM0164', bsns));
  });
  afterAll(() => hub?.close());

  it('logs a granted read under the caller’s trace id, with activity, reader, fields and TOEGESTAAN', async () => {
    const { traceId, headers } = nieuweTrace();
    const read = await hub.query(
      /* GraphQL */ `
        query ($bsn: BSN!) {
          inwoner(bsn: $bsn) {
            naam
            uitkeringen {
              regeling
            }
          }
        }
      `,
      { bsn },
      { as: 'klantmanagerBhh', headers },
    );
    expect(read.errors).toBeUndefined();

    const response = await logboek({ traceId }, { as: 'privacyOfficerWi', purpose: 'toezicht' });
    const lines = response.data?.logboek.werkInkomen as Regel[];
    const reader = {
      traceId,
      spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
      tijdstip: isoTijdstip(),
      doelbinding: 'uitvoering',
      organisatie: 'wi-bhh',
      medewerker: 'km-hengelo-1',
      rollen: ['KLANTMANAGER'],
      uitkomst: 'TOEGESTAAN',
      bron: 'werk-inkomen',
    };
    expect(lines).toHaveLength(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        {
          ...reader,
          activiteit: WERK_INKOMEN.ketenregie.id,
          activiteitNaam: 'Regie in de ketenaanpak',
          velden: ['inwoner'],
        },
        {
          ...reader,
          activiteit: WERK_INKOMEN.uitkeringsverstrekking.id,
          activiteitNaam: WERK_INKOMEN.uitkeringsverstrekking.naam,
          velden: ['naam', 'uitkeringen'],
        },
      ]),
    );
    // Both lines are one subgraph's work within one request: one span.
    expect(new Set(lines.map((line) => line.spanId)).size).toBe(1);
    // Werk en Inkomen's officer reads only Werk en Inkomen's log.
    expect(fouten(response)).toEqual({
      'logboek.swb': 'FORBIDDEN',
      'logboek.werkplein': 'FORBIDDEN',
      'logboek.schuldhulp': 'FORBIDDEN',
      'logboek.werkcentrum': 'FORBIDDEN',
    });
    expect(response.data?.logboek).toMatchObject({
      swb: null,
      werkplein: null,
      schuldhulp: null,
      werkcentrum: null,
    });
  });

  it('logs a refused read as GEWEIGERD, in the log of the partner that refused it', async () => {
    const { traceId, headers } = nieuweTrace();
    const read = await hub.query(
      /* GraphQL */ `
        query ($bsn: BSN!) {
          inwoner(bsn: $bsn) {
            schuldhulptrajecten {
              fase
            }
          }
        }
      `,
      { bsn },
      { as: 'klantmanagerBhh', headers },
    );
    expect(codes(read)).toEqual(['FORBIDDEN']);
    expect(read.data?.inwoner.schuldhulptrajecten).toBeNull();

    const response = await logboek({ traceId }, { as: 'privacyOfficerStadsbank', purpose: 'toezicht' });
    expect(response.data?.logboek.schuldhulp).toEqual([
      {
        tijdstip: isoTijdstip(),
        traceId,
        spanId: expect.stringMatching(/^[0-9a-f]{16}$/),
        activiteit: SCHULDHULP.schuldhulpverlening.id,
        activiteitNaam: SCHULDHULP.schuldhulpverlening.naam,
        doelbinding: 'uitvoering',
        organisatie: 'wi-bhh',
        medewerker: 'km-hengelo-1',
        rollen: ['KLANTMANAGER'],
        velden: ['schuldhulptrajecten'],
        uitkomst: 'GEWEIGERD',
        bron: 'schuldhulp',
      },
    ]);
    expect(fouten(response)['logboek.werkInkomen']).toBe('FORBIDDEN');
  });

  it('writes one line per resident: a list of three residents gives three lines, with pseudonyms only', async () => {
    const { traceId, headers } = nieuweTrace();
    const read = await hub.query(
      /* GraphQL */ `
        {
          gemeente(code: "GM0164") {
            inwoners(first: 3) {
              nodes {
                naam
              }
            }
          }
        }
      `,
      {},
      { as: 'klantmanagerBhh', headers },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data?.gemeente.inwoners.nodes).toHaveLength(3);

    const response = await logboek({ traceId }, { as: 'privacyOfficerWi', purpose: 'toezicht' });
    const lines = response.data?.logboek.werkInkomen as Regel[];
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).toMatchObject({
        traceId,
        activiteit: WERK_INKOMEN.uitkeringsverstrekking.id,
        velden: ['inwoners', 'naam'],
        uitkomst: 'TOEGESTAAN',
        medewerker: 'km-hengelo-1',
      });
    }
    const key = hub.pseudonymKeys['werk-inkomen'];
    const subjects = await hub.orms['werk-inkomen'].em
      .getConnection()
      .execute<{ data_subject_id: string; data_subject_id_type: string }[]>(
        'select data_subject_id, data_subject_id_type from verwerking where trace_id = ?',
        [traceId],
      );
    expect(subjects.map((row) => row.data_subject_id).sort()).toEqual(
      bsns.map((resident) => pseudonym(resident, key)).sort(),
    );
    expect(new Set(subjects.map((row) => row.data_subject_id_type))).toEqual(new Set(['bsn-hmac-sha256']));
  });

  it('lets the PRIVACY_OFFICER of SWB read SWB’s log, and not Werk en Inkomen’s', async () => {
    const { traceId, headers } = nieuweTrace();
    const read = await hub.query(
      /* GraphQL */ `
        query ($bsn: BSN!) {
          inwoner(bsn: $bsn) {
            trajecten {
              soort
            }
          }
        }
      `,
      { bsn },
      { as: 'klantmanagerBhh', headers },
    );
    expect(read.errors).toBeUndefined();

    const response = await logboek({ traceId }, { as: 'privacyOfficerSwb', purpose: 'toezicht' });
    expect(response.data?.logboek.swb).toEqual([
      expect.objectContaining({
        traceId,
        activiteit: SWB.trajectbegeleiding.id,
        activiteitNaam: SWB.trajectbegeleiding.naam,
        organisatie: 'wi-bhh',
        velden: ['trajecten'],
        uitkomst: 'TOEGESTAAN',
        bron: 'swb',
      }),
    ]);
    expect(response.data?.logboek.werkInkomen).toBeNull();
    expect(response.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ['logboek', 'werkInkomen'],
          message: expect.stringContaining('own organisation'),
          extensions: { code: 'FORBIDDEN' },
        }),
      ]),
    );
  });

  it('answers a resident’s inzageverzoek at each partner from that partner’s own log, and logs that reading', async () => {
    const { traceId, headers } = nieuweTrace();
    const read = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh', headers });
    expect(read.errors).toBeUndefined();

    const report = await logboek({ bsn }, { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' });
    const lines = report.data?.logboek.swb as Regel[];
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          traceId,
          activiteit: SWB.trajectbegeleiding.id,
          medewerker: 'km-hengelo-1',
        }),
      ]),
    );
    const times = lines.map((line) => line.tijdstip);
    expect(times).toEqual([...times].sort().reverse());
    // The other partners' lines are theirs to give: each answers FORBIDDEN, with no line of theirs.
    expect(fouten(report)).toEqual(
      Object.fromEntries(
        VELDEN.filter((veld) => veld !== 'swb').map((veld) => [`logboek.${veld}`, 'FORBIDDEN']),
      ),
    );
    expect(JSON.stringify(report)).not.toContain(bsn);

    // Reading a resident's lines is a processing of their data too: SWB's next answer shows it.
    const again = await logboek({ bsn }, { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' });
    expect(again.data?.logboek.swb[0]).toMatchObject({
      activiteit: SWB.inzageLogboek.id,
      activiteitNaam: 'Inzage in het logboek dataverwerkingen',
      doelbinding: 'inzageverzoek',
      organisatie: 'swb',
      medewerker: 'po-swb-1',
      rollen: ['PRIVACY_OFFICER'],
      velden: ['swb'],
      uitkomst: 'TOEGESTAAN',
    });
  });

  describe('a PRIVACY_OFFICER of the Werkplein and the Stadsbank’s lines of a resident', () => {
    const poWerkplein = {
      employeeId: 'po-werkplein-1',
      organisation: 'werkplein',
      roles: ['PRIVACY_OFFICER'],
      gemeenten: ['GM0164'],
    } satisfies Caller;
    let traceId: string;

    beforeAll(async () => {
      const trace = nieuweTrace();
      traceId = trace.traceId;
      const read = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh', headers: trace.headers });
      expect(read.data?.inwoner.schuldhulpstatus).toEqual({ fase: expect.any(String) });
    });

    const filters = (): [string, Record<string, unknown>][] => [
      ['the resident', { bsn }],
      ['the trace id', { traceId }],
      ['the Stadsbank’s activity', { activiteit: SCHULDHULP.schuldhulpverlening.id }],
      ['the resident in a period', { bsn, van: '2000-01-01T00:00:00Z', tot: '2999-01-01T00:00:00Z' }],
    ];

    it('finds the lines there: the Stadsbank’s own officer reads them with each filter', async () => {
      for (const [, filter] of filters()) {
        const response = await logboek(filter, { as: 'privacyOfficerStadsbank', purpose: 'toezicht' });
        expect(response.data?.logboek.schuldhulp).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ traceId, activiteit: SCHULDHULP.schuldhulpverlening.id }),
          ]),
        );
      }
    });

    it.each(['toezicht', 'inzageverzoek', 'uitvoering', 'casusoverleg', null])(
      'never reads them, for purpose %s and whatever the filter',
      async (purpose) => {
        for (const [name, filter] of filters()) {
          const response = await logboek(filter, { as: poWerkplein, purpose });
          expect({ name, schuldhulp: response.data?.logboek.schuldhulp }).toEqual({ name, schuldhulp: null });
          expect(response.errors).toEqual(
            expect.arrayContaining([
              expect.objectContaining({ path: ['logboek', 'schuldhulp'], extensions: { code: 'FORBIDDEN' } }),
            ]),
          );
          expect(JSON.stringify(response.data)).not.toContain(SCHULDHULP.schuldhulpverlening.id);
        }
      },
    );
  });

  it('filters by processing activity and period, newest first, within the page size', async () => {
    const activiteit = WERK_INKOMEN.uitkeringsverstrekking.id;
    const response = await logboek({ activiteit }, { as: 'privacyOfficerWi', purpose: 'toezicht' }, 2);
    const lines = response.data?.logboek.werkInkomen as Regel[];
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.activiteit).toBe(activiteit);
    const times = lines.map((line) => line.tijdstip);
    expect(times).toEqual([...times].sort().reverse());

    const future = await logboek(
      { activiteit, van: '2999-01-01T00:00:00Z' },
      { as: 'privacyOfficerWi', purpose: 'toezicht' },
    );
    expect(future.data?.logboek.werkInkomen).toEqual([]);
    const past = await logboek(
      { activiteit, van: '2000-01-01T00:00:00+01:00', tot: '2999-01-01T00:00:00Z' },
      { as: 'privacyOfficerWi', purpose: 'toezicht' },
    );
    expect((past.data?.logboek.werkInkomen as Regel[]).length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['no filter at all', {}, undefined],
    ['only a period', { van: '2024-01-01T00:00:00Z' }, undefined],
    ['a trace id that is not one', { traceId: 'abc' }, undefined],
    ['a time without time zone', { traceId: 'a'.repeat(32), van: '2024-01-01T00:00' }, undefined],
    [
      'van after tot',
      { traceId: 'a'.repeat(32), van: '2025-01-01T00:00:00Z', tot: '2024-01-01T00:00:00Z' },
      undefined,
    ],
    ['a page larger than the cap', { traceId: 'a'.repeat(32) }, 100_000],
  ])('rejects %s with BAD_USER_INPUT', async (_case, filter, first) => {
    const response = await logboek(filter, { as: 'privacyOfficerWi', purpose: 'toezicht' }, first);
    expect(response.data ?? null).toBeNull();
    expect(codes(response)).toEqual(['BAD_USER_INPUT']);
  });

  it.each([
    ['an ANALIST', { as: 'analist', purpose: 'toezicht' }, { traceId: 'a'.repeat(32) }],
    ['a KLANTMANAGER', { as: 'klantmanagerBhh', purpose: 'toezicht' }, { traceId: 'a'.repeat(32) }],
    [
      'a PRIVACY_OFFICER for purpose uitvoering',
      { as: 'privacyOfficerWi', purpose: 'uitvoering' },
      { traceId: 'a'.repeat(32) },
    ],
    [
      'a PRIVACY_OFFICER without a purpose',
      { as: 'privacyOfficerWi', purpose: null },
      { traceId: 'a'.repeat(32) },
    ],
    [
      'an inzageverzoek without a bsn',
      { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' },
      { traceId: 'a'.repeat(32) },
    ],
    [
      'an inzageverzoek by the regio, which holds no personal data',
      { as: 'privacyOfficerRegio', purpose: 'inzageverzoek' },
      { bsn },
    ],
  ] as [string, QueryOptions, Record<string, unknown>][])(
    'refuses %s with FORBIDDEN on every partner’s field',
    async (_case, options, filter) => {
      const response = await logboek(filter, options);
      expect(response.data?.logboek).toEqual({
        werkInkomen: null,
        swb: null,
        werkplein: null,
        schuldhulp: null,
        werkcentrum: null,
      });
      expect(fouten(response)).toEqual(
        Object.fromEntries(VELDEN.map((veld) => [`logboek.${veld}`, 'FORBIDDEN'])),
      );
    },
  );

  it('logs a refused reading of a resident’s lines as GEWEIGERD, in the log that refused it', async () => {
    await logboek({ bsn }, { as: 'analist', purpose: 'inzageverzoek' });
    const report = await logboek({ bsn }, { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' });
    expect(report.data?.logboek.swb[0]).toMatchObject({
      activiteit: SWB.inzageLogboek.id,
      medewerker: 'an-1',
      rollen: ['ANALIST'],
      velden: ['swb'],
      uitkomst: 'GEWEIGERD',
    });
  });

  it('keeps no BSN anywhere in the log tables of any partner', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const rows = [...(await rawRows(name, 'verwerking')), ...(await rawRows(name, 'verwerking_actor'))];
      expect(rows.length).toBeGreaterThan(0);
      const dump = JSON.stringify(rows);
      for (const resident of bsns) expect(dump).not.toContain(resident);
    }
  });

  it('fails closed: when SWB cannot write its log, SWB answers nothing and the rest still answers', async () => {
    const before = (await rawRows('swb', 'verwerking')).length;
    // Only the owner can: the service's own runtime role cannot alter its log.
    await hub.asOwner('swb', 'alter table verwerking rename to verwerking_onbereikbaar');
    try {
      const response = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh' });
      expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
      expect(response.data?.inwoner.plaatsingen).toHaveLength(1);
      expect(response.data?.inwoner.trajecten).toBeNull();
      // The gateway names the partner whose part is withheld, and nothing of the data.
      expect(response.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            extensions: { code: 'PROCESSING_LOG_UNAVAILABLE', serviceName: 'swb' },
          }),
        ]),
      );
      expect(JSON.stringify(response)).not.toContain('ARBEIDSFIT');
    } finally {
      await hub.asOwner('swb', 'alter table verwerking_onbereikbaar rename to verwerking');
    }
    const after = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh' });
    expect(after.data?.inwoner.trajecten).toEqual([{ soort: 'ARBEIDSFIT' }]);
    expect((await rawRows('swb', 'verwerking')).length).toBe(before + 1);
  });

  it.each(SUBGRAPH_NAMES.map((name) => [name]))(
    'refuses UPDATE, DELETE and TRUNCATE on both log tables of %s, even to the owner',
    async (name) => {
      const read = await hub.query(KETENBEELD, { bsn }, { as: 'klantmanagerBhh' });
      expect(read.errors).toBeUndefined();
      // The runtime role lacks the privileges (test/database-roles.test.ts); the triggers stop the owner too.
      const connection = { execute: <T>(statement: string) => hub.asOwner<T>(name, statement) };
      for (const table of ['verwerking', 'verwerking_actor']) {
        const [{ count }] = (await connection.execute<{ count: string }>(
          `select count(*)::text as count from ${table}`,
        )) as [{ count: string }];
        // Row triggers fire only for existing rows: the read above wrote some in every partner.
        expect(Number(count)).toBeGreaterThan(0);
        await expect(connection.execute(`update ${table} set trace_id = trace_id`)).rejects.toThrow(
          /append-only: UPDATE/,
        );
        await expect(connection.execute(`delete from ${table}`)).rejects.toThrow(/append-only: DELETE/);
        await expect(connection.execute(`truncate ${table}`)).rejects.toThrow(/append-only: TRUNCATE/);
        const [{ count: still }] = (await connection.execute<{ count: string }>(
          `select count(*)::text as count from ${table}`,
        )) as [{ count: string }];
        expect(still).toBe(count);
      }
    },
  );
});
