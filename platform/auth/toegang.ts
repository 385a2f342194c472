import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { isValidBsn } from '../bsn';
import { SUBGRAPH_NAMES, type SubgraphName } from '../config';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import { medewerker } from './inwoner';
import { INTERNAL_ALGORITHMS } from './keys';
import { CASUSROLLEN, heeftCasusrol } from './principals';

/** The case conferences live in werk-inkomen, so only its key signs consent grants. */
export const TOEGANG_ISSUER = 'urn:twente-ketenhub:werk-inkomen:casusoverleg';
export const TOEGANG_AUDIENCE = 'urn:twente-ketenhub:casusinzage';
/** A JOSE `typ` of its own, so no other token signed by the same key can pass as a grant. */
export const TOEGANG_TYPE = 'casusinzage+jwt';
/** One request's subgraph fetches take well under this; a grant lives no longer than the request. */
export const TOEGANG_TTL_SECONDS = 60;
/** The only purpose for which a grant opens anything (ACCESS.md rule 3). */
export const CASUSOVERLEG_PURPOSE = 'casusoverleg';

/** What a verified consent grant states: whose data, for which conference, which partners, for whom. */
export interface ConsentGrant {
  bsn: string;
  casusoverlegId: string;
  /** The subgraphs whose detail data the grant opens. */
  partners: SubgraphName[];
  /** `sub`: the participant the grant was issued to. */
  employeeId: string;
  organisation: string;
  /** `req`: the gateway request the grant was issued in; it is worthless in any other. */
  requestId: string;
}

/** What the subgraph holding the conference decided to open; the rest comes from the request. */
export interface ConsentScope {
  bsn: string;
  casusoverlegId: string;
  partners: SubgraphName[];
}

type SigningContext = Pick<RequestContext, 'keys' | 'caller' | 'requestId'>;
type VerifyingContext = Pick<RequestContext, 'keys' | 'caller' | 'requestId' | 'purpose'>;

/**
 * Signs a grant for the current caller and request with the subgraph's own key. Binding `sub` and
 * `req` here, from the verified context, means no caller input can widen who or when it applies to.
 */
export function signToegang(ctx: SigningContext, scope: ConsentScope): Promise<string> {
  const key = ctx.keys.signing;
  const caller = medewerker(ctx);
  return new SignJWT({
    bsn: scope.bsn,
    cso: scope.casusoverlegId,
    partners: scope.partners,
    org: caller.organisation,
    req: ctx.requestId,
  })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: TOEGANG_TYPE })
    .setSubject(caller.employeeId)
    .setIssuer(TOEGANG_ISSUER)
    .setAudience(TOEGANG_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${TOEGANG_TTL_SECONDS}s`)
    .sign(key.privateKey);
}

function isSubgraphList(value: unknown): value is SubgraphName[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'string' && (SUBGRAPH_NAMES as readonly string[]).includes(item))
  );
}

/** The grant's claims, or null when one is missing or malformed (only a signer's bug gets here). */
function grantFromClaims(claims: JWTPayload): ConsentGrant | null {
  const { bsn, cso, partners, org, req, sub } = claims;
  if (!isValidBsn(bsn) || typeof cso !== 'string' || !isSubgraphList(partners)) return null;
  if (typeof org !== 'string' || typeof req !== 'string' || typeof sub !== 'string') return null;
  return { bsn, casusoverlegId: cso, partners, employeeId: sub, organisation: org, requestId: req };
}

/**
 * Verifies a consent grant in the receiving subgraph: werk-inkomen's signature (via `ctx.keys.toegang`),
 * issuer, audience, type and expiry, and that it was issued in this very request, to this very
 * employee, for purpose `casusoverleg`, and that the employee holds the case role of their
 * organisation (werk-inkomen checks that before it signs; each partner checks it again on its own data).
 * Any failure is FORBIDDEN; the message names the failed check but never the grant's content.
 */
export async function verifyToegang(token: string, ctx: VerifyingContext): Promise<ConsentGrant> {
  if (ctx.purpose !== CASUSOVERLEG_PURPOSE) {
    throw forbidden('A consent grant is honoured only for purpose casusoverleg.');
  }
  const caller = medewerker(ctx);
  if (!heeftCasusrol(caller.organisation, caller.roles)) {
    const rol = CASUSROLLEN[caller.organisation];
    throw forbidden(
      rol
        ? `A consent grant opens data only to an employee in a case role: at ${caller.organisation} that is ${rol}.`
        : `A consent grant opens data only to an employee in a case role: ${caller.organisation} has none.`,
    );
  }
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(token, ctx.keys.toegang, {
      issuer: TOEGANG_ISSUER,
      audience: TOEGANG_AUDIENCE,
      typ: TOEGANG_TYPE,
      algorithms: INTERNAL_ALGORITHMS,
      requiredClaims: ['exp', 'iat', 'sub', 'req'],
      maxTokenAge: `${TOEGANG_TTL_SECONDS}s`,
    }));
  } catch (error) {
    throw forbidden(
      error instanceof errors.JWTExpired
        ? 'The consent grant has expired.'
        : 'The consent grant is not valid: it was not issued by the case conference.',
    );
  }
  const grant = grantFromClaims(claims);
  if (!grant) throw forbidden('The consent grant is not valid: its claims are incomplete.');
  if (grant.requestId !== ctx.requestId) {
    throw forbidden('The consent grant belongs to another request and cannot be reused.');
  }
  if (grant.employeeId !== caller.employeeId || grant.organisation !== caller.organisation) {
    throw forbidden('The consent grant was issued to another employee.');
  }
  return grant;
}
