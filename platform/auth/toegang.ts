import { isValidBsn } from '../bsn';
import { SUBGRAPH_NAMES, type SubgraphName } from '../config';
import type { RequestContext } from '../context';
import { forbidden } from '../errors';
import { medewerker } from './inwoner';
import { signToken, verifyToken, type TokenKind } from './jws';
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
 * What a grant is for: a consent grant opens detail data, a log grant a conference's log lines. The case
 * conferences in werk-inkomen issue both.
 */
const CONSENT: TokenKind = { issuer: TOEGANG_ISSUER, audience: TOEGANG_AUDIENCE, type: TOEGANG_TYPE };

/**
 * A participant's statement that they may read one conference's log (`Casusoverleg.logboek`): its own
 * audience and `typ`, so it never passes as a consent grant (which would open detail data), nor the
 * other way round.
 */
export const LOGBOEKTOEGANG_AUDIENCE = 'urn:twente-ketenhub:casuslogboek';
export const LOGBOEKTOEGANG_TYPE = 'casuslogboek+jwt';
const LOGBOEK: TokenKind = {
  issuer: TOEGANG_ISSUER,
  audience: LOGBOEKTOEGANG_AUDIENCE,
  type: LOGBOEKTOEGANG_TYPE,
};

/** What werk-inkomen decided a participant may read of the conference's log. */
export interface LogboekScope {
  bsn: string;
  casusoverlegId: string;
  /** Lines per partner, newest first. */
  first: number;
}

/** A verified log grant: the scope and whom and which request it was issued to. */
export interface LogboekGrant extends LogboekScope {
  employeeId: string;
  organisation: string;
  requestId: string;
}

/**
 * Signs a grant for the current caller and request with the subgraph's own key. Binding `sub` and
 * `req` here, from the verified context, means no caller input can widen who or when it applies to.
 */
function sign(ctx: SigningContext, claims: Record<string, unknown>, soort: TokenKind): string {
  const caller = medewerker(ctx);
  return signToken(
    ctx.keys.signing,
    soort,
    { ...claims, org: caller.organisation, req: ctx.requestId, sub: caller.employeeId },
    TOEGANG_TTL_SECONDS,
  );
}

/** Signs a consent grant for the current caller and request. */
/** Whom a grant is issued to and in which request, from the verified context, as `sign` binds them. */
export function verleendAan(
  ctx: RequestContext,
): Pick<ConsentGrant, 'employeeId' | 'organisation' | 'requestId'> {
  const caller = medewerker(ctx);
  return { employeeId: caller.employeeId, organisation: caller.organisation, requestId: ctx.requestId };
}

export function signToegang(ctx: SigningContext, scope: ConsentScope): string {
  return sign(ctx, { bsn: scope.bsn, cso: scope.casusoverlegId, partners: scope.partners }, CONSENT);
}

/** Signs a log grant for the current caller and request. */
export function signLogboektoegang(ctx: SigningContext, scope: LogboekScope): string {
  return sign(ctx, { bsn: scope.bsn, cso: scope.casusoverlegId, first: scope.first }, LOGBOEK);
}

function isSubgraphList(value: unknown): value is SubgraphName[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'string' && (SUBGRAPH_NAMES as readonly string[]).includes(item))
  );
}

interface Uitgifte {
  bsn: string;
  casusoverlegId: string;
  employeeId: string;
  organisation: string;
  requestId: string;
}

/** The claims every grant has, or null when one is missing or malformed (only a signer's bug gets here). */
function uitgifteVan(claims: Record<string, unknown>): Uitgifte | null {
  const { bsn, cso, org, req, sub } = claims;
  if (!isValidBsn(bsn) || typeof cso !== 'string') return null;
  if (typeof org !== 'string' || typeof req !== 'string' || typeof sub !== 'string') return null;
  return { bsn, casusoverlegId: cso, employeeId: sub, organisation: org, requestId: req };
}

/**
 * Verifies a grant in the receiving subgraph: werk-inkomen's signature (via `ctx.keys.toegang`),
 * issuer, audience, type and expiry, and that it was issued in this very request, to this very
 * employee, for purpose `casusoverleg`, and that the employee holds the case role of their
 * organisation (werk-inkomen checks that before it signs; each partner checks it again on its own data).
 * Any failure is FORBIDDEN; the message names the failed check but never the grant's content.
 */
async function verify(
  token: string,
  ctx: VerifyingContext,
  soort: TokenKind,
): Promise<{ uitgifte: Uitgifte; claims: Record<string, unknown> }> {
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
  const verified = await verifyToken(ctx.keys.toegang, token, soort, {
    requiredClaims: ['iat', 'sub', 'req'],
    maxAgeSeconds: TOEGANG_TTL_SECONDS,
  });
  if ('failure' in verified) {
    throw forbidden(
      verified.failure === 'expired'
        ? 'The consent grant has expired.'
        : 'The consent grant is not valid: it was not issued by the case conference.',
    );
  }
  const { claims } = verified;
  const uitgifte = uitgifteVan(claims);
  if (!uitgifte) throw forbidden('The consent grant is not valid: its claims are incomplete.');
  if (uitgifte.requestId !== ctx.requestId) {
    throw forbidden('The consent grant belongs to another request and cannot be reused.');
  }
  if (uitgifte.employeeId !== caller.employeeId || uitgifte.organisation !== caller.organisation) {
    throw forbidden('The consent grant was issued to another employee.');
  }
  return { uitgifte, claims };
}

/** Verifies a consent grant (see `verify`). */
export async function verifyToegang(token: string, ctx: VerifyingContext): Promise<ConsentGrant> {
  const { uitgifte, claims } = await verify(token, ctx, CONSENT);
  if (!isSubgraphList(claims.partners)) {
    throw forbidden('The consent grant is not valid: its claims are incomplete.');
  }
  return { ...uitgifte, partners: claims.partners };
}

/** Verifies a log grant (see `verify`). */
export async function verifyLogboektoegang(token: string, ctx: VerifyingContext): Promise<LogboekGrant> {
  const { uitgifte, claims } = await verify(token, ctx, LOGBOEK);
  const { first } = claims;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 1) {
    throw forbidden('The consent grant is not valid: its claims are incomplete.');
  }
  return { ...uitgifte, first };
}
