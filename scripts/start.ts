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
import { resolveDatabases } from '../hub/database-urls';
import { startHub } from '../hub/start-hub';
import { startTracing, stopTracing } from '../platform/tracing';
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

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const config = loadConfig();
  // One process, every service: each span carries its own service's name, whatever OTEL_SERVICE_NAME says.
  startTracing({ service: 'gateway', env: { ...process.env, OTEL_SERVICE_NAME: undefined } });
  const databases = await resolveDatabases(config, { reset });
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  let owners: Record<SubgraphName, string>;
  const stop = async (): Promise<void> => {
    await hub?.close().catch(() => undefined);
    await databases.embedded?.stop().catch(() => undefined);
    await stopTracing().catch(() => undefined);
  };
  let demoResident: Promise<string | null> = Promise.resolve(null);
  try {
    // Bulk loads run as each database's owner; the services answer as the runtime roles.
    owners = ownerUrls(databases.databases);
    hub = await startHub({
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
  }
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
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
