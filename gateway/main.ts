import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { importJWK, type JWK, type KeyLike } from 'jose';
import { loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import { generateSigningKey, SIGNING_ALGORITHM, type SigningKey } from '../platform/auth/keys';
import { userTokenPolicy } from '../platform/auth/setup';
import { stopOnSignal } from '../platform/run';
import { readSupergraph } from './supergraph';
import { startGateway } from './server';

/**
 * The signing key of a private JWK file (GATEWAY_SIGNING_KEY_FILE): its public half is the same JWK
 * without the private component `d`.
 */
async function signingKeyFromFile(file: string): Promise<SigningKey> {
  const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  if (!jwk.kid || !jwk.d) throw new Error(`${file} is not a private JWK with a kid`);
  const publicJwk: JWK = { ...jwk };
  delete publicJwk.d;
  return {
    kid: jwk.kid,
    privateKey: (await importJWK(jwk, SIGNING_ALGORITHM)) as KeyLike,
    publicJwks: { keys: [{ ...publicJwk, alg: SIGNING_ALGORITHM, use: 'sig' }] },
  };
}

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
      ? await signingKeyFromFile(config.auth.gatewaySigningKeyFile)
      : await generateSigningKey(`gateway-${Date.now()}`),
  });
  console.log(JSON.stringify({ msg: 'gateway listening', port: gateway.port }));
  stopOnSignal(gateway);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ msg: 'gateway failed to start', error: String(error) }));
  process.exit(1);
});
