/**
 * `npm start`: runs the whole hub on this machine. Without DATABASE_URL it starts an embedded
 * PostgreSQL under .data/, creates and migrates the five partner databases, loads a small synthetic
 * demo population on first start (`-- --reset` starts over), then serves the five subgraphs and the
 * gateway. Ctrl-C stops everything, the embedded server included.
 */
import 'reflect-metadata';
import { signEmployeeToken } from '../platform/auth/local-tokens';
import { localIssuerKey } from '../platform/auth/setup';
import { SUBGRAPH_NAMES, loadConfig, type AuthConfig, type SubgraphName } from '../platform/config';
import type { Caller } from '../platform/auth/principals';
import { ownerUrls } from '../platform/database';
import { Client } from 'pg';
import { openSignaalTransport } from '../platform/signalen/transport-config';
import type { SignaalTransport } from '../platform/signalen/transport';
import { resolveDatabases } from '../hub/database-urls';
import { startHub } from '../hub/start-hub';
import { startTracing, stopTracing } from '../platform/tracing';
import { guardProcess } from '../platform/process';
import { DEMO_PERSONAS } from '../hub/personas';
import { demoSignIn } from '../hub/demo-sign-in';
import {
  CASUSOVERLEG_QUERY,
  demoBsns,
  demoResidentToken,
  ensureDemoCasusoverleg,
  loadDemoPopulation,
  MIJN_INZAGE_QUERY,
} from '../hub/demo';

const EXAMPLE_QUERY = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      bsn
      naam
      gemeente
      uitkeringen {
        regeling
        ingangsdatum
        einddatum
        uitstroomreden
      }
      trajecten {
        soort
        startdatum
        resultaat
      }
      plaatsingen {
        soort
        startdatum
        werkgever {
          naam
        }
      }
      lopendeUitkering {
        regeling
        sinds
      }
      schuldhulpstatus {
        lopend
        fase
      }
      ontwikkeltrajecten {
        soort
        startdatum
      }
    }
  }
`;

/** Tokens of the demo employees, signed by the local issuer the gateway trusts when none is configured. */
async function demoTokens(auth: AuthConfig): Promise<{ label: string; token: string; caller: Caller }[]> {
  if (usesIdentityProvider(auth)) return [];
  const key = await localIssuerKey();
  return Promise.all(
    DEMO_PERSONAS.map(async ({ label, caller }) => ({
      label,
      caller,
      token: await signEmployeeToken(key, caller),
    })),
  );
}

function usesIdentityProvider(auth: AuthConfig): boolean {
  return Boolean(auth.jwksUrl || auth.jwksFile);
}

const VROEGSIGNAAL_MUTATION = /* GraphQL */ `
  mutation Vroegsignaal($input: RegistreerVroegsignaalInput!) {
    registreerVroegsignaal(input: $input) {
      id
    }
  }
`;

const SIGNAAL_SUBSCRIPTION = /* GraphQL */ `
  subscription Signalen {
    signaalOntvangenWerkInkomen {
      id
      regel
      omschrijving
      bsn
      status
    }
  }
`;

const INBOX_QUERY = /* GraphQL */ `
  query Inbox {
    signaleninbox(status: NIEUW) {
      werkInkomen {
        id
        regel
        omschrijving
        bsn
        grondslag
        status
        ontvangenOp
      }
    }
  }
`;

/** The resident's gemeente, as werk-inkomen knows it. */
async function gemeenteVan(url: string, bsn: string): Promise<string | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ gemeente: string }>('select gemeente from inwoner where bsn = $1', [
      bsn,
    ]);
    return rows[0]?.gemeente ?? null;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig();
  // One process, every service: each span carries its own service's name, whatever OTEL_SERVICE_NAME says.
  startTracing({ service: 'gateway', env: { ...process.env, OTEL_SERVICE_NAME: undefined } });
  const databases = await resolveDatabases(config, { reset });
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  let owners: Record<SubgraphName, string>;
  let signalen: SignaalTransport | null = null;
  const stop = async (): Promise<void> => {
    await hub?.close().catch(() => undefined);
    await signalen?.sluit().catch(() => undefined);
    await databases.embedded?.stop().catch(() => undefined);
    await stopTracing().catch(() => undefined);
  };
  let demoResident: Promise<string | null> = Promise.resolve(null);
  try {
    // Bulk loads run as each database's owner; the services answer as the runtime roles.
    owners = ownerUrls(databases.databases);
    // Signals on NATS_URL, SIGNALEN_DATABASE_URL, or a stream database beside the partners' own.
    signalen = await openSignaalTransport(config, config.databaseUrl ?? databases.embedded?.url ?? null, {
      reset,
    });
    hub = await startHub({
      signalen: signalen ? { transport: signalen } : null,
      databases: databases.databases,
      ports: {
        gateway: config.gatewayPort,
        ...(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, config.subgraphs[n].port])) as Record<
          (typeof SUBGRAPH_NAMES)[number],
          number
        >),
      },
      beforeListen: async () => {
        const loaded = await loadDemoPopulation(owners);
        if (loaded) console.log(`Loaded the synthetic demo population (${loaded} residents).`);
        else console.log('Reusing the data already in the databases (npm start -- --reset starts over).');
        demoResident = demoBsns(owners, 1).then((found) => found[0] ?? null);
      },
      // Without an identity provider the web client signs in as a demo persona, with the local issuer.
      ...(usesIdentityProvider(config.auth)
        ? {}
        : { signIn: demoSignIn(await localIssuerKey(), () => demoResident) }),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const bsns = await demoBsns(owners, 3);
  const tokens = await demoTokens(config.auth);
  const inwonerToken =
    tokens.length > 0 && bsns[0] ? await demoResidentToken(await localIssuerKey(), bsns[0]) : null;
  const [klantmanager, trajectbegeleider, schuldhulpverlener] = tokens;
  const casusoverlegId =
    klantmanager && trajectbegeleider && schuldhulpverlener && bsns[0]
      ? await ensureDemoCasusoverleg(
          hub.gateway.url,
          klantmanager.token,
          bsns[0],
          [trajectbegeleider, schuldhulpverlener].map(({ token, caller }) => ({
            token,
            employeeId: caller.employeeId,
            organisation: caller.organisation,
          })),
        )
      : null;
  const gemeente = bsns[0] ? await gemeenteVan(owners['werk-inkomen'], bsns[0]) : null;
  const schuldhulpToken = tokens.find(({ caller }) => caller.roles.includes('SCHULDHULPVERLENER'))?.token;
  const signaalVoorbeeld =
    casusoverlegId && signalen && gemeente && schuldhulpToken && klantmanager
      ? `
Early-warning signals (${signalen.naam}). The resident ${bsns[0] ?? ''} has a benefit and consented in the
case conference, so an arrears signal the Stadsbank registers reaches the KLANTMANAGER as "there is a
signal" (not what). To see it arrive, subscribe as the KLANTMANAGER in another terminal (the stream ends
with the token, or after an hour):
curl -sN ${hub.gateway.url} -H 'content-type: application/json' -H 'accept: text/event-stream' \\
  -H 'x-doelbinding: uitvoering' -H "authorization: Bearer ${klantmanager.token}" \\
  --data '${JSON.stringify({ query: SIGNAAL_SUBSCRIPTION.replace(/\s+/g, ' ').trim() })}'
As the SCHULDHULPVERLENER, register one:
curl -s ${hub.gateway.url} -H 'content-type: application/json' -H 'x-doelbinding: uitvoering' \\
  -H "authorization: Bearer ${schuldhulpToken}" \\
  --data '${JSON.stringify({
    query: VROEGSIGNAAL_MUTATION.replace(/\s+/g, ' '),
    variables: {
      input: {
        bsn: bsns[0],
        gemeente,
        soort: 'HUUR',
        datum: new Date().toISOString().slice(0, 10),
        bedragCenten: 85000,
      },
    },
  })}'
and within a second it is in the KLANTMANAGER's inbox:
curl -s ${hub.gateway.url} -H 'content-type: application/json' -H 'x-doelbinding: uitvoering' \\
  -H "authorization: Bearer ${klantmanager.token}" \\
  --data '${JSON.stringify({ query: INBOX_QUERY.replace(/\s+/g, ' ') })}'
`
      : '';
  console.log(`
Twente chain hub is running. Open the web client and sign in as a demo persona:
  web client: ${new URL('/', hub.gateway.url).toString()}
  gateway:    ${hub.gateway.url}
  database:   ${databases.embedded ? `embedded PostgreSQL in ${databases.embedded.clusterDir}` : 'configured PostgreSQL server'}
  subgraphs:  ${SUBGRAPH_NAMES.map((n) => `${n} ${hub?.subgraphs[n].url}`).join('\n              ')}

Demo BSNs (synthetic) with data at all five partners: ${bsns.join(', ')}

Demo tokens (local issuer, valid 8 hours; make others with npm run token):
${tokens.map(({ label, token }) => `  ${label}:\n    ${token}`).join('\n')}

Example, as the KLANTMANAGER:
curl -s ${hub.gateway.url} -H 'content-type: application/json' -H 'x-doelbinding: uitvoering' \\
  -H "authorization: Bearer ${tokens[0]?.token ?? ''}" \\
  --data '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' '), variables: { bsn: bsns[0] ?? '' } })}'
${
  casusoverlegId && trajectbegeleider
    ? `
A case conference about ${bsns[0] ?? ''} with the resident's consent for all partners; as its SWB participant:
curl -s ${hub.gateway.url} -H 'content-type: application/json' -H 'x-doelbinding: casusoverleg' \\
  -H "authorization: Bearer ${trajectbegeleider.token}" \\
  --data '${JSON.stringify({ query: CASUSOVERLEG_QUERY.replace(/\s+/g, ' '), variables: { id: casusoverlegId } })}'
`
    : ''
}${
    inwonerToken
      ? `
The resident ${bsns[0] ?? ''} (role INWONER, as a municipality's DigiD sign-in gives it), reading who
processed their data at every partner:
curl -s ${hub.gateway.url} -H 'content-type: application/json' \\
  -H "authorization: Bearer ${inwonerToken}" \\
  --data '${JSON.stringify({ query: MIJN_INZAGE_QUERY.replace(/\s+/g, ' ') })}'
`
      : ''
  }${signaalVoorbeeld}
Press Ctrl-C to stop.`);

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the hub...');
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  guardProcess({ close: stop }, 'hub');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
