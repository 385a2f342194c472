import { createPublicKey, KeyObject, sign, verify, webcrypto } from 'node:crypto';
import type { JWK, JWTVerifyGetKey, KeyLike } from 'jose';
import { INTERNAL_ALGORITHMS, type SigningAlgorithm, type SigningKey } from './keys';

/*
 * Compact JWS (RFC 7515) as the project signs and checks its own tokens with `node:crypto`: the
 * gateway's proofs (HMAC) and werk-inkomen's tokens for the partners (chain relations, consent and log
 * grants; ES256 or EdDSA). Any JWT library reads them. jose's asynchronous path cost each partner about
 * twice the signature check itself; werk-inkomen's public keys are still found through jose's key set
 * (its JWKS, fetched and cached).
 */

/** A header or payload as a JWS segment. */
export function encodeSegment(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The JSON object a JWS segment holds, or null when it holds anything else (or is no JSON at all). */
export function decodeSegment(segment: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** One kind of token werk-inkomen signs: a JOSE `typ` of its own, so no other kind passes for it. */
export interface TokenKind {
  type: string;
  issuer: string;
  audience: string;
}

/** How `node:crypto` signs and checks each internal algorithm (RFC 7518 section 3.4, RFC 8037). */
const ALGORITHMS: Record<SigningAlgorithm, { digest: string | null; keyType: string; curve?: string }> = {
  ES256: { digest: 'sha256', keyType: 'ec', curve: 'prime256v1' },
  EdDSA: { digest: null, keyType: 'ed25519' },
};

const isAlgorithm = (alg: unknown): alg is SigningAlgorithm =>
  typeof alg === 'string' && (INTERNAL_ALGORITHMS as string[]).includes(alg);

/** A key as `node:crypto` takes it; null for a secret (an internal algorithm is never symmetric). */
function keyObjectOf(key: KeyLike | Uint8Array | JWK): KeyObject | null {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) return null;
  if (key instanceof webcrypto.CryptoKey) return KeyObject.from(key);
  const jwk = key as JWK;
  if (typeof jwk.kty !== 'string' || jwk.kty === 'oct') return null;
  return jwk.d === undefined ? createPublicKey({ key: { ...jwk }, format: 'jwk' }) : null;
}

/** Whether `key` is of the type and curve `alg` signs with: a key of the set is never used otherwise. */
function fits(key: KeyObject, alg: SigningAlgorithm): boolean {
  const { keyType, curve } = ALGORITHMS[alg];
  return key.asymmetricKeyType === keyType && (!curve || key.asymmetricKeyDetails?.namedCurve === curve);
}

/** Each signing key as `node:crypto` takes it, and its protected header per kind, encoded once. */
const signers = new WeakMap<SigningKey, { privateKey: KeyObject; headers: Map<string, string> }>();

function signerOf(key: SigningKey, type: string): { header: string; privateKey: KeyObject } {
  let signer = signers.get(key);
  if (!signer) {
    const privateKey = keyObjectOf(key.privateKey);
    if (!privateKey || !fits(privateKey, key.alg)) throw new Error(`The signing key does not fit ${key.alg}`);
    signer = { privateKey, headers: new Map() };
    signers.set(key, signer);
  }
  let header = signer.headers.get(type);
  if (!header) {
    header = encodeSegment({ alg: key.alg, kid: key.kid, typ: type });
    signer.headers.set(type, header);
  }
  return { header, privateKey: signer.privateKey };
}

/** Signs `claims` as a token of `kind`, issued now and valid for `ttlSeconds`. */
export function signToken(
  key: SigningKey,
  kind: TokenKind,
  claims: Record<string, unknown>,
  ttlSeconds: number,
): string {
  const { header, privateKey } = signerOf(key, kind.type);
  const now = Math.floor(Date.now() / 1000);
  const payload = encodeSegment({
    ...claims,
    iss: kind.issuer,
    aud: kind.audience,
    iat: now,
    exp: now + ttlSeconds,
  });
  const input = `${header}.${payload}`;
  const signature = sign(ALGORITHMS[key.alg].digest, Buffer.from(input), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/** The header fields werk-inkomen writes; any other (`crit`, `jku`, `b64`, ...) is refused. */
const HEADER_FIELDS = new Set(['alg', 'kid', 'typ']);

export interface VerifyOptions {
  /** Claims the token must have, besides `exp`. */
  requiredClaims?: readonly string[];
  /** Refused as expired when issued (`iat`) longer ago than this. */
  maxAgeSeconds?: number;
}

/**
 * What checking a token came to: its claims, or why it counts for nothing. `expired` only for a token
 * whose signature and kind hold (so the reason says nothing about a forgery).
 */
export type Verified = { claims: Record<string, unknown> } | { failure: 'invalid' | 'expired' };

const INVALID: Verified = { failure: 'invalid' };
const EXPIRED: Verified = { failure: 'expired' };

/**
 * Checks a token of `kind` against the key set `keys`: the header (only alg, kid and typ; the kind's
 * `typ`; an internal algorithm), the signature with a key of the set that fits the algorithm, then
 * issuer, audience, expiry (`exp` in the future), `nbf`, `iat` and the required claims.
 */
export async function verifyToken(
  keys: JWTVerifyGetKey,
  token: string,
  kind: TokenKind,
  { requiredClaims = [], maxAgeSeconds }: VerifyOptions = {},
): Promise<Verified> {
  const parts = token.split('.');
  if (parts.length !== 3) return INVALID;
  const [protectedHeader = '', payload = '', signature = ''] = parts;
  const header = decodeSegment(protectedHeader);
  if (
    !header ||
    Object.keys(header).some((field) => !HEADER_FIELDS.has(field)) ||
    header.typ !== kind.type ||
    !isAlgorithm(header.alg) ||
    typeof header.kid !== 'string'
  ) {
    return INVALID;
  }
  const alg = header.alg;
  let key: KeyObject | null;
  try {
    key = keyObjectOf(
      await keys(
        { alg, kid: header.kid, typ: kind.type },
        { protected: protectedHeader, payload, signature },
      ),
    );
  } catch {
    return INVALID;
  }
  if (!key || !fits(key, alg)) return INVALID;
  const valid = verify(
    ALGORITHMS[alg].digest,
    Buffer.from(`${protectedHeader}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return INVALID;
  const claims = decodeSegment(payload);
  if (!claims) return INVALID;
  const { iss, aud, exp, nbf, iat } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (iss !== kind.issuer || !audiences.includes(kind.audience)) return INVALID;
  if (requiredClaims.some((claim) => claims[claim] === undefined)) return INVALID;
  if (typeof exp !== 'number') return INVALID;
  if (nbf !== undefined && typeof nbf !== 'number') return INVALID;
  if (iat !== undefined && typeof iat !== 'number') return INVALID;
  const now = Math.floor(Date.now() / 1000);
  if (nbf !== undefined && nbf > now) return INVALID;
  if (maxAgeSeconds !== undefined) {
    if (iat === undefined || iat > now) return INVALID;
    if (now - iat > maxAgeSeconds) return EXPIRED;
  }
  if (exp <= now) return EXPIRED;
  return { claims };
}
