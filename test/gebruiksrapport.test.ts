import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Verwerkingsactiviteit } from '../platform/audit/activities';
import { DATA_SUBJECT_ID_TYPE, pseudonym } from '../platform/audit/pseudonym';
import { ALLEEN_EIGEN_INZAGE, type Caller } from '../platform/auth/principals';
import { ACTIVITEITEN as SWB } from '../subgraphs/swb/toegang';
import { fixtureBsns } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type QueryOptions, type TestHub } from './support/hub';

const RAPPORT = /* GraphQL */ `
  query Gebruik($van: String, $tot: String, $drempel: Int, $first: Int) {
    gebruiksrapportage(van: $van, tot: $tot) {
      swb {
        buitenKantoortijd(first: $first) {
          ...Raadplegingen
        }
        geweigerd(first: $first) {
          ...Raadplegingen
        }
        veelRaadplegers(drempel: $drempel) {
          medewerker
          organisatie
          uur
          aantalInwoners
          aantalRaadplegingen
        }
        meestGeraadpleegd(first: $first) {
          betrokkene
          aantalRaadplegingen
          aantalMedewerkers
          laatsteRaadpleging
        }
      }
    }
  }

  fragment Raadplegingen on Raadplegingen {
    aantal
    regels {
      tijdstip
      medewerker
      organisatie
      activiteit
      betrokkene
      uitkomst
    }
  }
`;

const [r1, r2, r3, r4, r5, r6, r7] = fixtureBsns(7, 1200) as [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

const TB = { medewerker: 'tb-1', organisatie: 'swb', rollen: ['TRAJECTBEGELEIDER'] };
const KM = { medewerker: 'km-1', organisatie: 'wi-bhh', rollen: ['KLANTMANAGER'] };
const INWONER = { medewerker: 'inwoner', organisatie: 'inwoner', rollen: ['INWONER'] };

/** One request to SWB as the log records it: who, when, and its lines (one per resident and activity). */
interface Aanvraag {
  naam: string;
  /** Local time with its offset: the Netherlands is UTC+1 until 30 March 2025, UTC+2 after. */
  tijd: string;
  actor: { medewerker: string; organisatie: string; rollen: string[] };
  regels: { bsn: string; activiteit?: Verwerkingsactiviteit; uitkomst?: 'TOEGESTAAN' | 'GEWEIGERD' }[];
}

const T = SWB.trajectbegeleiding;

/**
 * The synthetic log of March 2025 and around it. In office hours unless said otherwise (Mon–Fri
 * 08:00–18:00 Europe/Amsterdam).
 */
const AANVRAGEN: Aanvraag[] = [
  // tb-1 on Monday morning: three residents in one hour; the first request has two activities.
  {
    naam: 'ma 10:15',
    tijd: '2025-03-03T10:15:00+01:00',
    actor: TB,
    regels: [{ bsn: r1 }, { bsn: r1, activiteit: SWB.beschutWerk }],
  },
  { naam: 'ma 10:20', tijd: '2025-03-03T10:20:00+01:00', actor: TB, regels: [{ bsn: r2 }] },
  { naam: 'ma 10:25', tijd: '2025-03-03T10:25:00+01:00', actor: TB, regels: [{ bsn: r3 }] },
  { naam: 'ma 19:30 (evening)', tijd: '2025-03-03T19:30:00+01:00', actor: TB, regels: [{ bsn: r1 }] },
  { naam: 'di 07:59 (early)', tijd: '2025-03-04T07:59:00+01:00', actor: TB, regels: [{ bsn: r3 }] },
  { naam: 'di 08:00', tijd: '2025-03-04T08:00:00+01:00', actor: TB, regels: [{ bsn: r3 }] },
  {
    naam: 'di 18:00 (closed), refused',
    tijd: '2025-03-04T18:00:00+01:00',
    actor: TB,
    regels: [{ bsn: r3, uitkomst: 'GEWEIGERD' }],
  },
  // km-1 on Wednesday afternoon: six residents within one hour, the last one refused.
  { naam: 'wo 14:00', tijd: '2025-03-05T14:00:00+01:00', actor: KM, regels: [{ bsn: r1 }] },
  { naam: 'wo 14:10', tijd: '2025-03-05T14:10:00+01:00', actor: KM, regels: [{ bsn: r2 }] },
  { naam: 'wo 14:20', tijd: '2025-03-05T14:20:00+01:00', actor: KM, regels: [{ bsn: r3 }] },
  { naam: 'wo 14:30', tijd: '2025-03-05T14:30:00+01:00', actor: KM, regels: [{ bsn: r4 }] },
  { naam: 'wo 14:40', tijd: '2025-03-05T14:40:00+01:00', actor: KM, regels: [{ bsn: r5 }] },
  {
    naam: 'wo 14:50, refused',
    tijd: '2025-03-05T14:50:00+01:00',
    actor: KM,
    regels: [{ bsn: r6, uitkomst: 'GEWEIGERD' }],
  },
  { naam: 'wo 15:05', tijd: '2025-03-05T15:05:00+01:00', actor: KM, regels: [{ bsn: r1 }] },
  { naam: 'za 11:00 (weekend)', tijd: '2025-03-08T11:00:00+01:00', actor: TB, regels: [{ bsn: r2 }] },
  // The resident reading their own report on a Sunday night: not a look-up by staff.
  {
    naam: 'zo 22:00, the resident',
    tijd: '2025-03-09T22:00:00+01:00',
    actor: INWONER,
    regels: [{ bsn: r1, activiteit: SWB.inzageLogboek }],
  },
  // After the change to summer time: 08:30 is office hours, 18:30 is not (in winter time they would swap).
  { naam: 'ma 08:30 CEST', tijd: '2025-03-31T08:30:00+02:00', actor: TB, regels: [{ bsn: r4 }] },
  { naam: 'ma 18:30 CEST (evening)', tijd: '2025-03-31T18:30:00+02:00', actor: TB, regels: [{ bsn: r5 }] },
  // Outside March.
  {
    naam: 'vr 28 februari 23:00',
    tijd: '2025-02-28T23:00:00+01:00',
    actor: KM,
    regels: [{ bsn: r7 }],
  },
  {
    naam: 'zo 6 april 23:00, refused',
    tijd: '2025-04-06T23:00:00+02:00',
    actor: TB,
    regels: [{ bsn: r7, uitkomst: 'GEWEIGERD' }],
  },
];

const MAART = { van: '2025-03-01T00:00:00+01:00', tot: '2025-04-01T00:00:00+02:00' };

/** Writes the requests into a subgraph's log as its audit trail would: an actor record and the lines. */
async function schrijfLog(orm: MikroORM, key: Buffer, aanvragen: Aanvraag[]): Promise<void> {
  const connection = orm.em.getConnection();
  for (const aanvraag of aanvragen) {
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    const start = Date.parse(aanvraag.tijd);
    const { medewerker, organisatie, rollen } = aanvraag.actor;
    await connection.execute(
      `insert into verwerking_actor (trace_id, span_id, medewerker, organisatie, rollen, doelbinding, tijdstip)
       values (?, ?, ?, ?, ?::text[], 'uitvoering', ?)`,
      [traceId, spanId, medewerker, organisatie, `{${rollen.join(',')}}`, start],
    );
    for (const regel of aanvraag.regels) {
      const uitkomst = regel.uitkomst ?? 'TOEGESTAAN';
      await connection.execute(
        `insert into verwerking (trace_id, span_id, parent_span_id, name, start_time, end_time, status, resource,
           processing_activity_id, data_subject_id, data_subject_id_type, foreign_operation_processor, velden, uitkomst)
         values (?, ?, null, ?, ?, ?, 'Ok', 'swb', ?, ?, ?, 'urn:twente-ketenhub:gateway', '{trajecten}', ?)`,
        [
          traceId,
          spanId,
          `${uitkomst === 'TOEGESTAAN' ? 'lezen' : 'weigeren'} trajecten`,
          start,
          start,
          (regel.activiteit ?? T).id,
          pseudonym(regel.bsn, key),
          DATA_SUBJECT_ID_TYPE,
          uitkomst,
        ],
      );
    }
  }
}

interface Raadplegingen {
  aantal: number;
  regels: {
    tijdstip: string;
    medewerker: string;
    organisatie: string;
    activiteit: string;
    betrokkene: string;
    uitkomst: string;
  }[];
}

/** SWB's part of the answer to RAPPORT. */
interface Rapport {
  buitenKantoortijd: Raadplegingen;
  geweigerd: Raadplegingen;
  veelRaadplegers: {
    medewerker: string;
    organisatie: string;
    uur: string;
    aantalInwoners: number;
    aantalRaadplegingen: number;
  }[];
  meestGeraadpleegd: {
    betrokkene: string;
    aantalRaadplegingen: number;
    aantalMedewerkers: number;
    laatsteRaadpleging: string;
  }[];
}

const swbVan = (response: GraphQLResponse): Rapport => response.data?.gebruiksrapportage.swb as Rapport;

const iso = (tijd: string): string => new Date(tijd).toISOString();
const tijdVan = (naam: string): string => iso(AANVRAGEN.find((a) => a.naam === naam)?.tijd ?? '');

describe('Gebruiksrapportage: usage reports of a partner’s log for its own privacy officer (ACCESS.md rule 7)', () => {
  let hub: TestHub;
  const alias = (bsn: string): string => pseudonym(bsn, hub.pseudonymKeys.swb);

  const rapport = (
    variables: Record<string, unknown>,
    options: QueryOptions = { as: 'privacyOfficerSwb', purpose: 'toezicht' },
  ): Promise<GraphQLResponse> => hub.query(RAPPORT, variables, options);

  beforeAll(async () => {
    hub = await startTestHub('gebruiksrapport');
    await schrijfLog(hub.orms.swb, hub.pseudonymKeys.swb, AANVRAGEN);
  });
  afterAll(() => hub?.close());

  describe('over March 2025', () => {
    let swb: Rapport;

    beforeAll(async () => {
      const response = await rapport({ ...MAART, drempel: 2, first: 3 });
      expect(response.errors).toBeUndefined();
      swb = swbVan(response);
    });

    it('lists look-ups outside office hours by staff, newest first, summer time included, the resident’s own reading not', () => {
      const buiten = ['ma 18:30 CEST (evening)', 'za 11:00 (weekend)', 'di 18:00 (closed), refused'];
      expect(swb.buitenKantoortijd.aantal).toBe(5);
      expect(swb.buitenKantoortijd.regels.map((r) => r.tijdstip)).toEqual(buiten.map(tijdVan));
      expect(swb.buitenKantoortijd.regels[0]).toEqual({
        tijdstip: tijdVan('ma 18:30 CEST (evening)'),
        medewerker: 'tb-1',
        organisatie: 'swb',
        activiteit: T.id,
        betrokkene: alias(r5),
        uitkomst: 'TOEGESTAAN',
      });
    });

    it('lists refused look-ups, newest first', () => {
      expect(swb.geweigerd).toEqual({
        aantal: 2,
        regels: [
          {
            tijdstip: tijdVan('wo 14:50, refused'),
            medewerker: 'km-1',
            organisatie: 'wi-bhh',
            activiteit: T.id,
            betrokkene: alias(r6),
            uitkomst: 'GEWEIGERD',
          },
          expect.objectContaining({ tijdstip: tijdVan('di 18:00 (closed), refused'), betrokkene: alias(r3) }),
        ],
      });
    });

    it('lists employees with more distinct residents in one clock hour than the threshold', () => {
      expect(swb.veelRaadplegers).toEqual([
        {
          medewerker: 'km-1',
          organisatie: 'wi-bhh',
          uur: '2025-03-05T13:00:00.000Z',
          aantalInwoners: 6,
          aantalRaadplegingen: 6,
        },
        {
          medewerker: 'tb-1',
          organisatie: 'swb',
          uur: '2025-03-03T09:00:00.000Z',
          aantalInwoners: 3,
          aantalRaadplegingen: 4,
        },
      ]);
    });

    it('lists the most consulted residents by pseudonym: requests that read them, refusals and the resident aside', () => {
      expect(swb.meestGeraadpleegd).toEqual([
        {
          betrokkene: alias(r1),
          aantalRaadplegingen: 4,
          aantalMedewerkers: 2,
          laatsteRaadpleging: tijdVan('wo 15:05'),
        },
        {
          betrokkene: alias(r3),
          aantalRaadplegingen: 4,
          aantalMedewerkers: 2,
          laatsteRaadpleging: tijdVan('wo 14:20'),
        },
        {
          betrokkene: alias(r2),
          aantalRaadplegingen: 3,
          aantalMedewerkers: 2,
          laatsteRaadpleging: tijdVan('za 11:00 (weekend)'),
        },
      ]);
    });

    it('names residents only by SWB’s own pseudonym, never by BSN', () => {
      const dump = JSON.stringify(swb);
      for (const bsn of [r1, r2, r3, r4, r5, r6, r7]) expect(dump).not.toContain(bsn);
      // Another key (another partner's) gives another name: SWB's report does not use it.
      expect(dump).not.toContain(pseudonym(r1, hub.pseudonymKeys.werkplein));
    });
  });

  it('narrows every report to the period asked for', async () => {
    const maandag = await rapport({
      van: '2025-03-03T00:00:00+01:00',
      tot: '2025-03-04T00:00:00+01:00',
      drempel: 2,
      first: 10,
    });
    const swb = swbVan(maandag);
    expect(swb.buitenKantoortijd).toMatchObject({
      aantal: 1,
      regels: [{ tijdstip: tijdVan('ma 19:30 (evening)'), betrokkene: alias(r1) }],
    });
    expect(swb.geweigerd).toEqual({ aantal: 0, regels: [] });
    expect(swb.veelRaadplegers).toEqual([expect.objectContaining({ medewerker: 'tb-1', aantalInwoners: 3 })]);
    expect(swb.meestGeraadpleegd.map((g) => g.betrokkene)).toEqual([alias(r1), alias(r3), alias(r2)]);

    // From March on, without an end: April's refusal counts, February's look-up does not.
    const vanafMaart = await rapport({ van: MAART.van, drempel: 5 });
    const vanaf = swbVan(vanafMaart);
    expect(vanaf.geweigerd.aantal).toBe(3);
    expect(vanaf.geweigerd.regels[0]).toMatchObject({ tijdstip: tijdVan('zo 6 april 23:00, refused') });
    expect(vanaf.meestGeraadpleegd.map((g) => g.betrokkene)).not.toContain(alias(r7));
    // The threshold is exclusive: six residents are more than five, not more than six.
    expect(vanaf.veelRaadplegers.map((v) => v.medewerker)).toEqual(['km-1']);
    const zes = await rapport({ ...MAART, drempel: 6 });
    expect(swbVan(zes).veelRaadplegers).toEqual([]);
    // The default threshold (30 residents an hour) lists nobody here.
    const standaard = await rapport(MAART);
    expect(swbVan(standaard).veelRaadplegers).toEqual([]);
  });

  it.each([
    ['a period the wrong way round', { van: MAART.tot, tot: MAART.van }],
    ['a time without time zone', { van: '2025-03-01T00:00' }],
    ['a threshold of zero', { ...MAART, drempel: 0 }],
    ['a page larger than the cap', { ...MAART, first: 100_000 }],
  ])('rejects %s with BAD_USER_INPUT', async (_case, variables) => {
    const response = await rapport(variables);
    expect(response.errors?.map((error): unknown => error.extensions?.code)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(response.data ?? null)).not.toContain('betrokkene');
  });

  const poWerkplein: Caller = {
    employeeId: 'po-werkplein-1',
    organisation: 'werkplein',
    roles: ['PRIVACY_OFFICER'],
    gemeenten: ['GM0164'],
  };

  it.each([
    ['the Werkplein’s PRIVACY_OFFICER', { as: poWerkplein, purpose: 'toezicht' }],
    [
      'SWB’s PRIVACY_OFFICER for purpose inzageverzoek',
      { as: 'privacyOfficerSwb', purpose: 'inzageverzoek' },
    ],
    ['SWB’s PRIVACY_OFFICER without a purpose', { as: 'privacyOfficerSwb', purpose: null }],
    ['a TRAJECTBEGELEIDER of SWB', { as: 'trajectbegeleider', purpose: 'toezicht' }],
  ] as [string, QueryOptions][])('refuses SWB’s reports to %s', async (_case, options) => {
    const response = await rapport(MAART, options);
    expect(response.data?.gebruiksrapportage).toEqual({ swb: null });
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['gebruiksrapportage', 'swb'], extensions: { code: 'FORBIDDEN' } }),
    ]);
  });

  it('refuses a resident at the door', async () => {
    const response = await rapport(MAART, { as: { bsn: r1, roles: ['INWONER'] }, purpose: 'toezicht' });
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ message: ALLEEN_EIGEN_INZAGE, extensions: { code: 'FORBIDDEN' } }),
    ]);
  });
});
