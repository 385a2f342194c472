import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateSigningKey, ISSUER_ALGORITHM, privateJwkOf, type SigningKey } from '../platform/auth/keys';
import { signEmployeeToken } from '../platform/auth/local-tokens';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import type { Caller } from '../platform/auth/principals';

/** Issuer of the employee tokens the bench presents to our gateway; trusted by that gateway only. */
export const BENCH_ISSUER = 'urn:twente-ketenhub:bench';

/** Keys of one bench run, generated at its start and kept in its temporary folder. */
export interface BenchKeys {
  /** 64 hex characters per subgraph: the key of the gateway's proofs to it (ours and the peers hold all). */
  proofKeys: Record<SubgraphName, string>;
  /** Public JWKS of the bench's identity provider, for our gateway's AUTH_JWKS_FILE. */
  issuerJwksFile: string;
  issuer: SigningKey;
  /** 64 hex characters per subgraph: each partner has its own pseudonym key. */
  pseudonymKeys: Record<SubgraphName, string>;
  /** Password of each subgraph's runtime role, so that none is kept under .data. */
  databasePasswords: Record<SubgraphName, string>;
  /** Werk-inkomen's signing key as a private JWK file: the services run in production, which needs one. */
  werkInkomenSigningKeyFile: string;
}

export async function createBenchKeys(dir: string): Promise<BenchKeys> {
  const issuer = await generateSigningKey(`bench-issuer-${Date.now()}`, ISSUER_ALGORITHM);
  const issuerJwksFile = join(dir, 'issuer-jwks.json');
  await writeFile(issuerJwksFile, JSON.stringify(issuer.publicJwks));
  const werkInkomenSigningKeyFile = join(dir, 'werk-inkomen-signing-key.json');
  const werkInkomen = await generateSigningKey(`bench-werk-inkomen-${Date.now()}`);
  await writeFile(werkInkomenSigningKeyFile, JSON.stringify(await privateJwkOf(werkInkomen)), {
    mode: 0o600,
  });
  const perSubgraph = (): Record<SubgraphName, string> =>
    Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, randomBytes(32).toString('hex')])) as Record<
      SubgraphName,
      string
    >;
  return {
    proofKeys: perSubgraph(),
    issuerJwksFile,
    issuer,
    pseudonymKeys: perSubgraph(),
    databasePasswords: perSubgraph(),
    werkInkomenSigningKeyFile,
  };
}

/** An employee's bearer token, valid for longer than any bench run. */
export function employeeToken(keys: BenchKeys, caller: Caller): Promise<string> {
  return signEmployeeToken(keys.issuer, caller, { issuer: BENCH_ISSUER, ttl: '4h' });
}
