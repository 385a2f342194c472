import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import { generateSigningKey, signingKeyFromPrivateJwk } from '../platform/auth/keys';
import { userTokenPolicy } from '../platform/auth/setup';
import { logger } from '../platform/logger';
import { stopOnSignal } from '../platform/run';
import { readSupergraph } from './supergraph';
import { startGateway } from './server';

/** Entry point of the gateway as its own process; subgraph URLs come from `<NAME>_URL`. */
async function main(): Promise<void> {
  const config = loadConfig();
  const gateway = await startGateway({
    supergraphSdl: await readSupergraph(),
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].url])),
    port: config.gatewayPort,
    auth: await userTokenPolicy(config.auth),
    // Generated at every start (subgraphs fetch its public half from /.well-known/jwks.json), unless a
    // key file is configured.
    signingKey: config.auth.gatewaySigningKeyFile
      ? await signingKeyFromPrivateJwk(
          JSON.parse(await readFile(config.auth.gatewaySigningKeyFile, 'utf8')) as JWK,
        )
      : await generateSigningKey(`gateway-${Date.now()}`),
  });
  logger.info({ service: 'gateway', port: gateway.port }, 'gateway listening');
  stopOnSignal(gateway);
}

main().catch((error: unknown) => {
  logger.fatal({ service: 'gateway', err: error }, 'gateway failed to start');
  process.exit(1);
});
