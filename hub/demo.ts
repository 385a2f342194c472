import { Client } from 'pg';
import { vandaag } from '../platform/dag';
import type { SigningKey } from '../platform/auth/keys';
import { signResidentToken } from '../platform/auth/local-tokens';
import type { SubgraphName } from '../platform/config';
import { isPopulated, loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';
import { uitersteVervaldag } from '../subgraphs/werk-inkomen/casusoverleg/casusoverleg.toegang';
import { documentId } from '../gateway/trusted-documents';

/**
 * The population of `npm start`: small enough to generate and load in about a second, large enough
 * that a small gemeente such as Borne shows its yearly flows instead of suppressing them.
 */
export const DEMO_SCALE = 0.2;

/** Loads the synthetic demo population unless data is there already; returns the residents loaded. */
export async function loadDemoPopulation(urls: Record<SubgraphName, string>): Promise<number> {
  if (await isPopulated(urls['werk-inkomen'])) return 0;
  const population = generatePopulation({ scale: DEMO_SCALE });
  await loadPopulation(population, urls, { truncate: true });
  return population['werk-inkomen'].inwoner.length;
}

async function bsnsIn(url: string, sql: string, params: unknown[]): Promise<Set<string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bsn: string }>(sql, params);
    return new Set(rows.map((row) => row.bsn));
  } finally {
    await client.end();
  }
}

const BHH = ['GM0164', 'GM0147', 'GM0158'];

/**
 * BSNs of Hengelo, Borne or Haaksbergen residents on a running benefit with data at all five
 * partners: what the demo's KLANTMANAGER of wi-bhh can look at across the chain.
 */
export async function demoBsns(urls: Record<SubgraphName, string>, count: number): Promise<string[]> {
  let candidates = await bsnsIn(
    urls.werkcentrum,
    'select distinct bsn from ontwikkeltraject where gemeente = any($1) order by bsn limit 5000',
    [BHH],
  );
  const filters: [SubgraphName, string][] = [
    ['swb', 'select distinct bsn from traject where bsn = any($1)'],
    ['werkplein', 'select distinct bsn from plaatsing where bsn = any($1)'],
    ['schuldhulp', 'select distinct bsn from schuldhulptraject where bsn = any($1)'],
    [
      'werk-inkomen',
      `select distinct bsn from uitkering where bsn = any($1) and einddatum is null and regeling <> 'BBZ'`,
    ],
  ];
  for (const [name, sql] of filters) candidates = await bsnsIn(urls[name], sql, [[...candidates]]);
  return [...candidates].sort().slice(0, count);
}

/**
 * A GraphQL call to the gateway as a demo employee, sending the registered document's id as the
 * case-conference client does (a document changed before `npm run registry` goes as text, which
 * development allows); errors stop the demo set-up with their message.
 */
async function call(
  gatewayUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const send = (document: Record<string, string>) =>
    fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-doelbinding': 'casusoverleg',
      },
      body: JSON.stringify({ ...document, variables }),
    });
  let response = await send({ documentId: documentId(query) });
  if (response.status === 400) {
    const refusal = (await response.clone().json()) as { errors?: { extensions?: { code?: string } }[] };
    if (refusal.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
      response = await send({ query });
  }
  const body = (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] };
  if (body.errors?.length)
    throw new Error(`Demo case conference: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data ?? {};
}

export interface DemoParticipant {
  token: string;
  employeeId: string;
  organisation: string;
}

interface DemoConference {
  id: string;
  titel: string;
  geslotenOp: string | null;
  toestemmingen: {
    bewijs: string | null;
    verlooptOp: string;
    ingetrokkenOp: string | null;
    vastgelegdDoor: string;
  }[];
}

/**
 * The demo case conference: opened by the KLANTMANAGER for a demo resident, with SWB and the Stadsbank
 * as participants, and the resident's consent for every partner for 12 months, recorded by the
 * second participant (not the opener) with a reference to its evidence. Made through the gateway's own
 * mutations, once; a later start reuses it while its consent holds, and otherwise closes it and opens a
 * new one (for example after the consent expired, or one made under older rules).
 */
export async function ensureDemoCasusoverleg(
  gatewayUrl: string,
  klantmanagerToken: string,
  bsn: string,
  participants: DemoParticipant[],
): Promise<string> {
  const today = vandaag();
  const mine = await call(gatewayUrl, klantmanagerToken, DEMO_DOCUMENTEN.DemoCasusoverleggen, {});
  const demos = (mine.mijnCasusoverleggen as DemoConference[]).filter(
    (c) => c.titel === DEMO_TITEL && c.geslotenOp === null,
  );
  const recorder = participants[participants.length - 1];
  for (const demo of demos) {
    const geldend = demo.toestemmingen[0];
    if (
      geldend?.bewijs &&
      geldend.ingetrokkenOp === null &&
      geldend.verlooptOp >= today &&
      geldend.vastgelegdDoor === recorder?.employeeId
    ) {
      return demo.id;
    }
    await call(gatewayUrl, klantmanagerToken, DEMO_DOCUMENTEN.Sluiten, { id: demo.id });
  }
  if (!recorder) throw new Error('Demo case conference: a participant must record the consent.');
  const opened = await call(gatewayUrl, klantmanagerToken, DEMO_DOCUMENTEN.Open, {
    input: { bsn, titel: DEMO_TITEL, grondslag: 'TOESTEMMING' },
  });
  const id = (opened.openCasusoverleg as { id: string }).id;
  for (const participant of participants) {
    await call(gatewayUrl, klantmanagerToken, DEMO_DOCUMENTEN.Deelnemer, {
      id,
      medewerker: participant.employeeId,
      organisatie: participant.organisation,
    });
  }
  // Four eyes: a participant other than the opener records the consent, with its evidence.
  await call(gatewayUrl, recorder.token, DEMO_DOCUMENTEN.Toestemming, {
    id,
    input: {
      gegevenOp: today,
      verlooptOp: uitersteVervaldag(today),
      partners: ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'],
      wijze: 'SCHRIFTELIJK',
      bewijs: `DEMO-TOESTEMMING-${id}`,
    },
  });
  await call(gatewayUrl, klantmanagerToken, DEMO_DOCUMENTEN.Agenda, { id });
  return id;
}

/**
 * The documents with which the demo sets up its case conference, as the case-conference client sends
 * them: registered in registry/clients/casusoverleg.json by `npm run registry`.
 */
export const DEMO_DOCUMENTEN = {
  DemoCasusoverleggen: /* GraphQL */ `
    query DemoCasusoverleggen {
      mijnCasusoverleggen {
        id
        titel
        geslotenOp
        toestemmingen {
          bewijs
          verlooptOp
          ingetrokkenOp
          vastgelegdDoor
        }
      }
    }
  `,
  Sluiten: /* GraphQL */ `
    mutation Sluiten($id: ID!) {
      sluitCasusoverleg(casusoverlegId: $id) {
        id
      }
    }
  `,
  Open: /* GraphQL */ `
    mutation Open($input: OpenCasusoverlegInput!) {
      openCasusoverleg(input: $input) {
        id
      }
    }
  `,
  Deelnemer: /* GraphQL */ `
    mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
      voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
        medewerker
      }
    }
  `,
  Toestemming: /* GraphQL */ `
    mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
      legToestemmingVast(casusoverlegId: $id, input: $input) {
        verlooptOp
      }
    }
  `,
  Agenda: /* GraphQL */ `
    mutation Agenda($id: ID!) {
      voegAgendapuntToe(casusoverlegId: $id, onderwerp: "Schulden en werk: volgorde van aanpak") {
        onderwerp
      }
    }
  `,
};

const DEMO_TITEL = 'Demo: ketenaanpak werk en schulden';

/** The query a participant sends for the resident's combined situation. */
export const CASUSOVERLEG_QUERY = /* GraphQL */ `
  query Casus($id: ID!) {
    casusoverleg(id: $id) {
      titel
      deelnemers {
        medewerker
        organisatie
        rol
      }
      toestemmingen {
        gegevenOp
        verlooptOp
        partners
        wijze
        bewijs
        vastgelegdDoor
        ingetrokkenOp
      }
      agenda {
        onderwerp
      }
      inzage {
        naam
        uitkeringen {
          regeling
          ingangsdatum
        }
        trajecten {
          soort
          resultaat
        }
        plaatsingen {
          soort
          werkgever {
            naam
          }
        }
        schuldhulptrajecten {
          fase
          totaleSchuldCenten
          aantalSchuldeisers
        }
        ontwikkeltrajecten {
          soort
        }
      }
    }
  }
`;

/**
 * A demo resident's token, as their municipality's DigiD sign-in would give it (role INWONER, the BSN
 * as `bsn` claim), signed by the local issuer: it opens that resident's own access report and nothing
 * else.
 */
export function demoResidentToken(key: SigningKey, bsn: string): Promise<string> {
  return signResidentToken(key, bsn, { ttl: '8h' });
}

/** The resident's access report: who processed their data at every partner, and why. */
export const MIJN_INZAGE_QUERY = /* GraphQL */ `
  query MijnInzage {
    mijnInzage(first: 10) {
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
  fragment Regel on Inzageregel {
    tijdstip
    organisatie
    activiteitNaam
    doel
    grondslag
    uitkomst
  }
`;
