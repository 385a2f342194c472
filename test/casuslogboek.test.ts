import { randomBytes } from 'node:crypto';
import { vandaag } from '../platform/dag';
import type { SubgraphName } from '../platform/config';
import type { Caller } from '../platform/auth/principals';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type GraphQLResponse, type TestHub } from './support/hub';
import type { Persona } from './support/personas';

const [bsn] = fixtureBsns(1, 850) as [string];

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
    }
  }
`;

const DEELNEMER = /* GraphQL */ `
  mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
    voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
      rol
    }
  }
`;

const TOESTEMMING = /* GraphQL */ `
  mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
    legToestemmingVast(casusoverlegId: $id, input: $input) {
      id
    }
  }
`;

const INZAGE = /* GraphQL */ `
  query Inzage($id: ID!) {
    casusoverleg(id: $id) {
      inzage {
        uitkeringen {
          regeling
        }
        trajecten {
          soort
        }
        schuldhulptrajecten {
          fase
        }
        plaatsingen {
          soort
        }
      }
    }
  }
`;

const LOGBOEK = /* GraphQL */ `
  query Logboek($id: ID!) {
    casusoverleg(id: $id) {
      logboek {
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
  }
  fragment Regel on Casuslogregel {
    tijdstip
    traceId
    handeling
    organisatie
    rollen
    doelbinding
    activiteit
    activiteitNaam
    velden
    uitkomst
    bron
  }
`;

interface Regel {
  tijdstip: string;
  traceId: string;
  handeling: string;
  organisatie: string;
  rollen: string[];
  doelbinding: string | null;
  activiteit: string;
  activiteitNaam: string | null;
  velden: string[];
  uitkomst: string;
  bron: string;
}

const DELEN = ['werkInkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'] as const;
type Logboek = Record<(typeof DELEN)[number], Regel[] | null>;

describe('Casusoverleg.logboek: the looks made for a case conference, per partner, for its participants', () => {
  let hub: TestHub;
  let overlegId: string;
  let anderOverlegId: string;

  const als = (
    as: Persona | Caller,
    document: string,
    variables: Record<string, unknown>,
    purpose: string | null = 'casusoverleg',
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse> => hub.query(document, variables, { as, purpose, headers });

  /** A W3C traceparent with a fresh trace id, to find the request's lines in the processing log. */
  const trace = () => {
    const traceId = randomBytes(16).toString('hex');
    return { traceId, headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } };
  };

  const casusoverlegIds = async (subgraph: SubgraphName, traceId: string): Promise<(string | null)[]> => {
    const rows = await hub.orms[subgraph].em
      .getConnection()
      .execute<{ casusoverleg_id: string | null }[]>(
        `select casusoverleg_id from verwerking where trace_id = ? order by id`,
        [traceId],
      );
    return rows.map((row) => row.casusoverleg_id);
  };

  beforeAll(async () => {
    hub = await startTestHub('casuslogboek', (orms) => insertResidents(orms, 'GM0164', [bsn]));
    // Conference A on consent: W&I, SWB and the Stadsbank share; the Werkplein does not.
    const open = await als('klantmanagerBhh', OPEN, {
      input: { bsn, titel: 'Schulden en werk', grondslag: 'TOESTEMMING' },
    });
    overlegId = open.data?.openCasusoverleg.id;
    for (const [medewerker, organisatie] of [
      ['tb-swb-1', 'swb'],
      ['shv-1', 'stadsbank'],
    ]) {
      const deelnemer = await als('klantmanagerBhh', DEELNEMER, { id: overlegId, medewerker, organisatie });
      expect(deelnemer.errors).toBeUndefined();
    }
    const toestemming = await als('trajectbegeleider', TOESTEMMING, {
      id: overlegId,
      input: {
        gegevenOp: dag(-1),
        verlooptOp: dag(90),
        partners: ['schuldhulp', 'werk-inkomen', 'swb'],
        wijze: 'SCHRIFTELIJK',
        bewijs: 'DMS-2026-0850',
      },
    });
    expect(toestemming.errors).toBeUndefined();
    // Conference B about the same resident, on a statute, with the opener as its only participant.
    const ander = await als('klantmanagerBhh', OPEN, {
      input: {
        bsn,
        titel: 'Schuldhulpverlening',
        grondslag: 'WETTELIJK',
        wettelijkeGrondslag: 'Wgshv',
        partners: ['schuldhulp', 'werk-inkomen'],
      },
    });
    expect(ander.errors).toBeUndefined();
    anderOverlegId = ander.data?.openCasusoverleg.id;
  });
  afterAll(() => hub?.close());

  it("logs a participant's looks with the conference's id at every partner, refusals included", async () => {
    const { traceId, headers } = trace();
    const response = await als('trajectbegeleider', INZAGE, { id: overlegId }, 'casusoverleg', headers);
    expect(response.data?.casusoverleg.inzage.trajecten).toEqual([{ soort: 'ARBEIDSFIT' }]);
    // The Werkplein is outside the scope: its refusal names the conference too.
    for (const subgraph of ['werk-inkomen', 'swb', 'schuldhulp', 'werkplein'] as const) {
      const ids = await casusoverlegIds(subgraph, traceId);
      expect({ subgraph, ids: [...new Set(ids)] }).toEqual({ subgraph, ids: [overlegId] });
    }
    // A look for no conference carries no id.
    const eigen = trace();
    const uitvoering = await als(
      'trajectbegeleider',
      `query($bsn: BSN!) { inwoner(bsn: $bsn) { trajecten { soort } } }`,
      { bsn },
      'uitvoering',
      eigen.headers,
    );
    expect(uitvoering.errors).toBeUndefined();
    expect(await casusoverlegIds('swb', eigen.traceId)).toEqual([null]);
  });

  it('shows a participant the looks made for this conference, per partner, and not those of another conference about the same resident', async () => {
    const a = trace();
    await als('schuldhulpverlener', INZAGE, { id: overlegId }, 'casusoverleg', a.headers);
    const b = trace();
    const anderInzage = await als(
      'klantmanagerBhh',
      INZAGE,
      { id: anderOverlegId },
      'casusoverleg',
      b.headers,
    );
    expect(anderInzage.data?.casusoverleg.inzage.schuldhulptrajecten).toEqual([{ fase: 'STABILISATIE' }]);
    expect([...new Set(await casusoverlegIds('schuldhulp', b.traceId))]).toEqual([anderOverlegId]);

    const response = await als('trajectbegeleider', LOGBOEK, { id: overlegId });
    expect(response.errors).toBeUndefined();
    const logboek = response.data?.casusoverleg.logboek as Logboek;
    const alle = DELEN.flatMap((deel) => logboek[deel] ?? []);
    expect(alle.map((r) => r.traceId)).toContain(a.traceId);
    expect(alle.map((r) => r.traceId)).not.toContain(b.traceId);

    const schuldhulp = (logboek.schuldhulp ?? []).filter((r) => r.traceId === a.traceId);
    expect(schuldhulp).toEqual(
      expect.arrayContaining([
        {
          tijdstip: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          traceId: a.traceId,
          handeling: 'lezen',
          organisatie: 'stadsbank',
          rollen: ['SCHULDHULPVERLENER'],
          doelbinding: 'casusoverleg',
          activiteit: expect.stringMatching(/^urn:twente-ketenhub:schuldhulp:verwerkingsactiviteit:/),
          activiteitNaam: expect.any(String),
          velden: ['schuldhulptrajecten'],
          uitkomst: 'TOEGESTAAN',
          bron: 'schuldhulp',
        },
      ]),
    );
    expect(logboek.werkplein).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          traceId: a.traceId,
          handeling: 'weigeren',
          organisatie: 'stadsbank',
          velden: ['plaatsingen'],
          uitkomst: 'GEWEIGERD',
          bron: 'werkplein',
        }),
      ]),
    );
    expect(logboek.werkInkomen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          traceId: a.traceId,
          organisatie: 'stadsbank',
          velden: expect.arrayContaining(['casusoverleg', 'inzage']),
          bron: 'werk-inkomen',
        }),
      ]),
    );
    // Werkcentrum was never asked for this conference.
    expect(logboek.werkcentrum).toEqual([]);
    // Newest first, and never the resident or an employee id.
    const tijden = (logboek.swb ?? []).map((r) => r.tijdstip);
    expect(tijden).toEqual([...tijden].sort().reverse());
    expect(JSON.stringify(logboek)).not.toContain(bsn);
    expect(JSON.stringify(logboek)).not.toContain('shv-1');
  });

  it('logs the reading of the log at every partner, with the conference id, without listing it as a look', async () => {
    const { traceId, headers } = trace();
    const response = await als('trajectbegeleider', LOGBOEK, { id: overlegId }, 'casusoverleg', headers);
    expect(response.errors).toBeUndefined();
    for (const subgraph of ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'] as const) {
      const rows = await hub.orms[subgraph].em
        .getConnection()
        .execute<{ processing_activity_id: string; casusoverleg_id: string; velden: string[] }[]>(
          `select processing_activity_id, casusoverleg_id, velden from verwerking where trace_id = ?`,
          [traceId],
        );
      expect(rows).toEqual(
        expect.arrayContaining([
          {
            processing_activity_id: `urn:twente-ketenhub:${subgraph}:verwerkingsactiviteit:inzage-logboek`,
            casusoverleg_id: overlegId,
            velden: ['logboek'],
          },
        ]),
      );
    }
    const opnieuw = await als('trajectbegeleider', LOGBOEK, { id: overlegId });
    const logboek = opnieuw.data?.casusoverleg.logboek as Logboek;
    const gelezen = DELEN.flatMap((deel) => logboek[deel] ?? []).filter((r) => r.traceId === traceId);
    // Only werk-inkomen's look at the conference itself, which names the log among its fields.
    expect(gelezen).toEqual([
      expect.objectContaining({
        bron: 'werk-inkomen',
        velden: ['casusoverleg', 'logboek'],
        uitkomst: 'TOEGESTAAN',
      }),
    ]);
  });

  it('refuses the log to a KLANTMANAGER of the regie who does not take part, and to a participant for another purpose', async () => {
    const { traceId, headers } = trace();
    const collega = await als(COLLEGA, LOGBOEK, { id: overlegId }, 'casusoverleg', headers);
    expect(collega.data?.casusoverleg).toEqual({ logboek: null });
    expect(collega.errors).toEqual([
      expect.objectContaining({
        message: 'Only participants of the case conference see the resident’s combined situation.',
        path: ['casusoverleg', 'logboek'],
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    // The refusal is logged; no partner was asked.
    expect(await casusoverlegIds('werk-inkomen', traceId)).toHaveLength(2);
    expect(await casusoverlegIds('swb', traceId)).toEqual([]);

    const uitvoering = await als('trajectbegeleider', LOGBOEK, { id: overlegId }, 'uitvoering');
    expect(uitvoering.data?.casusoverleg).toEqual({ logboek: null });
    expect(uitvoering.errors?.[0]).toMatchObject({
      message: 'The log of a case conference is shown for purpose casusoverleg only.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses the log to anyone outside the conference, a privacy officer included', async () => {
    for (const as of ['adviseurWerk', 'loopbaanadviseur', 'privacyOfficerWi'] as const) {
      const response = await als(as, LOGBOEK, { id: overlegId });
      expect({ as, data: response.data?.casusoverleg ?? null }).toEqual({ as, data: null });
      expect(response.errors?.map((e): unknown => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it("lets a partner's privacy officer find the conference's lines in their own organisation's log only", async () => {
    const zoek = /* GraphQL */ `
      query Zoek($id: ID!) {
        logboek(filter: { casusoverleg: $id }) {
          schuldhulp {
            casusoverlegId
            organisatie
            medewerker
            velden
          }
          swb {
            casusoverlegId
          }
        }
      }
    `;
    const response = await als('privacyOfficerStadsbank', zoek, { id: overlegId }, 'toezicht');
    const regels = response.data?.logboek.schuldhulp as { casusoverlegId: string; medewerker: string }[];
    expect(regels.length).toBeGreaterThan(0);
    expect(new Set(regels.map((r) => r.casusoverlegId))).toEqual(new Set([overlegId]));
    // The officer sees who it was: the standard's actor record, for their own organisation's log.
    expect(regels.map((r) => r.medewerker)).toContain('shv-1');
    expect(response.data?.logboek.swb).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({ path: ['logboek', 'swb'], extensions: { code: 'FORBIDDEN' } }),
    ]);
    const fout = await als('privacyOfficerStadsbank', zoek, { id: "1' or '1'='1" }, 'toezicht');
    expect(fout.errors?.map((e): unknown => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it('never shows the log grant to clients: the key of Casuslogboek is not in the API', async () => {
    const response = await als(
      'trajectbegeleider',
      `query($id: ID!) { casusoverleg(id: $id) { logboek { toegang } } }`,
      { id: overlegId },
    );
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.map((e): unknown => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });
});
