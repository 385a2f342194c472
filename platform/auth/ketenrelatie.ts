import { createPublicKey, KeyObject, sign, verify, webcrypto } from 'node:crypto';
import DataLoader from 'dataloader';
import type { JWK, KeyLike } from 'jose';
import type { RequestContext } from '../context';
import { logger } from '../logger';
import { decodeSegment, encodeSegment } from './jws';
import { INTERNAL_ALGORITHMS, type SigningAlgorithm, type SigningKey } from './keys';
import { isOrganisatie, type Organisatie } from './principals';

/**
 * The chain relation of a resident (ACCESS.md rule 2): which organisation pays them a benefit today, as
 * werk-inkomen states it. Partners decide the chain view on it, so they never take it unsigned from an
 * entity representation: werk-inkomen signs it with its own key (the one partners know from its JWKS),
 * bound to the resident and to this one request, and every partner verifies it before it decides.
 */
export const KETENRELATIE_ISSUER = 'urn:twente-ketenhub:werk-inkomen';
export const KETENRELATIE_AUDIENCE = 'urn:twente-ketenhub:ketenrelatie';
/** A JOSE `typ` of its own, so neither a consent grant nor any other token can pass for one. */
export const KETENRELATIE_TYPE = 'ketenrelatie+jwt';
const KETENRELATIE_TTL_SECONDS = 60;

type Context = Pick<RequestContext, 'keys' | 'requestId' | 'regels'>;

/*
 * A chain relation is a compact JWS (RFC 7515) that any JWT library verifies, signed and checked here
 * with `node:crypto` as the gateway's proofs are: jose's asynchronous path cost each partner about twice
 * the signature check itself, on every resident of every request. Werk-inkomen's public keys are still
 * found through jose's key set (its JWKS, fetched and cached).
 */

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

/** Each signing key as it signs: its protected header, encoded once, and its key as `node:crypto` takes it. */
const signers = new WeakMap<SigningKey, { header: string; privateKey: KeyObject }>();

function signerOf(key: SigningKey): { header: string; privateKey: KeyObject } {
  let signer = signers.get(key);
  if (!signer) {
    const privateKey = keyObjectOf(key.privateKey);
    if (!privateKey || !fits(privateKey, key.alg)) {
      throw new Error(`werk-inkomen's signing key does not fit ${key.alg}`);
    }
    signer = { header: encodeSegment({ alg: key.alg, kid: key.kid, typ: KETENRELATIE_TYPE }), privateKey };
    signers.set(key, signer);
  }
  return signer;
}

/** Werk-inkomen's signed statement that `organisatie` pays the resident a benefit today. */
export function signKetenrelatie(ctx: Context, bsn: string, organisatie: Organisatie): string {
  const key = ctx.keys.signing;
  const signer = signerOf(key);
  const now = Math.floor(Date.now() / 1000);
  const payload = encodeSegment({
    bsn,
    org: organisatie,
    req: ctx.requestId,
    iss: KETENRELATIE_ISSUER,
    aud: KETENRELATIE_AUDIENCE,
    iat: now,
    exp: now + KETENRELATIE_TTL_SECONDS,
  });
  const input = `${signer.header}.${payload}`;
  const signature = sign(ALGORITHMS[key.alg].digest, Buffer.from(input), {
    key: signer.privateKey,
    dsaEncoding: 'ieee-p1363',
  });
  return `${input}.${signature.toString('base64url')}`;
}

/** The header fields werk-inkomen writes; any other (`crit`, `jku`, `b64`, ...) is refused. */
const HEADER_FIELDS = new Set(['alg', 'kid', 'typ']);

/** The claims of a chain relation werk-inkomen signed and that is valid now, or null. */
async function verifiedClaims(ctx: Context, token: string): Promise<Record<string, unknown> | null> {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [protectedHeader = '', payload = '', signature = ''] = parts;
  const header = decodeSegment(protectedHeader);
  if (
    !header ||
    Object.keys(header).some((field) => !HEADER_FIELDS.has(field)) ||
    header.typ !== KETENRELATIE_TYPE ||
    !isAlgorithm(header.alg) ||
    typeof header.kid !== 'string'
  ) {
    return null;
  }
  const alg = header.alg;
  let key: KeyObject | null;
  try {
    key = keyObjectOf(
      await ctx.keys.toegang(
        { alg, kid: header.kid, typ: KETENRELATIE_TYPE },
        {
          protected: protectedHeader,
          payload,
          signature,
        },
      ),
    );
  } catch {
    return null;
  }
  if (!key || !fits(key, alg)) return null;
  const valid = verify(
    ALGORITHMS[alg].digest,
    Buffer.from(`${protectedHeader}.${payload}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) return null;
  const claims = decodeSegment(payload);
  if (!claims) return null;
  const now = Math.floor(Date.now() / 1000);
  const { iss, aud, exp, nbf, iat } = claims;
  const audiences = Array.isArray(aud) ? aud : [aud];
  if (iss !== KETENRELATIE_ISSUER || !audiences.includes(KETENRELATIE_AUDIENCE)) return null;
  if (typeof exp !== 'number' || exp <= now) return null;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now)) return null;
  if (iat !== undefined && typeof iat !== 'number') return null;
  return claims;
}

/**
 * The organisation a signed chain relation states for this resident in this request, or null: absent,
 * forged, for another resident or request, expired. Null fails closed: the chain view is refused.
 */
export async function verifyKetenrelatie(
  ctx: Context,
  token: unknown,
  bsn: string,
): Promise<Organisatie | null> {
  if (typeof token !== 'string' || !token) return null;
  const claims = await verifiedClaims(ctx, token);
  if (!claims) {
    logger.warn({ service: ctx.regels.subgraph }, 'chain relation not signed by werk-inkomen: ignored');
    return null;
  }
  if (claims.bsn !== bsn || claims.req !== ctx.requestId || !isOrganisatie(claims.org)) {
    logger.warn({ service: ctx.regels.subgraph }, 'chain relation of another resident or request: ignored');
    return null;
  }
  return claims.org;
}

/**
 * The chain relations of one request's representations, verified together: the entities of one
 * `_entities` batch then resolve in the same tick, so their fields' loaders still batch into one
 * statement per relation (each verification finishing on its own would split them).
 */
const verifiers = new WeakMap<Context, DataLoader<{ token: unknown; bsn: string }, Organisatie | null>>();

export function verifyKetenrelatieBatched(
  ctx: Context,
  token: unknown,
  bsn: string,
): Promise<Organisatie | null> {
  let loader = verifiers.get(ctx);
  if (!loader) {
    loader = new DataLoader(
      (items) => Promise.all(items.map((item) => verifyKetenrelatie(ctx, item.token, item.bsn))),
      { cache: false },
    );
    verifiers.set(ctx, loader);
  }
  return loader.load({ token, bsn });
}
