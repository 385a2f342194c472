import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export const SIGNING_ALGORITHM = 'ES256';

/** A key pair for signing tokens; `publicJwks` is what verifiers get. */
export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  publicJwks: { keys: JWK[] };
}

/** A fresh ES256 key pair, kept in memory only (the gateway's and werk-inkomen's per-process keys). */
export async function generateSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALGORITHM, use: 'sig' };
  return { kid, privateKey, publicJwks: { keys: [jwk] } };
}

/**
 * A key pair kept in a local file (git-ignored), generated on first use: the local token issuer of
 * `npm run token`. Production uses the organisations' own identity provider instead.
 */
export async function fileSigningKey(file: string, kid: string): Promise<SigningKey> {
  if (existsSync(file)) {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    return {
      kid,
      privateKey: (await importJWK(stored.privateJwk, SIGNING_ALGORITHM)) as KeyLike,
      publicJwks: { keys: [stored.publicJwk] },
    };
  }
  const key = await generateSigningKey(kid);
  const privateJwk = { ...(await exportJWK(key.privateKey)), kid, alg: SIGNING_ALGORITHM };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ privateJwk, publicJwk: key.publicJwks.keys[0] }), { mode: 0o600 });
  return key;
}
