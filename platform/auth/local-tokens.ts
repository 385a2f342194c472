import { SignJWT } from 'jose';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../config';
import type { Caller } from '../context';
import type { SigningKey } from './keys';

/**
 * A token as an identity provider would issue it, signed by a local key: for `npm run token`, the demo
 * tokens of `npm start` and the tests. Never accepted unless the gateway trusts that local key.
 */
export function signEmployeeToken(
  key: SigningKey,
  caller: Caller,
  {
    ttl = '8h',
    issuer = LOCAL_ISSUER,
    audience = DEFAULT_AUDIENCE,
  }: { ttl?: string; issuer?: string; audience?: string } = {},
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
