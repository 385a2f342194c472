import { createHash } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { isValidBsn } from '../bsn';
import { type Principal, type Resident, isOrganisatie, isRol, rollenPassenNiet } from './principals';
import { unauthenticated } from '../errors';
import { gemeenteNaam } from '../gemeenten';
import { uitkeringsorganisatieVan } from './policy';

/** Where verification keys come from: a JWKS document in memory or at a URL. */
export type KeySource = { jwks: { keys: object[] } } | { url: string };

export function keyResolver(source: KeySource): JWTVerifyGetKey {
  return 'url' in source
    ? createRemoteJWKSet(new URL(source.url), { cooldownDuration: 1000, cacheMaxAge: 10 * 60_000 })
    : createLocalJWKSet(source.jwks as Parameters<typeof createLocalJWKSet>[0]);
}

function stringList(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : null;
}

/** The claim that carries a resident's BSN, as a municipality's DigiD sign-in gives it. */
export const BSN_CLAIM = 'bsn';

/** A resident: role INWONER alone and a valid BSN, with no organisation or gemeenten beside them. */
function residentFromClaims(claims: JWTPayload, roles: string[]): Resident | null {
  const bsn = claims[BSN_CLAIM];
  if (roles.length !== 1 || claims.org !== undefined || claims.gemeenten !== undefined) return null;
  return isValidBsn(bsn) ? { bsn, roles: ['INWONER'] } : null;
}

/**
 * The caller of ACCESS.md from verified claims, or null when a claim is missing, unknown or does not
 * fit the others: an employee (`sub`, `org`, `roles`, `gemeenten`, no BSN) or a resident (`roles`
 * `["INWONER"]` and `bsn` only).
 */
export function callerFromClaims(claims: JWTPayload): Principal | null {
  const roles = stringList(claims.roles);
  if (roles?.includes('INWONER')) return residentFromClaims(claims, roles);
  const gemeenten = stringList(claims.gemeenten);
  if (claims[BSN_CLAIM] !== undefined) return null;
  if (typeof claims.sub !== 'string' || !claims.sub || !isOrganisatie(claims.org)) return null;
  if (!roles || roles.length === 0 || !roles.every(isRol) || !gemeenten) return null;
  const organisation = claims.org;
  if (rollenPassenNiet(organisation, roles)) return null;
  // Known municipalities only, and a municipal organisation's staff work for its own municipalities.
  if (!gemeenten.every((code) => gemeenteNaam(code) !== null)) return null;
  if (
    organisation.startsWith('wi-') &&
    !gemeenten.every((code) => uitkeringsorganisatieVan(code) === organisation)
  )
    return null;
  return { employeeId: claims.sub, organisation, roles, gemeenten };
}

export interface UserTokenPolicy {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
}

/** Verifies a user's bearer token (signature, issuer, audience, expiry) and reads its claims. */
export async function verifyUserToken(
  authorization: string | undefined,
  policy: UserTokenPolicy,
): Promise<Principal> {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization.trim()) : null;
  if (!match?.[1]) throw unauthenticated('A bearer token is required.');
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(match[1], policy.keys, {
      issuer: policy.issuer,
      audience: policy.audience,
      algorithms: ['RS256', 'ES256'],
      requiredClaims: ['exp', 'sub'],
    }));
  } catch {
    // The reason (expired, bad signature, wrong audience) stays in the server's own knowledge.
    throw unauthenticated('The bearer token is not valid.');
  }
  const caller = callerFromClaims(claims);
  if (!caller) {
    throw unauthenticated(
      'The bearer token lacks valid claims: org, roles and gemeenten of an employee, or role INWONER and bsn of a resident.',
    );
  }
  return caller;
}

/** Largest number of verified tokens the gateway remembers (a few MB at most: see `userTokenVerifier`). */
export const VERIFIED_TOKENS_MAX = 10_000;

/**
 * `verifyUserToken` with a memory of tokens already verified, until their expiry: an employee sends the
 * same token for hours, and its signature need not be checked on every request. A token is only ever
 * remembered after it passed every check, and never past its `exp`. The memory is bounded in entries,
 * and in bytes too: a token is kept by its SHA-256 (however long the header), with the verified caller.
 */
export function userTokenVerifier(
  policy: UserTokenPolicy,
  maxEntries = VERIFIED_TOKENS_MAX,
): ((authorization: string | undefined) => Promise<Principal>) & { readonly size: number } {
  const verified = new Map<string, { caller: Principal; expiresAt: number }>();
  const verify = async (authorization: string | undefined): Promise<Principal> => {
    const key = authorization ? createHash('sha256').update(authorization).digest('base64') : '';
    const remembered = key ? verified.get(key) : undefined;
    if (remembered && remembered.expiresAt > Date.now()) return remembered.caller;
    if (remembered) verified.delete(key);
    const caller = await verifyUserToken(authorization, policy);
    const token = (authorization as string).trim().split(/\s+/)[1] as string;
    const { exp } = decodeJwt(token);
    if (typeof exp === 'number') {
      // Oldest first: a Map iterates in insertion order.
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
      verified.set(key, { caller, expiresAt: exp * 1000 });
    }
    return caller;
  };
  return Object.defineProperty(verify, 'size', { get: () => verified.size }) as typeof verify & {
    readonly size: number;
  };
}
