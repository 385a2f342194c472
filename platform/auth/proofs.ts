import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { type Principal, isDoelbinding, isResident, type Doelbinding } from './principals';
import { unauthenticated } from '../errors';
import { BSN_CLAIM, callerFromClaims } from './tokens';

/**
 * The gateway's proof of one subgraph request (ACCESS.md, "Trust between gateway and subgraphs"): a JWT
 * with an HMAC-SHA-256 signature (HS256), keyed per subgraph, so that no partner holds a key that signs
 * for another. It is valid for one subgraph (audience), one request body (its SHA-256), a few seconds,
 * and one use (its `jti`, kept by the subgraph until the proof expires).
 *
 * HMAC rather than a signature with the gateway's public key: signing and verifying cost about a tenth
 * (the gateway signs one proof per subgraph fetch), and no key needs to be fetched over the network.
 */
export const PROOF_HEADER = 'x-gateway-proof';
export const PROOF_ISSUER = 'urn:twente-ketenhub:gateway';
/** A subgraph fetch leaves within milliseconds of its signing; the rest is margin for clock skew. */
export const PROOF_TTL_SECONDS = 5;
const CLOCK_TOLERANCE_SECONDS = 2;
const PROOF_ALGORITHM = 'HS256';

/** A subgraph's proof key: 32 random bytes, held by the gateway and by that subgraph only. */
export type ProofKey = KeyObject;

export function proofKey(bytes: Buffer): ProofKey {
  if (bytes.length < 32) throw new Error('A proof key has at least 32 bytes');
  return createSecretKey(bytes);
}

export function generateProofKey(): ProofKey {
  return proofKey(randomBytes(32));
}

/** The audience of the proofs for one subgraph. */
export function proofAudience(subgraph: string): string {
  return `urn:twente-ketenhub:subgraph:${subgraph}`;
}

/** SHA-256 of a request body, base64url: what binds a proof to the body it was signed for. */
export function bodyHash(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64url');
}

/** What the gateway vouches for to a subgraph: the verified caller and the request's identity. */
export interface GatewayStatement {
  caller: Principal;
  purpose: Doelbinding | null;
  traceId: string;
  /** The gateway's span id of this request: binds consent grants to one request. */
  requestId: string;
}

/** Signs the proof of one subgraph request, for that subgraph and that exact body. */
export function signProof(
  key: ProofKey,
  subgraph: string,
  statement: GatewayStatement,
  body: string,
): Promise<string> {
  const { caller } = statement;
  // The same claims as the user's token, so the subgraph reads them with `callerFromClaims`.
  const claims = isResident(caller)
    ? { roles: caller.roles, [BSN_CLAIM]: caller.bsn }
    : { sub: caller.employeeId, org: caller.organisation, roles: caller.roles, gemeenten: caller.gemeenten };
  return new SignJWT({
    ...claims,
    doelbinding: statement.purpose,
    trace_id: statement.traceId,
    req: statement.requestId,
    bh: bodyHash(body),
  })
    .setProtectedHeader({ alg: PROOF_ALGORITHM })
    .setIssuer(PROOF_ISSUER)
    .setAudience(proofAudience(subgraph))
    .setJti(randomBytes(16).toString('base64url'))
    .setIssuedAt()
    .setExpirationTime(`${PROOF_TTL_SECONDS}s`)
    .sign(key);
}

/**
 * The proofs a subgraph has accepted, until they expire: a proof is honoured once. Kept in this
 * process: with several replicas of one subgraph, route a client to one replica or share the cache.
 */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** True the first time a proof id is presented before its expiry (ms), false on any later use. */
  accept(jti: string, expiresAt: number): boolean {
    const now = this.now();
    if (now >= this.nextSweep) {
      // Expired ids can no longer be replayed (the proof itself is refused), so they are let go.
      for (const [id, until] of this.seen) if (until <= now) this.seen.delete(id);
      this.nextSweep = now + 1000;
    }
    if (this.seen.has(jti)) return false;
    this.seen.set(jti, expiresAt);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}

const refused = (): Error => unauthenticated('Subgraphs answer requests from the gateway only.');

/**
 * A subgraph's verifier of the gateway's proofs. Anything that is not a valid proof for this subgraph,
 * this body, now, for the first time, is UNAUTHENTICATED; the reason stays with the server.
 */
export function proofVerifier(
  subgraph: string,
  key: ProofKey,
  replays: ReplayCache = new ReplayCache(),
): (proof: string | undefined, body: string | Buffer) => Promise<GatewayStatement> {
  const audience = proofAudience(subgraph);
  return async (proof, body) => {
    if (!proof) throw refused();
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(proof, key, {
        issuer: PROOF_ISSUER,
        audience,
        algorithms: [PROOF_ALGORITHM],
        requiredClaims: ['exp', 'iat', 'jti'],
        maxTokenAge: `${PROOF_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS}s`,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch {
      throw refused();
    }
    const caller = callerFromClaims(claims);
    const { trace_id: traceId, req: requestId, bh, jti, exp } = claims;
    if (!caller || typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId)) throw refused();
    if (typeof requestId !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') throw refused();
    if (bh !== bodyHash(body)) throw refused();
    if (!replays.accept(jti, (exp + CLOCK_TOLERANCE_SECONDS) * 1000)) throw refused();
    const purpose = isDoelbinding(claims.doelbinding) ? claims.doelbinding : null;
    return { caller, purpose, traceId, requestId };
  };
}
