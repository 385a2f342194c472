import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { envPrefix, SUBGRAPH_NAMES, type AuthConfig, type SubgraphName } from '../config';
import type { SubgraphKeys } from '../context';
import { DATA_DIR } from '../paths';
import type { JWK } from 'jose';
import { fileSigningKey, generateSigningKey, signingKeyFromPrivateJwk, type SigningKey } from './keys';
import { generateProofKey, proofKey, type ProofKey } from './proofs';
import { keyResolver, type UserTokenPolicy } from './tokens';

const KEYS_DIR = join(DATA_DIR, 'keys');

/**
 * With `NODE_ENV=production` the hub fails closed: anything meant for one machine is refused at start,
 * in one line that says what to configure instead.
 */
function refuseInProduction(config: AuthConfig, what: string, instead: string): void {
  if (config.production) throw new Error(`NODE_ENV=production: refusing ${what}; ${instead}.`);
}

/** Key material may come over plain HTTP from this machine only; from anywhere else it takes HTTPS. */
function trustedKeysUrl(config: AuthConfig, url: string, variable: string): string {
  const { protocol, hostname } = new URL(url);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(hostname);
  if (protocol !== 'https:' && !(protocol === 'http:' && loopback)) {
    refuseInProduction(config, `keys fetched over plain HTTP from ${hostname} (${variable})`, 'use https');
  }
  return url;
}

/** The key pair of the local development issuer, generated on first use and never committed. */
export function localIssuerKey(): Promise<SigningKey> {
  return fileSigningKey(join(KEYS_DIR, 'local-issuer.json'), 'lokaal-1');
}

/**
 * A key of 32 random bytes kept under .data/keys (mode 0600), generated on first use: what a hub on one
 * machine uses where no key is configured, so that its separate processes, and a restarted hub, share it.
 */
async function localKey(file: string): Promise<Buffer> {
  const path = join(KEYS_DIR, file);
  if (existsSync(path)) return Buffer.from((await readFile(path, 'utf8')).trim(), 'hex');
  const key = randomBytes(32);
  await mkdir(KEYS_DIR, { recursive: true });
  await writeFile(path, key.toString('hex'), { mode: 0o600 });
  return key;
}

/**
 * A subgraph's own pseudonym key: the configured one, or a local one, so that a restarted hub still
 * finds its residents' earlier lines.
 */
export async function loadPseudonymKey(config: AuthConfig, name: SubgraphName): Promise<Buffer> {
  const configured = config.pseudonymKeys[name];
  if (configured) return configured;
  refuseInProduction(config, `a generated pseudonym key for ${name}`, `set ${envPrefix(name)}_PSEUDONYM_KEY`);
  return localKey(`pseudonym-${name}.key`);
}

/** The key of the gateway's proofs to one subgraph: the configured one, or a local one. */
export async function loadProofKey(config: AuthConfig, name: SubgraphName): Promise<ProofKey> {
  const configured = config.proofKeys[name];
  if (configured) return proofKey(configured);
  refuseInProduction(config, `a generated proof key for ${name}`, `set ${envPrefix(name)}_PROOF_KEY`);
  return proofKey(await localKey(`proof-${name}.key`));
}

/** A subgraph's own signing key: the configured private JWK, or one generated for this process. */
async function loadSigningKey(config: AuthConfig, name: SubgraphName): Promise<SigningKey> {
  const file = config.signingKeyFiles[name];
  if (file) return signingKeyFromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  // Only werk-inkomen's key is trusted by others; a fresh one per process would differ per replica.
  if (name === 'werk-inkomen') {
    refuseInProduction(
      config,
      'a generated signing key for werk-inkomen',
      'set WERK_INKOMEN_SIGNING_KEY_FILE',
    );
  }
  return generateSigningKey(`${name}-${Date.now()}`);
}

/** The gateway's proof keys, one per subgraph, as a gateway of its own process finds them. */
export async function gatewayProofKeys(config: AuthConfig): Promise<Record<SubgraphName, ProofKey>> {
  return Object.fromEntries(
    await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await loadProofKey(config, name)])),
  ) as Record<SubgraphName, ProofKey>;
}

/** How the gateway verifies employees' tokens: the configured identity provider, or the local issuer. */
export async function userTokenPolicy(config: AuthConfig): Promise<UserTokenPolicy> {
  if (config.jwksUrl) {
    const url = trustedKeysUrl(config, config.jwksUrl, 'AUTH_JWKS_URL');
    return { keys: keyResolver({ url }), issuer: config.issuer, audience: config.audience };
  }
  if (config.jwksFile) {
    const jwks = JSON.parse(await readFile(config.jwksFile, 'utf8')) as { keys: object[] };
    return { keys: keyResolver({ jwks }), issuer: config.issuer, audience: config.audience };
  }
  refuseInProduction(
    config,
    'the local development issuer',
    'set AUTH_JWKS_URL (or AUTH_JWKS_FILE) and AUTH_ISSUER of the identity provider',
  );
  const local = await localIssuerKey();
  return { keys: keyResolver({ jwks: local.publicJwks }), issuer: config.issuer, audience: config.audience };
}

/** Keys of a subgraph running as its own process: werk-inkomen's public key is fetched from its JWKS URL. */
export async function standaloneSubgraphKeys(
  config: AuthConfig,
  ownName: SubgraphName,
): Promise<SubgraphKeys> {
  const signing = await loadSigningKey(config, ownName);
  return {
    proof: await loadProofKey(config, ownName),
    toegang:
      ownName === 'werk-inkomen'
        ? keyResolver({ jwks: signing.publicJwks })
        : keyResolver({ url: trustedKeysUrl(config, config.toegangJwksUrl, 'WERK_INKOMEN_JWKS_URL') }),
    signing,
    pseudonym: await loadPseudonymKey(config, ownName),
  };
}

/**
 * Keys of a hub whose services share one process: proof keys as configured, else (like the signing
 * keys) generated at start and handed over in memory; each subgraph's own pseudonym key as given (tests generate them), else as configured
 * or kept under .data/keys.
 */
export async function inProcessKeys(
  config: AuthConfig,
  pseudonymKeys?: Record<SubgraphName, Buffer>,
): Promise<{ proofs: Record<SubgraphName, ProofKey>; subgraphs: Record<SubgraphName, SubgraphKeys> }> {
  refuseInProduction(config, 'keys generated for a hub in one process', 'run each service on its own');
  // A configured key is honoured, so another process (a gateway of its own, partner:check --url) can
  // sign with it; else one in memory.
  const proofs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => {
      const configured = config.proofKeys[name];
      return [name, configured ? proofKey(configured) : generateProofKey()];
    }),
  ) as Record<SubgraphName, ProofKey>;
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
  const toegangKeys = keyResolver({ jwks: signing['werk-inkomen'].publicJwks });
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [
      name,
      { proof: proofs[name], toegang: toegangKeys, signing: signing[name], pseudonym: pseudonym[name] },
    ]),
  ) as Record<SubgraphName, SubgraphKeys>;
  return { proofs, subgraphs };
}
