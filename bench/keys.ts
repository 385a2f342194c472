import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import {
  generateSigningKey,
  ISSUER_ALGORITHM,
  privateJwkOf,
  signingKeyFromPrivateJwk,
  type SigningKey,
} from '../platform/auth/keys';
import { signEmployeeToken } from '../platform/auth/local-tokens';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import type { Caller } from '../platform/context';

/** Issuer of the employee tokens the bench presents to our gateway; trusted by that gateway only. */
export const BENCH_ISSUER = 'urn:twente-ketenhub:bench';

/** Keys of one bench run, generated at its start and kept in its temporary folder. */
export interface BenchKeys {
  /** The gateway's signing key as a private JWK: our gateway signs with it, and so does the driver for peers. */
  gatewayKeyFile: string;
  /** Public JWKS of the bench's identity provider, for our gateway's AUTH_JWKS_FILE. */
  issuerJwksFile: string;
  issuer: SigningKey;
  /** 64 hex characters per subgraph: each partner has its own pseudonym key. */
  pseudonymKeys: Record<SubgraphName, string>;
}

export async function createBenchKeys(dir: string): Promise<BenchKeys> {
  const gateway = await generateSigningKey(`bench-gateway-${Date.now()}`);
  const issuer = await generateSigningKey(`bench-issuer-${Date.now()}`, ISSUER_ALGORITHM);
  const gatewayKeyFile = join(dir, 'gateway-signing-key.json');
  await writeFile(gatewayKeyFile, JSON.stringify(await privateJwkOf(gateway)), { mode: 0o600 });
  const issuerJwksFile = join(dir, 'issuer-jwks.json');
  await writeFile(issuerJwksFile, JSON.stringify(issuer.publicJwks));
  const pseudonymKeys = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, randomBytes(32).toString('hex')]),
  ) as Record<SubgraphName, string>;
  return { gatewayKeyFile, issuerJwksFile, issuer, pseudonymKeys };
}

/** The private JWK file of `createBenchKeys` as a signing key (the driver signs peers' statements). */
export async function readSigningKey(file: string): Promise<SigningKey> {
  return signingKeyFromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
}

/** An employee's bearer token, valid for longer than any bench run. */
export function employeeToken(keys: BenchKeys, caller: Caller): Promise<string> {
  return signEmployeeToken(keys.issuer, caller, { issuer: BENCH_ISSUER, ttl: '4h' });
}
