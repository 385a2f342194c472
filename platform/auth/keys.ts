import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export type SigningAlgorithm = 'ES256' | 'EdDSA';

/** Employees' tokens, as identity providers issue them (and so the local development issuer). */
export const ISSUER_ALGORITHM: SigningAlgorithm = 'ES256';

/**
 * Keys the hub generates for its own services' tokens (werk-inkomen's chain relations and consent
 * grants): ES256, which OpenSSL verifies in about two thirds of Ed25519's time on x86 (65 against 105 µs
 * here), and every partner a resident's request reaches verifies one.
 */
export const INTERNAL_ALGORITHM: SigningAlgorithm = 'ES256';

/** What the services accept of each other: a key file of either kind keeps working. */
export const INTERNAL_ALGORITHMS: SigningAlgorithm[] = ['ES256', 'EdDSA'];

/** A key pair for signing tokens; `publicJwks` is what verifiers get. */
export interface SigningKey {
  kid: string;
  alg: SigningAlgorithm;
  privateKey: KeyLike;
  publicJwks: { keys: JWK[] };
}

/** A fresh key pair, kept in memory only (by default for the services' own tokens). */
export async function generateSigningKey(
  kid: string,
  alg: SigningAlgorithm = INTERNAL_ALGORITHM,
): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  return { kid, alg, privateKey, publicJwks: { keys: [jwk] } };
}

/** The private JWK of a key, to keep it in a file. */
export async function privateJwkOf(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.privateKey)), kid: key.kid, alg: key.alg };
}

/** A signing key from a private JWK (with `kid` and `alg`); its public half is the JWK without `d`. */
export async function signingKeyFromPrivateJwk(jwk: JWK): Promise<SigningKey> {
  if (!jwk.kid || !jwk.d || (jwk.alg !== 'ES256' && jwk.alg !== 'EdDSA')) {
    throw new Error('A signing key is a private JWK with kid and alg ES256 or EdDSA');
  }
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid,
    alg: jwk.alg,
    privateKey: (await importJWK(jwk, jwk.alg)) as KeyLike,
    publicJwks: { keys: [{ ...publicJwk, use: 'sig' }] },
  };
}

/**
 * A key pair kept in a local file (git-ignored), generated on first use: the local token issuer of
 * `npm run token`. Production uses the organisations' own identity provider instead.
 */
export async function fileSigningKey(file: string, kid: string): Promise<SigningKey> {
  if (existsSync(file)) return signingKeyFromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  const key = await generateSigningKey(kid, ISSUER_ALGORITHM);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(await privateJwkOf(key)), { mode: 0o600 });
  return key;
}
