import type { Caller } from '../platform/auth/principals';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS, type Persona } from './support/personas';

/** Every field of a resident that some role may see, from all five partners. */
const FIELDS = {
  naam: 'naam',
  uitkeringen: 'uitkeringen { regeling bedragPerMaandCenten }',
  loonkostensubsidies: 'loonkostensubsidies { loonwaarde }',
  lopendeUitkering: 'lopendeUitkering { regeling }',
  trajecten: 'trajecten { soort }',
  swDienstverbanden: 'swDienstverbanden { soort }',
  plaatsingen: 'plaatsingen { soort }',
  schuldhulpstatus: 'schuldhulpstatus { fase }',
  schuldhulptrajecten: 'schuldhulptrajecten { totaleSchuldCenten aantalSchuldeisers }',
  vroegsignalen: 'vroegsignalen { bedragCenten }',
  ontwikkeltrajecten: 'ontwikkeltrajecten { budgetCenten }',
} as const;
type Veld = keyof typeof FIELDS;
const ALL = Object.keys(FIELDS) as Veld[];

const QUERY = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      bsn
      ${Object.values(FIELDS).join('\n      ')}
    }
  }
`;

const [metUitkering, zonderUitkering, enschede] = fixtureBsns(3, 700) as [string, string, string];

type Resident = 'metUitkering' | 'zonderUitkering' | 'enschede';
const RESIDENT: Record<Resident, string> = { metUitkering, zonderUitkering, enschede };

interface Row {
  rule: string;
  as: Persona | Caller;
  purpose: string | null;
  resident: Resident;
  /** Fields with data; every other field is FORBIDDEN. `null`: the resident is not found at all. */
  visible: Veld[] | null;
  /** The whole resident is refused (FORBIDDEN on `inwoner`). */
  refused?: true;
}

const except = (...hidden: Veld[]): Veld[] => ALL.filter((veld) => !hidden.includes(veld));

/** ACCESS.md as a table: (role, organisation, gemeenten, purpose, resident) → fields visible. */
const TABLE: Row[] = [
  {
    rule: '1+2: KLANTMANAGER sees own W&I data and the chain view, never debt details',
    as: 'klantmanagerBhh',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: except('schuldhulptrajecten', 'vroegsignalen'),
  },
  {
    rule: '2: chain view only for residents with a benefit of the own organisation',
    as: 'klantmanagerBhh',
    purpose: 'uitvoering',
    resident: 'zonderUitkering',
    visible: ['naam', 'uitkeringen', 'loonkostensubsidies', 'lopendeUitkering'],
  },
  {
    rule: '1: a resident outside the gemeenten of the caller is not found (filtered in the query)',
    as: 'klantmanagerBhh',
    purpose: 'uitvoering',
    resident: 'enschede',
    visible: null,
  },
  {
    rule: '1: the other municipal organisation does not see Hengelo residents',
    as: 'klantmanagerEnschede',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: null,
  },
  {
    rule: '1: KLANTMANAGER of Enschede sees an Enschede resident',
    as: 'klantmanagerEnschede',
    purpose: 'uitvoering',
    resident: 'enschede',
    visible: except('schuldhulptrajecten', 'vroegsignalen'),
  },
  {
    rule: 'purpose is required for personal data',
    as: 'klantmanagerBhh',
    purpose: null,
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
  {
    rule: 'beleidsinformatie is for statistics only',
    as: 'klantmanagerBhh',
    purpose: 'beleidsinformatie',
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
  {
    rule: 'casusoverleg opens data only through a case conference',
    as: 'klantmanagerBhh',
    purpose: 'casusoverleg',
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
  {
    rule: '1+2: TRAJECTBEGELEIDER sees SWB files and whether a benefit runs, never amounts',
    as: 'trajectbegeleider',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: ['lopendeUitkering', 'trajecten', 'swDienstverbanden'],
  },
  {
    rule: '1: a TRAJECTBEGELEIDER for Borne only does not find a Hengelo resident',
    as: { ...PERSONAS.trajectbegeleider, gemeenten: ['GM0147'] },
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: null,
  },
  {
    rule: '1+2: SCHULDHULPVERLENER sees the Stadsbank files and whether a benefit runs',
    as: 'schuldhulpverlener',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: ['lopendeUitkering', 'schuldhulpstatus', 'schuldhulptrajecten', 'vroegsignalen'],
  },
  {
    rule: '1+2: ADVISEUR_WERK sees placements and whether a benefit runs',
    as: 'adviseurWerk',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: ['lopendeUitkering', 'plaatsingen'],
  },
  {
    rule: '1+2: LOOPBAANADVISEUR sees development trajectories and whether a benefit runs',
    as: 'loopbaanadviseur',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: ['lopendeUitkering', 'ontwikkeltrajecten'],
  },
  {
    rule: '4: ANALIST sees no personal data at all',
    as: 'analist',
    purpose: 'beleidsinformatie',
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
  {
    rule: '4: ANALIST sees no personal data, whatever the purpose',
    as: 'analist',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
  {
    rule: '6: PRIVACY_OFFICER reads the log, not the files',
    as: 'privacyOfficerWi',
    purpose: 'uitvoering',
    resident: 'metUitkering',
    visible: [],
    refused: true,
  },
];

describe('Access: the rules of ACCESS.md, enforced by each subgraph through the gateway', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('toegang', async (orms) => {
      await insertResidents(orms, 'GM0164', [metUitkering, zonderUitkering]);
      await insertResidents(orms, 'GM0153', [enschede]);
      await orms['werk-inkomen'].em
        .getConnection()
        .execute(
          `update uitkering set einddatum = date '2024-06-30', uitstroomreden = 'WERK' where bsn = ?`,
          [zonderUitkering],
        );
    });
  });
  afterAll(() => hub?.close());

  it.each(TABLE)('$rule', async ({ as, purpose, resident, visible, refused }) => {
    const response = await hub.query(QUERY, { bsn: RESIDENT[resident] }, { as, purpose });
    const errors = response.errors ?? [];
    // Nothing leaks through errors: no BSN and no figures in any message.
    expect(JSON.stringify(errors)).not.toContain(RESIDENT[resident]);
    for (const error of errors) expect(error.extensions?.code).toBe('FORBIDDEN');

    if (refused) {
      expect(response.data?.inwoner).toBeNull();
      expect(errors).toEqual([
        expect.objectContaining({ path: ['inwoner'], extensions: { code: 'FORBIDDEN' } }),
      ]);
      return;
    }
    if (visible === null) {
      expect(response.data).toEqual({ inwoner: null });
      expect(errors).toEqual([]);
      return;
    }
    const inwoner = response.data?.inwoner as Record<Veld, unknown>;
    const refusedFields = errors.map((error) => error.path?.[1]);
    for (const veld of ALL) {
      if (visible.includes(veld)) {
        // Visible: answered, though it may be empty (no running benefit is an answer too).
        expect(Object.keys(inwoner)).toContain(veld);
        expect(refusedFields).not.toContain(veld);
      } else {
        expect({ veld, value: inwoner[veld] }).toEqual({ veld, value: null });
        expect(refusedFields).toContain(veld);
      }
    }
    expect(errors).toHaveLength(ALL.length - visible.length);
  });

  it('lets only the own organisation page through the residents of a gemeente', async () => {
    const document = `{ gemeente(code: "GM0164") { naam inwoners(first: 5) { nodes { bsn } } } }`;
    const own = await hub.query(document);
    expect(own.data?.gemeente.inwoners.nodes).toHaveLength(2);
    const partner = await hub.query(document, {}, { as: 'trajectbegeleider' });
    expect(partner.data?.gemeente).toEqual({ naam: 'Hengelo', inwoners: null });
    expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherGemeente = await hub.query(
      `{ gemeente(code: "GM0153") { inwoners(first: 5) { nodes { bsn } } } }`,
    );
    expect(otherGemeente.data?.gemeente.inwoners.nodes).toEqual([]);
  });

  it('refuses a record by id to a partner that does not own it', async () => {
    const own = await hub.query(`{ traject(id: "1") { soort } }`, {}, { as: 'trajectbegeleider' });
    expect(own.data?.traject).toEqual({ soort: 'ARBEIDSFIT' });
    const other = await hub.query(`{ traject(id: "1") { soort } }`, {}, { as: 'adviseurWerk' });
    expect(other.data?.traject).toBeNull();
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('rule 3: case conferences open the partners in the scope of valid consent, to participants', () => {
    const INZAGE_FIELDS = {
      naam: 'naam',
      uitkeringen: 'uitkeringen { bedragPerMaandCenten }',
      trajecten: 'trajecten { soort }',
      plaatsingen: 'plaatsingen { soort }',
      schuldhulptrajecten: 'schuldhulptrajecten { totaleSchuldCenten }',
      vroegsignalen: 'vroegsignalen { bedragCenten }',
      ontwikkeltrajecten: 'ontwikkeltrajecten { budgetCenten }',
    } as const;
    type InzageVeld = keyof typeof INZAGE_FIELDS;
    const INZAGE_ALL = Object.keys(INZAGE_FIELDS) as InzageVeld[];
    const ALL_PARTNERS = ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'];
    const CASUS = `query Casus($id: ID!) { casusoverleg(id: $id) { titel inzage { ${Object.values(INZAGE_FIELDS).join(' ')} } } }`;

    type Consent = 'geldig' | 'zonderWerkplein' | 'ingetrokken' | 'verlopen' | 'gesloten' | 'geen';
    const ids = {} as Record<Consent, string>;
    const day = (offset: number): string =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

    async function must(
      document: string,
      variables: Record<string, unknown>,
      as: Persona = 'klantmanagerBhh',
    ): Promise<Record<string, any>> {
      const response = await hub.query(document, variables, { as, purpose: 'casusoverleg' });
      expect(response.errors).toBeUndefined();
      return response.data as Record<string, any>;
    }

    beforeAll(async () => {
      const consents: Record<Consent, { van: number; tot: number; partners: string[] } | null> = {
        geldig: { van: 0, tot: 30, partners: ALL_PARTNERS },
        zonderWerkplein: { van: 0, tot: 30, partners: ALL_PARTNERS.filter((p) => p !== 'werkplein') },
        ingetrokken: { van: 0, tot: 30, partners: ALL_PARTNERS },
        // Recorded while valid; then its days pass (below).
        verlopen: { van: 0, tot: 30, partners: ALL_PARTNERS },
        gesloten: { van: 0, tot: 30, partners: ALL_PARTNERS },
        geen: null,
      };
      for (const [state, consent] of Object.entries(consents) as [Consent, (typeof consents)[Consent]][]) {
        const opened = await must(
          `mutation($input: OpenCasusoverlegInput!) { openCasusoverleg(input: $input) { id } }`,
          { input: { bsn: metUitkering, titel: `Toegangstabel ${state}`, grondslag: 'TOESTEMMING' } },
        );
        const id = opened.openCasusoverleg.id as string;
        ids[state] = id;
        for (const deelnemer of [PERSONAS.trajectbegeleider, PERSONAS.privacyOfficerSwb]) {
          await must(
            `mutation($id: ID!, $m: String!, $o: String!) { voegDeelnemerToe(casusoverlegId: $id, medewerker: $m, organisatie: $o) { medewerker } }`,
            { id, m: deelnemer.employeeId, o: deelnemer.organisation },
          );
        }
        if (consent) {
          // Recorded by a participant other than the KLANTMANAGER who opened the conference.
          await must(
            `mutation($id: ID!, $input: ToestemmingInput!) { legToestemmingVast(casusoverlegId: $id, input: $input) { id } }`,
            {
              id,
              input: {
                gegevenOp: day(consent.van),
                verlooptOp: day(consent.tot),
                partners: consent.partners,
                wijze: 'SCHRIFTELIJK',
                bewijs: `DMS-${state}`,
              },
            },
            'trajectbegeleider',
          );
        }
        if (state === 'verlopen') {
          await hub.orms['werk-inkomen'].em
            .getConnection()
            .execute(
              `update toestemming set gegeven_op = gegeven_op - 32, verloopt_op = verloopt_op - 32 where casusoverleg_id = ?`,
              [Number(id)],
            );
        }
        if (state === 'ingetrokken')
          await must(`mutation($id: ID!) { trekToestemmingIn(casusoverlegId: $id) { id } }`, { id });
        if (state === 'gesloten')
          await must(`mutation($id: ID!) { sluitCasusoverleg(casusoverlegId: $id) { id } }`, { id });
      }
    });

    interface ConsentRow {
      rule: string;
      as: Persona;
      purpose: string;
      consent: Consent;
      /** Inzage fields with data; null: inzage refused as a whole; 'conference': the conference itself refused. */
      visible: InzageVeld[] | null | 'conference';
    }

    const CONSENT_TABLE: ConsentRow[] = [
      {
        rule: 'participant, valid consent for all partners: everything',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'geldig',
        visible: INZAGE_ALL,
      },
      {
        rule: 'participant, consent without the Werkplein: all but placements',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'zonderWerkplein',
        visible: INZAGE_ALL.filter((veld) => veld !== 'plaatsingen'),
      },
      {
        rule: 'participant, purpose uitvoering: no inzage',
        as: 'trajectbegeleider',
        purpose: 'uitvoering',
        consent: 'geldig',
        visible: null,
      },
      {
        rule: 'participant, consent withdrawn: no inzage',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'ingetrokken',
        visible: null,
      },
      {
        rule: 'participant, consent expired: no inzage',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'verlopen',
        visible: null,
      },
      {
        rule: 'participant, conference closed: no inzage',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'gesloten',
        visible: null,
      },
      {
        rule: 'participant, no consent recorded: no inzage',
        as: 'trajectbegeleider',
        purpose: 'casusoverleg',
        consent: 'geen',
        visible: null,
      },
      {
        rule: 'not a participant: the conference is refused',
        as: 'adviseurWerk',
        purpose: 'casusoverleg',
        consent: 'geldig',
        visible: 'conference',
      },
      {
        rule: 'a listed participant whose token carries PRIVACY_OFFICER, no case role: the conference is refused',
        as: 'privacyOfficerSwb',
        purpose: 'casusoverleg',
        consent: 'geldig',
        visible: 'conference',
      },
      {
        rule: 'ANALIST: the conference is refused',
        as: 'analist',
        purpose: 'casusoverleg',
        consent: 'geldig',
        visible: 'conference',
      },
    ];

    it.each(CONSENT_TABLE)('$rule', async ({ as, purpose, consent, visible }) => {
      const response = await hub.query(CASUS, { id: ids[consent] }, { as, purpose });
      const errors = response.errors ?? [];
      expect(JSON.stringify(errors)).not.toContain(metUitkering);
      for (const error of errors) expect(error.extensions?.code).toBe('FORBIDDEN');
      if (visible === 'conference') {
        expect(response.data?.casusoverleg).toBeNull();
        expect(errors.map((e) => e.path)).toEqual([['casusoverleg']]);
        return;
      }
      const overleg = response.data?.casusoverleg;
      expect(overleg.titel).toBe(`Toegangstabel ${consent}`);
      if (visible === null) {
        expect(overleg.inzage).toBeNull();
        expect(errors.map((e) => e.path)).toEqual([['casusoverleg', 'inzage']]);
        return;
      }
      const refused = errors.map((e) => e.path?.[2]);
      for (const veld of INZAGE_ALL) {
        if (visible.includes(veld)) {
          expect({ veld, value: overleg.inzage[veld] }).toEqual({ veld, value: expect.anything() });
        } else {
          expect({ veld, value: overleg.inzage[veld] }).toEqual({ veld, value: null });
          expect(refused).toContain(veld);
        }
      }
      expect(errors).toHaveLength(INZAGE_ALL.length - visible.length);
    });
  });
});
