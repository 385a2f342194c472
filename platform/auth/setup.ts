import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBGRAPH_NAMES, type AuthConfig, type SubgraphName } from '../config';
import type { SubgraphKeys } from '../context';
import { DATA_DIR } from '../paths';
import { fileSigningKey, generateSigningKey, type SigningKey } from './keys';
import { keyResolver, type UserTokenPolicy } from './tokens';

const KEYS_DIR = join(DATA_DIR, 'keys');

/** The key pair of the local development issuer, generated on first use and never committed. */
export function localIssuerKey(): Promise<SigningKey> {
  return fileSigningKey(join(KEYS_DIR, 'local-issuer.json'), 'lokaal-1');
}

/**
 * A subgraph's own pseudonym key: the configured one, or a local one generated on first use and kept
 * under .data/keys, so that a restarted hub still finds its residents' earlier lines.
 */
export async function loadPseudonymKey(config: AuthConfig, name: SubgraphName): Promise<Buffer> {
  const configured = config.pseudonymKeys[name];
  if (configured) return configured;
  const file = join(KEYS_DIR, `pseudonym-${name}.key`);
  if (existsSync(file)) return Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  const key = randomBytes(32);
  await mkdir(KEYS_DIR, { recursive: true });
  await writeFile(file, key.toString('hex'), { mode: 0o600 });
  return key;
}

/** How the gateway verifies employees' tokens: the configured identity provider, or the local issuer. */
export async function userTokenPolicy(config: AuthConfig): Promise<UserTokenPolicy> {
  if (config.jwksUrl)
    return { keys: keyResolver({ url: config.jwksUrl }), issuer: config.issuer, audience: config.audience };
  if (config.jwksFile) {
    const jwks = JSON.parse(await readFile(config.jwksFile, 'utf8')) as { keys: object[] };
    return { keys: keyResolver({ jwks }), issuer: config.issuer, audience: config.audience };
  }
  const local = await localIssuerKey();
  return { keys: keyResolver({ jwks: local.publicJwks }), issuer: config.issuer, audience: config.audience };
}

/** Keys of a subgraph running as its own process: peers' public keys are fetched from their JWKS URLs. */
export async function standaloneSubgraphKeys(
  config: AuthConfig,
  ownName: SubgraphName,
): Promise<SubgraphKeys> {
  const signing = await generateSigningKey(`${ownName}-${Date.now()}`);
  return {
    gateway: keyResolver({ url: config.gatewayJwksUrl }),
    toegang:
      ownName === 'werk-inkomen'
        ? keyResolver({ jwks: signing.publicJwks })
        : keyResolver({ url: config.toegangJwksUrl }),
    signing,
    pseudonym: await loadPseudonymKey(config, ownName),
  };
}

/**
 * Keys of a hub whose services share one process: signing keys generated at start, handed over in
 * memory; each subgraph's own pseudonym key as given (tests generate them), else as configured or kept
 * under .data/keys.
 */
export async function inProcessKeys(
  config: AuthConfig,
  pseudonymKeys?: Record<SubgraphName, Buffer>,
): Promise<{ gateway: SigningKey; subgraphs: Record<SubgraphName, SubgraphKeys> }> {
  const gateway = await generateSigningKey(`gateway-${Date.now()}`);
  const pseudonym = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => [
        name,
        pseudonymKeys?.[name] ?? (await loadPseudonymKey(config, name)),
      ]),
    ),
  ) as Record<SubgraphName, Buffer>;
  const signing = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => [name, await generateSigningKey(`${name}-${Date.now()}`)]),
    ),
  ) as Record<SubgraphName, SigningKey>;
  const gatewayKeys = keyResolver({ jwks: gateway.publicJwks });
  const toegangKeys = keyResolver({ jwks: signing['werk-inkomen'].publicJwks });
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      { gateway: gatewayKeys, toegang: toegangKeys, signing: signing[name], pseudonym: pseudonym[name] },
    ]),
  ) as Record<SubgraphName, SubgraphKeys>;
  return { gateway, subgraphs };
}
