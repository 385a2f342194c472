import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../config';
import type { Caller } from './principals';
import type { SigningKey } from './keys';
import { BSN_CLAIM } from './tokens';

export interface LocalTokenOptions {
  /** How long the token is valid (`8h`), or its expiry in epoch seconds. */
  ttl?: string | number;
  issuer?: string;
  audience?: string;
}

/**
 * A token as an identity provider would issue it, signed by a local key: for `npm run token`, the demo
 * tokens of `npm start` and the tests. Never accepted unless the gateway trusts that local key.
 */
export function signEmployeeToken(
  key: SigningKey,
  caller: Caller,
  { ttl = '8h', issuer = LOCAL_ISSUER, audience = DEFAULT_AUDIENCE }: LocalTokenOptions = {},
): Promise<string> {
  return new SignJWT({ org: caller.organisation, roles: caller.roles, gemeenten: caller.gemeenten })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(caller.employeeId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}

/**
 * A resident's token as a municipality's DigiD sign-in would give it: role INWONER and the BSN in the
 * `bsn` claim, no organisation, no gemeenten. `sub` is the sign-in's own pairwise id, never the BSN.
 */
export function signResidentToken(
  key: SigningKey,
  bsn: string,
  { ttl = '15m', issuer = LOCAL_ISSUER, audience = DEFAULT_AUDIENCE }: LocalTokenOptions = {},
): Promise<string> {
  return new SignJWT({ roles: ['INWONER'], [BSN_CLAIM]: bsn })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(`inwoner-${randomUUID()}`)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(key.privateKey);
}
