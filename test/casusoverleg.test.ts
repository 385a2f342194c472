import { randomBytes } from 'node:crypto';
import { pseudonym } from '../platform/audit/pseudonym';
import type { SubgraphName } from '../platform/config';
import type { Caller } from '../platform/context';
import { vandaag } from '../subgraphs/werk-inkomen/casusoverleg/casusoverleg.toegang';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import type { Persona } from './support/personas';

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
      vastgelegdDoor
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
      expect(response.data?.voegDeelnemerToe).toEqual({ medewerker, organisatie });
    }
    const toestemming = await als('klantmanagerBhh', TOESTEMMING, {
      id: overlegId,
      input: {
        gegevenOp: dag(-1),
        verlooptOp: dag(90),
        partners: ['schuldhulp', 'werk-inkomen', 'swb'],
        wijze: 'SCHRIFTELIJK',
      },
    });
    expect(toestemming.errors).toBeUndefined();
    expect(toestemming.data?.legToestemmingVast).toMatchObject({
      gegevenOp: dag(-1),
      verlooptOp: dag(90),
      partners: ['werk-inkomen', 'swb', 'schuldhulp'],
      wijze: 'SCHRIFTELIJK',
      vastgelegdDoor: 'km-hengelo-1',
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

  it('costs each partner one statement per relation for the combined situation', async () => {
    const counts = await hub.countSql(async () => {
      const response = await als('schuldhulpverlener', OVERLEG_MET_INZAGE, { id: overlegId });
      expect(response.data?.casusoverleg.inzage.schuldhulptrajecten).toHaveLength(1);
    });
    // Two lists each, plus one statement for the processing log.
    expect(counts.swb).toBe(3);
    expect(counts.schuldhulp).toBe(3);
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
      { input: { gegevenOp: dag(0), verlooptOp: dag(30), partners: ['swb', 'uwv'], wijze: 'DIGITAAL' } },
      'partners[1] is not a partner: use subgraph names (werk-inkomen, swb, werkplein, schuldhulp, werkcentrum).',
    ],
    [
      'a consent without partners',
      TOESTEMMING,
      { input: { gegevenOp: dag(0), verlooptOp: dag(30), partners: [], wijze: 'DIGITAAL' } },
      'partners must name at least one partner.',
    ],
    [
      'verlooptOp before gegevenOp',
      TOESTEMMING,
      { input: { gegevenOp: dag(0), verlooptOp: dag(-1), partners: ['swb'], wijze: 'MONDELING' } },
      'verlooptOp lies before gegevenOp.',
    ],
    [
      'consent given in the future',
      TOESTEMMING,
      { input: { gegevenOp: dag(2), verlooptOp: dag(30), partners: ['swb'], wijze: 'MONDELING' } },
      'gegevenOp lies in the future: record consent once it is given.',
    ],
    [
      'a participant of an unknown organisation',
      DEELNEMER,
      { medewerker: 'x-1', organisatie: 'uwv' },
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
    const response = await als('klantmanagerBhh', document, { id: overlegId, ...variables });
    expect(response.errors).toEqual([
      expect.objectContaining({ message, extensions: { code: 'BAD_USER_INPUT' } }),
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
        'With grondslag WETTELIJK, wettelijkeGrondslag must name a statute: Wams or WGS.',
      ],
      [
        { bsn, titel: 'T', grondslag: 'WETTELIJK', wettelijkeGrondslag: 'WGS' },
        'With grondslag WETTELIJK, partners must name the partners that share.',
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
      { ingetrokkenOp: expect.any(String), ingetrokkenDoor: 'shv-1' },
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

  it('refuses an expired consent, and honours a new consent that replaces it', async () => {
    const verlopen = await als('klantmanagerBhh', TOESTEMMING, {
      id: overlegId,
      input: { gegevenOp: dag(-60), verlooptOp: dag(-1), partners: ['swb'], wijze: 'MONDELING' },
    });
    expect(verlopen.errors).toBeUndefined();
    const geweigerd = await als('trajectbegeleider', ALLEEN_INZAGE, { id: overlegId });
    expect(geweigerd.data?.casusoverleg.inzage).toBeNull();
    expect(geweigerd.errors?.[0]).toMatchObject({
      message: `The consent expired after ${dag(-1)}.`,
      extensions: { code: 'FORBIDDEN' },
    });

    await als('klantmanagerBhh', TOESTEMMING, {
      id: overlegId,
      input: { gegevenOp: dag(0), verlooptOp: dag(0), partners: ['swb'], wijze: 'DIGITAAL' },
    });
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

  it('opens the partners recorded on a conference with a statutory basis, while it is open, without consent', async () => {
    const open = await als('klantmanagerBhh', OPEN, {
      input: {
        bsn: wettelijkBsn,
        titel: 'Meervoudige problematiek',
        grondslag: 'WETTELIJK',
        wettelijkeGrondslag: 'Wams',
        partners: ['werkplein', 'werk-inkomen'],
      },
    });
    expect(open.errors).toBeUndefined();
    expect(open.data?.openCasusoverleg).toMatchObject({
      grondslag: 'WETTELIJK',
      wettelijkeGrondslag: 'Wams',
      partners: ['werk-inkomen', 'werkplein'],
    });
    const id = open.data?.openCasusoverleg.id;
    const response = await als('klantmanagerBhh', OVERLEG_MET_INZAGE, { id });
    const inzage = response.data?.casusoverleg.inzage;
    expect(inzage).toMatchObject({
      naam: `Inwoner ${wettelijkBsn}`,
      plaatsingen: [{ soort: 'PROEFPLAATSING' }],
      trajecten: null,
      swDienstverbanden: null,
      schuldhulptrajecten: null,
      vroegsignalen: null,
    });
    expect(response.errors?.map((e) => e.path?.join('.')).sort()).toEqual([
      'casusoverleg.inzage.schuldhulptrajecten',
      'casusoverleg.inzage.swDienstverbanden',
      'casusoverleg.inzage.trajecten',
      'casusoverleg.inzage.vroegsignalen',
    ]);
    expect(codes(response)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);

    const toestemming = await als('klantmanagerBhh', TOESTEMMING, {
      id,
      input: { gegevenOp: dag(0), verlooptOp: dag(30), partners: ['swb'], wijze: 'DIGITAAL' },
    });
    expect(toestemming.errors?.[0]).toMatchObject({
      message: 'This case conference rests on a statute (Wams), not on consent.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});
