import type { Caller } from '../platform/context';
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
});
