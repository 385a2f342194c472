import { randomBytes } from 'node:crypto';
import { vandaag } from '../platform/dag';
import { pseudonym } from '../platform/audit/pseudonym';
import type { SubgraphName } from '../platform/config';
import type { Caller } from '../platform/auth/principals';
import { plusMaanden } from '../subgraphs/werk-inkomen/casusoverleg/casusoverleg.toegang';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import { PERSONAS, type Persona } from './support/personas';

const [bsn, wettelijkBsn] = fixtureBsns(2, 800) as [string, string];

/** A calendar day relative to today, as the subgraph counts days (Europe/Amsterdam). */
const dag = (offset: number): string => vandaag(new Date(Date.now() + offset * 86_400_000));

/** Another KLANTMANAGER of the organisation with the regie, who is not a participant. */
const COLLEGA: Caller = {
  employeeId: 'km-hengelo-2',
  organisation: 'wi-bhh',
  roles: ['KLANTMANAGER'],
  gemeenten: ['GM0164'],
};

/** An analyst employed by the Stadsbank itself: an employee of a chain partner, but in no case role. */
const ANALIST_STADSBANK: Caller = {
  employeeId: 'an-stadsbank-1',
  organisation: 'stadsbank',
  roles: ['ANALIST'],
  gemeenten: ['GM0164'],
};

const OPEN = /* GraphQL */ `
  mutation Open($input: OpenCasusoverlegInput!) {
    openCasusoverleg(input: $input) {
      id
      bsn
      gemeente
      organisatie
      geopendDoor
      grondslag
      wettelijkeGrondslag
      partners
      geslotenOp
      deelnemers {
        medewerker
        organisatie
      }
    }
  }
`;

const DEELNEMER = /* GraphQL */ `
  mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
    voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
      medewerker
      organisatie
      rol
    }
  }
`;

const TOESTEMMING = /* GraphQL */ `
  mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
    legToestemmingVast(casusoverlegId: $id, input: $input) {
      id
      gegevenOp
      verlooptOp
      partners
      wijze
      bewijs
      vastgelegdDoor
      vastgelegdDoorOrganisatie
      ingetrokkenOp
    }
  }
`;

const INTREKKEN = /* GraphQL */ `
  mutation Intrekken($id: ID!) {
    trekToestemmingIn(casusoverlegId: $id) {
      toestemmingen {
        ingetrokkenOp
        ingetrokkenDoor
        ingetrokkenDoorOrganisatie
      }
    }
  }
`;

const AGENDAPUNT = /* GraphQL */ `
  mutation Agendapunt($id: ID!, $onderwerp: String!) {
    voegAgendapuntToe(casusoverlegId: $id, onderwerp: $onderwerp) {
      volgorde
      onderwerp
    }
  }
`;

const ACTIE = /* GraphQL */ `
  mutation Actie($id: ID!, $input: ActieInput!) {
    voegActieToe(casusoverlegId: $id, input: $input) {
      id
      eigenaarOrganisatie
      status
    }
  }
`;

const ACTIESTATUS = /* GraphQL */ `
  mutation ActieStatus($id: ID!, $status: ActieStatus!) {
    wijzigActieStatus(actieId: $id, status: $status) {
      status
    }
  }
`;

const SLUITEN = /* GraphQL */ `
  mutation Sluiten($id: ID!) {
    sluitCasusoverleg(casusoverlegId: $id) {
      geslotenOp
    }
  }
`;

/** The conference and the resident's combined situation at all five partners, in one query. */
const OVERLEG_MET_INZAGE = /* GraphQL */ `
  query Overleg($id: ID!) {
    casusoverleg(id: $id) {
      titel
      grondslag
      deelnemers {
        medewerker
        organisatie
      }
      toestemmingen {
        partners
        wijze
      }
      agenda {
        volgorde
        onderwerp
      }
      acties {
        eigenaarOrganisatie
        omschrijving
        deadline
        status
      }
      inzage {
        naam
        geboortedatum
        uitkeringen {
          regeling
          bedragPerMaandCenten
        }
        loonkostensubsidies {
          loonwaarde
        }
        inburgeringen {
          leerroute
        }
        trajecten {
          soort
          resultaat
        }
        swDienstverbanden {
          soort
        }
        schuldhulptrajecten {
          fase
          totaleSchuldCenten
          aantalSchuldeisers
        }
        vroegsignalen {
          soort
          bedragCenten
        }
        plaatsingen {
          soort
        }
      }
    }
  }
`;

/** The consent history of a conference, most recent first. */
const GESCHIEDENIS = /* GraphQL */ `
  query Geschiedenis($id: ID!) {
    casusoverleg(id: $id) {
      toestemmingen {
        gegevenOp
        bewijs
        vastgelegdDoor
        ingetrokkenOp
        ingetrokkenDoor
      }
    }
  }
`;

const ALLEEN_INZAGE = /* GraphQL */ `
  query Inzage($id: ID!) {
    casusoverleg(id: $id) {
      titel
      inzage {
        naam
        trajecten {
          soort
        }
      }
    }
  }
`;

interface Logregel {
  trace_id: string;
  resource: string;
  processing_activity_id: string;
  data_subject_id: string;
  velden: string[];
  uitkomst: string;
}

describe('Casusoverleg: case conferences of the chain approach with an unforgeable consent grant', () => {
  let hub: TestHub;
  let overlegId: string;

  const als = (
    as: Persona | Caller,
    document: string,
    variables: Record<string, unknown>,
    purpose: string | null = 'casusoverleg',
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> => hub.query(document, variables, { as, purpose, headers });

  const codes = (response: GraphQLResponse): unknown[] | undefined =>
    response.errors?.map((e): unknown => e.extensions?.code);

  /** A W3C traceparent with a fresh trace id, to find the request's lines in the processing log. */
  const trace = () => {
    const traceId = randomBytes(16).toString('hex');
    return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
  };

  /** A sound consent: given yesterday, for 90 days, with its own evidence. */
  const geldig = (bewijs: string, velden: Record<string, unknown> = {}): Record<string, unknown> => ({
    gegevenOp: dag(-1),
    verlooptOp: dag(90),
    partners: ['schuldhulp', 'werk-inkomen', 'swb'],
    wijze: 'SCHRIFTELIJK',
    bewijs,
    ...velden,
  });

  /** Time passes for a conference's consent records: every date and moment moves `dagen` back. */
  const verstrijk = (id: string, dagen: number): Promise<unknown> =>
    hub.orms['werk-inkomen'].em.getConnection().execute(
      `update toestemming set gegeven_op = gegeven_op - ?::int, verloopt_op = verloopt_op - ?::int,
              vastgelegd_op = vastgelegd_op - make_interval(days => ?),
              ingetrokken_op = ingetrokken_op - make_interval(days => ?)
        where casusoverleg_id = ?`,
      [dagen, dagen, dagen, dagen, Number(id)],
    );

  const logregels = (subgraph: SubgraphName, traceId: string): Promise<Logregel[]> =>
    hub.orms[subgraph].em.getConnection().execute<Logregel[]>(
      `select trace_id, resource, processing_activity_id, data_subject_id, velden, uitkomst
         from verwerking where trace_id = ? order by id`,
      [traceId],
    );

  beforeAll(async () => {
    hub = await startTestHub('casusoverleg', (orms) => insertResidents(orms, 'GM0164', [bsn, wettelijkBsn]));
  });
  afterAll(() => hub?.close());

  it('lets a KLANTMANAGER open a conference on consent, as its first participant', async () => {
    const response = await als('klantmanagerBhh', OPEN, {
      input: { bsn, titel: 'Schulden en werk', grondslag: 'TOESTEMMING' },
    });
    expect(response.errors).toBeUndefined();
    const overleg = response.data?.openCasusoverleg;
    expect(overleg).toMatchObject({
      bsn,
      gemeente: 'GM0164',
      organisatie: 'wi-bhh',
      geopendDoor: 'km-hengelo-1',
      grondslag: 'TOESTEMMING',
      wettelijkeGrondslag: null,
      partners: [],
      geslotenOp: null,
      deelnemers: [{ medewerker: 'km-hengelo-1', organisatie: 'wi-bhh' }],
    });
    overlegId = overleg.id;
  });

  it('adds participants, consent, agenda and actions; participants add to the agenda and actions', async () => {
    for (const [medewerker, organisatie] of [
      ['tb-swb-1', 'swb'],
      ['shv-1', 'stadsbank'],
    ]) {
      const response = await als('klantmanagerBhh', DEELNEMER, { id: overlegId, medewerker, organisatie });
      expect(response.errors).toBeUndefined();
      expect(response.data?.voegDeelnemerToe).toEqual({
        medewerker,
        organisatie,
        rol: organisatie === 'swb' ? 'TRAJECTBEGELEIDER' : 'SCHULDHULPVERLENER',
      });
    }
    // A participant other than the one who opened the conference records the consent (four eyes).
    const toestemming = await als('trajectbegeleider', TOESTEMMING, {
      id: overlegId,
      input: geldig('DMS-2026-0001'),
    });
    expect(toestemming.errors).toBeUndefined();
    expect(toestemming.data?.legToestemmingVast).toMatchObject({
      gegevenOp: dag(-1),
      verlooptOp: dag(90),
      partners: ['werk-inkomen', 'swb', 'schuldhulp'],
      wijze: 'SCHRIFTELIJK',
      bewijs: 'DMS-2026-0001',
      vastgelegdDoor: 'tb-swb-1',
      vastgelegdDoorOrganisatie: 'swb',
      ingetrokkenOp: null,
    });

    const punt1 = await als('klantmanagerBhh', AGENDAPUNT, { id: overlegId, onderwerp: 'Stand van zaken' });
    const punt2 = await als('trajectbegeleider', AGENDAPUNT, { id: overlegId, onderwerp: 'Traject en werk' });
    expect(punt1.data?.voegAgendapuntToe).toEqual({ volgorde: 1, onderwerp: 'Stand van zaken' });
    expect(punt2.data?.voegAgendapuntToe).toEqual({ volgorde: 2, onderwerp: 'Traject en werk' });

    const actie = await als('schuldhulpverlener', ACTIE, {
      id: overlegId,
      input: { eigenaarOrganisatie: 'stadsbank', omschrijving: 'Budgetplan opstellen', deadline: dag(14) },
    });
    expect(actie.errors).toBeUndefined();
    expect(actie.data?.voegActieToe).toMatchObject({ eigenaarOrganisatie: 'stadsbank', status: 'OPEN' });
    const status = await als('trajectbegeleider', ACTIESTATUS, {
      id: actie.data?.voegActieToe.id,
      status: 'AFGEROND',
    });
    expect(status.errors).toBeUndefined();
    expect(status.data?.wijzigActieStatus).toEqual({ status: 'AFGEROND' });
  });

  it('shows a TRAJECTBEGELEIDER the conference and the W&I, SWB and Stadsbank details in one query; the Werkplein, outside the scope, is FORBIDDEN and logged as refused', async () => {
    const { traceId, headers } = trace();
    const response = await als(
      'trajectbegeleider',
      OVERLEG_MET_INZAGE,
      { id: overlegId },
      'casusoverleg',
      headers,
    );
    const overleg = response.data?.casusoverleg;
    expect(overleg).toMatchObject({
      titel: 'Schulden en werk',
      grondslag: 'TOESTEMMING',
      deelnemers: [
        { medewerker: 'km-hengelo-1', organisatie: 'wi-bhh' },
        { medewerker: 'tb-swb-1', organisatie: 'swb' },
        { medewerker: 'shv-1', organisatie: 'stadsbank' },
      ],
      toestemmingen: [{ partners: ['werk-inkomen', 'swb', 'schuldhulp'], wijze: 'SCHRIFTELIJK' }],
      agenda: [
        { volgorde: 1, onderwerp: 'Stand van zaken' },
        { volgorde: 2, onderwerp: 'Traject en werk' },
      ],
      acties: [
        {
          eigenaarOrganisatie: 'stadsbank',
          omschrijving: 'Budgetplan opstellen',
          deadline: dag(14),
          status: 'AFGEROND',
        },
      ],
    });
    expect(overleg.inzage).toEqual({
      naam: `Inwoner ${bsn}`,
      geboortedatum: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      uitkeringen: [
        { regeling: 'PW', bedragPerMaandCenten: 123456 },
        { regeling: 'IOAW', bedragPerMaandCenten: 98700 },
      ],
      loonkostensubsidies: [{ loonwaarde: 60 }],
      inburgeringen: [],
      trajecten: [{ soort: 'ARBEIDSFIT', resultaat: 'BETAALD_WERK' }],
      swDienstverbanden: [{ soort: 'NIEUW_BESCHUT' }],
      schuldhulptrajecten: [{ fase: 'STABILISATIE', totaleSchuldCenten: 1543200, aantalSchuldeisers: 7 }],
      vroegsignalen: [{ soort: 'HUUR', bedragCenten: 85000 }],
      plaatsingen: null,
    });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'The scope of this case conference does not include werkplein.',
        path: ['casusoverleg', 'inzage', 'plaatsingen'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);

    const werkInkomen = await logregels('werk-inkomen', traceId);
    const ketenregie = werkInkomen.find((r) => r.processing_activity_id.endsWith(':ketenregie'));
    expect(ketenregie).toMatchObject({ uitkomst: 'TOEGESTAAN', resource: 'werk-inkomen' });
    expect(ketenregie?.velden).toEqual(expect.arrayContaining(['casusoverleg', 'inzage']));
    expect(werkInkomen.map((r) => r.processing_activity_id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/:uitkeringsverstrekking$/),
        expect.stringMatching(/:reintegratie$/),
      ]),
    );
    const swb = await logregels('swb', traceId);
    expect(swb).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ velden: ['trajecten'], uitkomst: 'TOEGESTAAN' }),
        expect.objectContaining({ velden: ['swDienstverbanden'], uitkomst: 'TOEGESTAAN' }),
      ]),
    );
    const schuldhulp = await logregels('schuldhulp', traceId);
    expect(schuldhulp.map((r) => r.uitkomst)).toEqual(['TOEGESTAAN', 'TOEGESTAAN']);
    const werkplein = await logregels('werkplein', traceId);
    expect(werkplein).toEqual([
      expect.objectContaining({
        trace_id: traceId,
        resource: 'werkplein',
        velden: ['plaatsingen'],
        uitkomst: 'GEWEIGERD',
        processing_activity_id: expect.stringMatching(/:bemiddeling$/),
      }),
    ]);
    // One resident in every line, as each partner's own pseudonym, never the BSN itself.
    const lines: [SubgraphName, Logregel[]][] = [
      ['werk-inkomen', werkInkomen],
      ['swb', swb],
      ['schuldhulp', schuldhulp],
      ['werkplein', werkplein],
    ];
    for (const [name, regels] of lines) {
      const subject = pseudonym(bsn, hub.pseudonymKeys[name]);
      expect(regels.map((r) => r.data_subject_id)).toEqual(regels.map(() => subject));
      expect(JSON.stringify(regels)).not.toContain(bsn);
    }
    const actor = await hub.orms.werkplein.em
      .getConnection()
      .execute(`select medewerker, organisatie, doelbinding from verwerking_actor where trace_id = ?`, [
        traceId,
      ]);
    expect(actor).toEqual([{ medewerker: 'tb-swb-1', organisatie: 'swb', doelbinding: 'casusoverleg' }]);
  });

  it('costs each partner one statement for its lists of the combined situation', async () => {
    const counts = await hub.countSql(async () => {
      const response = await als('schuldhulpverlener', OVERLEG_MET_INZAGE, { id: overlegId });
      expect(response.data?.casusoverleg.inzage.schuldhulptrajecten).toHaveLength(1);
    });
    // Two lists each, read together in one statement, plus one statement for the processing log.
    expect(counts.swb).toBe(2);
    expect(counts.schuldhulp).toBe(2);
  });

  it('refuses the conference to an employee who neither takes part in it nor holds its regie, and logs the refusal', async () => {
    for (const as of ['adviseurWerk', 'klantmanagerEnschede', 'loopbaanadviseur'] as const) {
      const { traceId, headers } = trace();
      const response = await als(as, ALLEEN_INZAGE, { id: overlegId }, 'casusoverleg', headers);
      expect(response.data?.casusoverleg).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ path: ['casusoverleg'], extensions: { code: 'FORBIDDEN' } }),
      ]);
      expect(await logregels('werk-inkomen', traceId)).toEqual([
        expect.objectContaining({ velden: ['casusoverleg'], uitkomst: 'GEWEIGERD' }),
      ]);
    }
  });

  it('shows a KLANTMANAGER of the regie the conference, but the combined situation to participants only', async () => {
    const response = await als(COLLEGA, ALLEEN_INZAGE, { id: overlegId });
    expect(response.data?.casusoverleg).toEqual({ titel: 'Schulden en werk', inzage: null });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Only participants of the case conference see the resident’s combined situation.',
        path: ['casusoverleg', 'inzage'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('refuses the combined situation for purpose uitvoering, while the conference record answers', async () => {
    const response = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId }, 'uitvoering');
    expect(response.data?.casusoverleg).toEqual({ titel: 'Schulden en werk', inzage: null });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'The combined situation of a case conference is shown for purpose casusoverleg only.',
        path: ['casusoverleg', 'inzage'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });

  it('refuses conference work without a purpose or for a purpose other than casusoverleg or uitvoering', async () => {
    for (const purpose of [null, 'beleidsinformatie']) {
      const response = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId }, purpose);
      expect(response.data?.casusoverleg).toBeNull();
      expect(codes(response)).toEqual(['FORBIDDEN']);
    }
  });

  it('never shows the consent grant to clients: the key of Casusinzage is not in the API', async () => {
    const response = await als(
      'trajectbegeleider',
      `query($id: ID!) { casusoverleg(id: $id) { inzage { toegang } } }`,
      {
        id: overlegId,
      },
    );
    expect(response.data ?? null).toBeNull();
    expect(codes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('answers null for an unknown conference and lists a participant’s own conferences', async () => {
    const unknown = await als('trajectbegeleider', ALLEEN_INZAGE, { id: '999999' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ casusoverleg: null });
    const mine = await als('trajectbegeleider', `{ mijnCasusoverleggen { id titel } }`, {});
    expect(mine.data?.mijnCasusoverleggen).toEqual([{ id: overlegId, titel: 'Schulden en werk' }]);
    const none = await als('adviseurWerk', `{ mijnCasusoverleggen { id } }`, {});
    expect(none.data?.mijnCasusoverleggen).toEqual([]);
  });

  it('keeps the regie with the municipality: partners neither open nor manage a conference', async () => {
    const open = await als('trajectbegeleider', OPEN, {
      input: { bsn, titel: 'Eigen', grondslag: 'TOESTEMMING' },
    });
    expect(codes(open)).toEqual(['FORBIDDEN']);
    const deelnemer = await als('trajectbegeleider', DEELNEMER, {
      id: overlegId,
      medewerker: 'aw-1',
      organisatie: 'werkplein',
    });
    expect(codes(deelnemer)).toEqual(['FORBIDDEN']);
    const sluiten = await als('schuldhulpverlener', SLUITEN, { id: overlegId });
    expect(codes(sluiten)).toEqual(['FORBIDDEN']);
    const buitenstaander = await als('adviseurWerk', AGENDAPUNT, { id: overlegId, onderwerp: 'Ook ik' });
    expect(codes(buitenstaander)).toEqual(['FORBIDDEN']);
  });

  it.each([
    [
      'unknown partner names in a consent',
      TOESTEMMING,
      { input: geldig('DMS-x', { partners: ['swb', 'uwv'] }) },
      'partners[1] is not a partner: use subgraph names (werk-inkomen, swb, werkplein, schuldhulp, werkcentrum).',
    ],
    [
      'a consent without partners',
      TOESTEMMING,
      { input: geldig('DMS-x', { partners: [] }) },
      'partners must name at least one partner.',
    ],
    [
      'verlooptOp before gegevenOp',
      TOESTEMMING,
      { input: geldig('DMS-x', { gegevenOp: dag(0), verlooptOp: dag(-1) }) },
      'verlooptOp lies before gegevenOp.',
    ],
    [
      'consent given in the future',
      TOESTEMMING,
      { input: geldig('DMS-x', { gegevenOp: dag(2), verlooptOp: dag(30) }) },
      'gegevenOp lies in the future: record consent once it is given.',
    ],
    [
      'consent longer than 12 months',
      TOESTEMMING,
      { input: geldig('DMS-x', { gegevenOp: dag(0), verlooptOp: dag(400) }) },
      `verlooptOp may be at most 12 months after gegevenOp: ${plusMaanden(dag(0), 12)} at the latest.`,
    ],
    [
      'consent without an end, as a far-off expiry',
      TOESTEMMING,
      { input: geldig('DMS-x', { gegevenOp: dag(0), verlooptOp: '9999-12-31' }) },
      `verlooptOp may be at most 12 months after gegevenOp: ${plusMaanden(dag(0), 12)} at the latest.`,
    ],
    [
      'consent that has expired already',
      TOESTEMMING,
      { input: geldig('DMS-x', { gegevenOp: dag(-60), verlooptOp: dag(-1) }) },
      'verlooptOp lies in the past: that consent has expired.',
    ],
    [
      'consent without a reference to its evidence',
      TOESTEMMING,
      { input: geldig('   ') },
      'bewijs must not be empty.',
    ],
    [
      'evidence that names the resident’s BSN',
      TOESTEMMING,
      { input: geldig(`scan toestemmingsformulier ${bsn}`) },
      'bewijs must not contain a BSN: refer to the evidence by its document or recording id.',
    ],
    [
      'a participant of an unknown organisation',
      DEELNEMER,
      { medewerker: 'x-1', organisatie: 'uwv' },
      "organisatie must be a chain partner's organisation (wi-bhh, wi-enschede, swb, ...).",
    ],
    [
      'the region’s ANALIST as participant',
      DEELNEMER,
      { medewerker: 'an-1', organisatie: 'regio' },
      "organisatie must be a chain partner's organisation (wi-bhh, wi-enschede, swb, ...).",
    ],
    [
      'a participant who already takes part',
      DEELNEMER,
      { medewerker: 'tb-swb-1', organisatie: 'swb' },
      'This employee already takes part in the case conference.',
    ],
    ['an empty agenda point', AGENDAPUNT, { onderwerp: '   ' }, 'onderwerp must not be empty.'],
  ])('answers %s with BAD_USER_INPUT', async (_case, document, variables, message) => {
    // Consent is recorded by a participant who did not open the conference; the rest by its opener.
    const as = document === TOESTEMMING ? 'trajectbegeleider' : 'klantmanagerBhh';
    const response = await als(as, document, { id: overlegId, ...variables });
    expect(response.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
    ]);
  });

  it('refuses consent without an expiry or without evidence before it reaches the subgraph', async () => {
    for (const weg of ['verlooptOp', 'bewijs']) {
      const { [weg]: _weg, ...input } = geldig('DMS-x');
      const response = await als('trajectbegeleider', TOESTEMMING, { id: overlegId, input });
      expect(response.data ?? null).toBeNull();
      expect(response.errors?.[0]?.message).toContain(weg);
      expect(codes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('refuses consent recorded by the employee who opened the conference, or by a KLANTMANAGER of the regie who does not take part, and logs the refusal', async () => {
    const cases: [Persona | Caller, string][] = [
      [
        'klantmanagerBhh',
        'The employee who opened the case conference cannot record the resident’s consent: another ' +
          'participant records it (four eyes).',
      ],
      [COLLEGA, 'Only a participant of the case conference records consent.'],
    ];
    for (const [as, message] of cases) {
      const { traceId, headers } = trace();
      const response = await als(
        as,
        TOESTEMMING,
        { id: overlegId, input: geldig('DMS-2026-0002') },
        'casusoverleg',
        headers,
      );
      expect(response.data?.legToestemmingVast ?? null).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({ message, extensions: { code: 'FORBIDDEN' } }),
      ]);
      expect(await logregels('werk-inkomen', traceId)).toEqual([
        expect.objectContaining({ velden: ['legToestemmingVast'], uitkomst: 'GEWEIGERD' }),
      ]);
    }
    const geschiedenis = await als('klantmanagerBhh', GESCHIEDENIS, { id: overlegId });
    expect(geschiedenis.data?.casusoverleg.toestemmingen).toHaveLength(1);
  });

  it('lets only case roles take part: a listed ANALIST or PRIVACY_OFFICER of a partner sees nothing, least of all debt detail', async () => {
    for (const as of [ANALIST_STADSBANK, PERSONAS.privacyOfficerStadsbank]) {
      const toegevoegd = await als('klantmanagerBhh', DEELNEMER, {
        id: overlegId,
        medewerker: as.employeeId,
        organisatie: as.organisation,
      });
      // Listed in the case role of the Stadsbank, which their token does not carry.
      expect(toegevoegd.data?.voegDeelnemerToe).toEqual({
        medewerker: as.employeeId,
        organisatie: 'stadsbank',
        rol: 'SCHULDHULPVERLENER',
      });
      const reden =
        'You take part in this case conference as SCHULDHULPVERLENER, but your token does not carry ' +
        'that role: only case roles take part, never ANALIST or PRIVACY_OFFICER.';
      const { traceId, headers } = trace();
      const overleg = await als(as, OVERLEG_MET_INZAGE, { id: overlegId }, 'casusoverleg', headers);
      expect(overleg.data?.casusoverleg).toBeNull();
      expect(overleg.errors).toEqual([
        expect.objectContaining({
          message: reden,
          path: ['casusoverleg'],
          extensions: { code: 'FORBIDDEN' },
        }),
      ]);
      expect(JSON.stringify(overleg)).not.toContain('1543200');
      // No partner processed anything for them: only werk-inkomen logs the refusal.
      expect(await logregels('werk-inkomen', traceId)).toEqual([
        expect.objectContaining({ velden: ['casusoverleg'], uitkomst: 'GEWEIGERD' }),
      ]);
      expect(await logregels('schuldhulp', traceId)).toEqual([]);

      const mijn = await als(as, `{ mijnCasusoverleggen { id titel } }`, {});
      expect(mijn.data ?? null).toBeNull();
      expect(mijn.errors?.[0]).toMatchObject({
        message:
          'Only case roles take part in case conferences: at stadsbank that is SCHULDHULPVERLENER; never ' +
          'ANALIST or PRIVACY_OFFICER.',
        extensions: { code: 'FORBIDDEN' },
      });
      for (const [document, variables] of [
        [AGENDAPUNT, { onderwerp: 'Cijfers' }],
        [TOESTEMMING, { input: geldig(`DMS-${as.employeeId}`) }],
        [INTREKKEN, {}],
      ] as const) {
        const response = await als(as, document, { id: overlegId, ...variables });
        expect(response.errors).toEqual([
          expect.objectContaining({ message: reden, extensions: { code: 'FORBIDDEN' } }),
        ]);
      }
    }
    // The consent those refusals left alone still opens the debt detail to the SCHULDHULPVERLENER.
    const schuldhulp = await als('schuldhulpverlener', OVERLEG_MET_INZAGE, { id: overlegId });
    expect(schuldhulp.data?.casusoverleg.inzage.schuldhulptrajecten).toEqual([
      { fase: 'STABILISATIE', totaleSchuldCenten: 1543200, aantalSchuldeisers: 7 },
    ]);
  });

  it('answers bad input when opening with BAD_USER_INPUT, and unknown or malformed ids as well', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ bsn, titel: ' ', grondslag: 'TOESTEMMING' }, 'titel must not be empty.'],
      [
        { bsn, titel: 'T', grondslag: 'TOESTEMMING', partners: ['swb'] },
        'With grondslag TOESTEMMING the consent states the scope: leave wettelijkeGrondslag and partners out.',
      ],
      [
        { bsn, titel: 'T', grondslag: 'WETTELIJK', wettelijkeGrondslag: 'Omdat het moet', partners: ['swb'] },
        'With grondslag WETTELIJK, wettelijkeGrondslag must name a statute of the register (grondslagen): Wgshv, WGS, Wams.',
      ],
      [
        { bsn, titel: 'T', grondslag: 'WETTELIJK', wettelijkeGrondslag: 'Wgshv' },
        'With grondslag WETTELIJK, partners must name the partners that share.',
      ],
      [
        {
          bsn,
          titel: 'T',
          grondslag: 'WETTELIJK',
          wettelijkeGrondslag: 'Wgshv',
          partners: ['schuldhulp', 'werkplein'],
        },
        'Wgshv lets only werk-inkomen, schuldhulp share: werkplein would need the resident’s consent.',
      ],
    ];
    for (const [input, message] of cases) {
      const response = await als('klantmanagerBhh', OPEN, { input });
      expect(response.errors).toEqual([
        expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
      ]);
    }
    // A resident outside the caller's gemeenten is unknown to the caller.
    const elders = await als('klantmanagerEnschede', OPEN, {
      input: { bsn, titel: 'T', grondslag: 'TOESTEMMING' },
    });
    expect(elders.errors?.[0]?.message).toBe(
      'Werk en Inkomen knows no resident with this BSN in your gemeenten.',
    );
    const onbekend = await als('klantmanagerBhh', AGENDAPUNT, { id: '424242', onderwerp: 'x' });
    expect(onbekend.errors?.[0]).toMatchObject({
      message: 'Unknown case conference.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const misvormd = await als('klantmanagerBhh', ALLEEN_INZAGE, { id: 'abc' });
    expect(codes(misvormd)).toEqual(['BAD_USER_INPUT']);
  });

  it('stops the combined situation on the very next request after the resident withdraws consent', async () => {
    const voor = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(voor.data?.casusoverleg.inzage.trajecten).toHaveLength(1);
    // Any participant may record the withdrawal: it must be as easy as giving consent.
    const intrekking = await als('schuldhulpverlener', INTREKKEN, { id: overlegId });
    expect(intrekking.errors).toBeUndefined();
    expect(intrekking.data?.trekToestemmingIn.toestemmingen).toEqual([
      {
        ingetrokkenOp: expect.any(String),
        ingetrokkenDoor: 'shv-1',
        ingetrokkenDoorOrganisatie: 'stadsbank',
      },
    ]);
    const na = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(na.data?.casusoverleg).toEqual({ titel: 'Schulden en werk', inzage: null });
    expect(na.errors).toEqual([
      expect.objectContaining({
        message: 'The resident has withdrawn consent.',
        path: ['casusoverleg', 'inzage'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    const nogmaals = await als('klantmanagerBhh', INTREKKEN, { id: overlegId });
    expect(nogmaals.errors?.[0]).toMatchObject({
      message: 'There is no consent to withdraw.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('after a withdrawal opens data only through a new consent record, given on a later day and recorded by another participant than the one who withdrew; the history keeps both', async () => {
    // Right after the withdrawal: not by who recorded it, not for consent given that day or before.
    const doorIntrekker = await als('schuldhulpverlener', TOESTEMMING, {
      id: overlegId,
      input: geldig('DMS-2026-0003', { gegevenOp: dag(0) }),
    });
    expect(doorIntrekker.errors).toEqual([
      expect.objectContaining({
        message:
          'You recorded the resident’s withdrawal: another participant records a new consent (four eyes).',
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    for (const gegevenOp of [dag(0), dag(-1)]) {
      const dezelfdeDag = await als('trajectbegeleider', TOESTEMMING, {
        id: overlegId,
        input: geldig('DMS-2026-0003', { gegevenOp }),
      });
      expect(dezelfdeDag.errors).toEqual([
        expect.objectContaining({
          message:
            `The resident withdrew consent on ${dag(0)}: a new consent must be given on a later day ` +
            '(gegevenOp after the withdrawal).',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
    }
    // Two days on, the resident consents again: a new record with evidence of its own.
    await verstrijk(overlegId, 2);
    const hergebruik = await als('trajectbegeleider', TOESTEMMING, {
      id: overlegId,
      input: geldig('DMS-2026-0001', { gegevenOp: dag(0) }),
    });
    expect(hergebruik.errors?.[0]).toMatchObject({
      message: 'bewijs refers to the evidence of an earlier consent record: a new consent needs its own.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const nieuw = await als('trajectbegeleider', TOESTEMMING, {
      id: overlegId,
      input: geldig('DMS-2026-0003', { gegevenOp: dag(0) }),
    });
    expect(nieuw.errors).toBeUndefined();
    const weer = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(weer.errors).toBeUndefined();
    expect(weer.data?.casusoverleg.inzage.trajecten).toEqual([{ soort: 'ARBEIDSFIT' }]);

    const geschiedenis = await als('klantmanagerBhh', GESCHIEDENIS, { id: overlegId });
    expect(geschiedenis.data?.casusoverleg.toestemmingen).toEqual([
      {
        gegevenOp: dag(0),
        bewijs: 'DMS-2026-0003',
        vastgelegdDoor: 'tb-swb-1',
        ingetrokkenOp: null,
        ingetrokkenDoor: null,
      },
      {
        gegevenOp: dag(-3),
        bewijs: 'DMS-2026-0001',
        vastgelegdDoor: 'tb-swb-1',
        ingetrokkenOp: expect.any(String),
        ingetrokkenDoor: 'shv-1',
      },
    ]);
  });

  it('refuses an expired consent, and honours a new consent that replaces it', async () => {
    // The governing consent's last day passes.
    await verstrijk(overlegId, 91);
    const geweigerd = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(geweigerd.data?.casusoverleg.inzage).toBeNull();
    expect(geweigerd.errors?.[0]).toMatchObject({
      message: `The consent expired after ${dag(-1)}.`,
      extensions: { code: 'FORBIDDEN' },
    });

    const vervanging = await als('schuldhulpverlener', TOESTEMMING, {
      id: overlegId,
      input: {
        gegevenOp: dag(0),
        verlooptOp: dag(0),
        partners: ['swb'],
        wijze: 'DIGITAAL',
        bewijs: 'REC-77',
      },
    });
    expect(vervanging.errors).toBeUndefined();
    const toegestaan = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(toegestaan.data?.casusoverleg.inzage.trajecten).toEqual([{ soort: 'ARBEIDSFIT' }]);
    // The new consent's scope leaves werk-inkomen out: its own data is refused, naming the partner.
    expect(toegestaan.data?.casusoverleg.inzage.naam).toBeNull();
    expect(toegestaan.errors).toEqual([
      expect.objectContaining({
        message: 'The scope of this case conference does not include werk-inkomen.',
        path: ['casusoverleg', 'inzage', 'naam'],
      }),
    ]);
  });

  it('refuses a closed conference: no combined situation, no more changes', async () => {
    const gesloten = await als('klantmanagerBhh', SLUITEN, { id: overlegId });
    expect(gesloten.errors).toBeUndefined();
    expect(gesloten.data?.sluitCasusoverleg.geslotenOp).toEqual(expect.any(String));
    const inzage = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(inzage.data?.casusoverleg).toEqual({ titel: 'Schulden en werk', inzage: null });
    expect(inzage.errors?.[0]).toMatchObject({
      message: 'The case conference is closed.',
      extensions: { code: 'FORBIDDEN' },
    });
    for (const [as, document, variables] of [
      ['trajectbegeleider', AGENDAPUNT, { onderwerp: 'Nog iets' }],
      ['klantmanagerBhh', DEELNEMER, { medewerker: 'aw-1', organisatie: 'werkplein' }],
      ['klantmanagerBhh', SLUITEN, {}],
    ] as const) {
      const response = await als(as, document, { id: overlegId, ...variables });
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: 'The case conference is closed.',
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
    }
  });

  it('lists the register of statutory bases, the Wams as a bill', async () => {
    const response = await als(
      'loopbaanadviseur',
      `{ grondslagen { code naam artikel inWerkingVanaf vervallenPer status partners omschrijving } }`,
      {},
      null,
    );
    expect(response.errors).toBeUndefined();
    const grondslagen = response.data?.grondslagen as { code: string }[];
    expect(grondslagen.find((g) => g.code === 'Wams')).toMatchObject({
      naam: 'Wet aanpak meervoudige problematiek sociaal domein',
      inWerkingVanaf: null,
      status: 'WETSVOORSTEL',
    });
    expect(grondslagen.find((g) => g.code === 'Wgshv')).toMatchObject({
      naam: 'Wet gemeentelijke schuldhulpverlening',
      inWerkingVanaf: '2021-01-01',
      vervallenPer: null,
      status: 'IN_WERKING',
      partners: ['werk-inkomen', 'schuldhulp'],
    });
  });

  it('refuses to open a conference on the Wams, a bill that is not in force, naming why', async () => {
    const response = await als('klantmanagerBhh', OPEN, {
      input: {
        bsn: wettelijkBsn,
        titel: 'Meervoudige problematiek',
        grondslag: 'WETTELIJK',
        wettelijkeGrondslag: 'Wams',
        partners: ['werk-inkomen'],
      },
    });
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message:
          'Wams (Wet aanpak meervoudige problematiek sociaal domein) is a bill, not a statute in force: ' +
          'it gives no legal basis. Open the case conference on the resident’s consent instead.',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });

  it('opens the partners recorded on a conference on a statute in force, while it is open, without consent; never once its record names a bill', async () => {
    const open = await als('klantmanagerBhh', OPEN, {
      input: {
        bsn: wettelijkBsn,
        titel: 'Schuldhulpverlening',
        grondslag: 'WETTELIJK',
        wettelijkeGrondslag: 'Wgshv',
        partners: ['schuldhulp', 'werk-inkomen'],
      },
    });
    expect(open.errors).toBeUndefined();
    expect(open.data?.openCasusoverleg).toMatchObject({
      grondslag: 'WETTELIJK',
      wettelijkeGrondslag: 'Wgshv',
      partners: ['werk-inkomen', 'schuldhulp'],
    });
    const id = open.data?.openCasusoverleg.id;
    const response = await als('klantmanagerBhh', OVERLEG_MET_INZAGE, { id });
    const inzage = response.data?.casusoverleg.inzage;
    expect(inzage).toMatchObject({
      naam: `Inwoner ${wettelijkBsn}`,
      schuldhulptrajecten: [{ fase: 'STABILISATIE', totaleSchuldCenten: 1543200, aantalSchuldeisers: 7 }],
      vroegsignalen: [{ soort: 'HUUR', bedragCenten: 85000 }],
      trajecten: null,
      swDienstverbanden: null,
      plaatsingen: null,
    });
    expect(response.errors?.map((e) => e.path?.join('.')).sort()).toEqual([
      'casusoverleg.inzage.plaatsingen',
      'casusoverleg.inzage.swDienstverbanden',
      'casusoverleg.inzage.trajecten',
    ]);
    expect(codes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    const toestemming = await als('klantmanagerBhh', TOESTEMMING, {
      id,
      input: geldig('DMS-2026-0100'),
    });
    expect(toestemming.errors?.[0]).toMatchObject({
      message: 'This case conference rests on a statute (Wgshv), not on consent.',
      extensions: { code: 'BAD_USER_INPUT' },
    });

    // A conference recorded on the Wams (as the hub once allowed) opens nothing: checked on every read.
    await hub.orms['werk-inkomen'].em
      .getConnection()
      .execute(`update casusoverleg set wettelijke_grondslag = 'Wams' where id = ?`, [Number(id)]);
    const wams = await als('klantmanagerBhh', ALLEEN_INZAGE, { id });
    expect(wams.data?.casusoverleg).toEqual({ titel: 'Schuldhulpverlening', inzage: null });
    expect(wams.errors).toEqual([
      expect.objectContaining({
        message:
          'Wams (Wet aanpak meervoudige problematiek sociaal domein) is a bill, not a statute in force: it gives no legal basis.',
        path: ['casusoverleg', 'inzage'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
  });
});
