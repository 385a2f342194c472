import { Client } from 'pg';
import type { SigningKey } from '../platform/auth/keys';
import { signResidentToken } from '../platform/auth/local-tokens';
import type { SubgraphName } from '../platform/config';
import { isPopulated, loadPopulation } from '../generator/load';
import { generatePopulation } from '../generator/population';

/** The population of `npm start`: small enough to generate and load in about a second. */
export const DEMO_SCALE = 0.05;

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

/** A GraphQL call to the gateway as a demo employee; errors stop the demo set-up with their message. */
async function call(
  gatewayUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-doelbinding': 'casusoverleg',
    },
    body: JSON.stringify({ query, variables }),
  });
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

/**
 * The demo case conference: opened by the KLANTMANAGER for a demo resident, with SWB and the Stadsbank
 * as participants and the resident's consent for every partner for a year. Made through the gateway's
 * own mutations, once; a later start finds it in the KLANTMANAGER's conferences.
 */
export async function ensureDemoCasusoverleg(
  gatewayUrl: string,
  klantmanagerToken: string,
  bsn: string,
  participants: DemoParticipant[],
): Promise<string> {
  const mine = await call(gatewayUrl, klantmanagerToken, '{ mijnCasusoverleggen { id titel } }', {});
  const existing = (mine.mijnCasusoverleggen as { id: string; titel: string }[]).find(
    (c) => c.titel === DEMO_TITEL,
  );
  if (existing) return existing.id;
  const opened = await call(
    gatewayUrl,
    klantmanagerToken,
    /* GraphQL */ `
      mutation Open($input: OpenCasusoverlegInput!) {
        openCasusoverleg(input: $input) {
          id
        }
      }
    `,
    { input: { bsn, titel: DEMO_TITEL, grondslag: 'TOESTEMMING' } },
  );
  const id = (opened.openCasusoverleg as { id: string }).id;
  for (const participant of participants) {
    await call(
      gatewayUrl,
      klantmanagerToken,
      /* GraphQL */ `
        mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
          voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
            medewerker
          }
        }
      `,
      { id, medewerker: participant.employeeId, organisatie: participant.organisation },
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  await call(
    gatewayUrl,
    klantmanagerToken,
    /* GraphQL */ `
      mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
        legToestemmingVast(casusoverlegId: $id, input: $input) {
          verlooptOp
        }
      }
    `,
    {
      id,
      input: {
        gegevenOp: today,
        verlooptOp: nextYear,
        partners: ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'],
        wijze: 'SCHRIFTELIJK',
      },
    },
  );
  await call(
    gatewayUrl,
    klantmanagerToken,
    /* GraphQL */ `
      mutation Agenda($id: ID!) {
        voegAgendapuntToe(casusoverlegId: $id, onderwerp: "Schulden en werk: volgorde van aanpak") {
          onderwerp
        }
      }
    `,
    { id },
  );
  return id;
}

const DEMO_TITEL = 'Demo: ketenaanpak werk en schulden';

/** The query a participant sends for the resident's combined situation. */
export const CASUSOVERLEG_QUERY = /* GraphQL */ `
  query Casus($id: ID!) {
    casusoverleg(id: $id) {
      titel
      deelnemers {
        medewerker
        organisatie
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
