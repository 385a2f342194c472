import {
  createHash,
  createHmac,
  createSecretKey,
  randomBytes,
  randomUUID,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { type Principal, isDoelbinding, isResident, type Doelbinding } from './principals';
import { unauthenticated } from '../errors';
import { isTransactionId } from '../fsc';
import type { ProofUse } from './proof-uses';
import { BSN_CLAIM, callerFromClaims } from './tokens';
import { decodeSegment, encodeSegment } from './jws';

/**
 * The gateway's proof of one subgraph request (ACCESS.md, "Trust between gateway and subgraphs"): a JWT
 * with an HMAC-SHA-256 signature (HS256), keyed per subgraph, so that no partner holds a key that signs
 * for another. It is valid for one subgraph (audience), one request body (its SHA-256), a few seconds,
 * and one use (its `jti`, kept by every replica of the subgraph until the proof expires: `ReplayCache`
 * in memory, `gebruikt_bewijs` in the partner's database).
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

const KEY_FORMAT = 'a proof key is 64 hexadecimal characters or a JWK of kty "oct"';

/**
 * A proof key as a file or an option gives it: 64 hexadecimal characters (as `<NAME>_PROOF_KEY`), or a
 * JSON Web Key of kty `oct` (RFC 7517), the form in which key stores hand out HMAC keys.
 */
export function parseProofKey(text: string): ProofKey {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return proofKey(Buffer.from(trimmed, 'hex'));
  let jwk: unknown;
  try {
    jwk = JSON.parse(trimmed);
  } catch {
    throw new Error(KEY_FORMAT);
  }
  const { kty, k, alg } = (typeof jwk === 'object' && jwk !== null ? jwk : {}) as Record<string, unknown>;
  if (kty !== 'oct' || typeof k !== 'string' || !/^[A-Za-z0-9_-]+$/.test(k)) throw new Error(KEY_FORMAT);
  if (alg !== undefined && alg !== PROOF_ALGORITHM)
    throw new Error(`a proof key is for alg ${PROOF_ALGORITHM}`);
  return proofKey(Buffer.from(k, 'base64url'));
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
  /**
   * The FSC transaction id of this one subgraph request (a UUIDv7, also sent as `Fsc-Transaction-Id`):
   * signed, so that no one on the path can swap the id both parties log.
   */
  transactionId: string;
  /**
   * When the caller's own token expires (epoch seconds): a subscription authorised by this proof ends
   * then, since the proof itself is valid for seconds only.
   */
  tokenExpiresAt?: number;
}

/** What a subgraph learns from a valid proof: the statement, and the use it must record (see proof-uses.ts). */
export interface VerifiedStatement extends GatewayStatement {
  proof: ProofUse;
}

/** The JOSE header of every proof: HS256, nothing else is accepted. */
const PROOF_HEADER_SEGMENT = encodeSegment({ alg: PROOF_ALGORITHM, typ: 'JWT' });

function mac(key: ProofKey, signingInput: string): Buffer {
  return createHmac('sha256', key).update(signingInput).digest();
}

/**
 * Signs the proof of one subgraph request, for that subgraph and that exact body: a compact JWS
 * (RFC 7515) that any partner's JWT library verifies. Written with `node:crypto` rather than jose, whose
 * asynchronous path cost more than the HMAC itself on every subgraph request.
 */
export function signProof(
  key: ProofKey,
  subgraph: string,
  statement: GatewayStatement,
  body: string,
  /** Seconds since the epoch; only a test of expiry signs another moment than now. */
  now = Math.floor(Date.now() / 1000),
): string {
  const { caller } = statement;
  // The same claims as the user's token, so the subgraph reads them with `callerFromClaims`.
  const claims = isResident(caller)
    ? { roles: caller.roles, [BSN_CLAIM]: caller.bsn }
    : { sub: caller.employeeId, org: caller.organisation, roles: caller.roles, gemeenten: caller.gemeenten };
  const payload = encodeSegment({
    ...claims,
    doelbinding: statement.purpose,
    trace_id: statement.traceId,
    req: statement.requestId,
    fsc_tid: statement.transactionId,
    ...(statement.tokenExpiresAt !== undefined && { token_exp: statement.tokenExpiresAt }),
    bh: bodyHash(body),
    iss: PROOF_ISSUER,
    aud: proofAudience(subgraph),
    // A version 4 UUID: 122 random bits from a pooled source, cheaper than a fresh read per proof.
    jti: randomUUID(),
    iat: now,
    exp: now + PROOF_TTL_SECONDS,
  });
  const signingInput = `${PROOF_HEADER_SEGMENT}.${payload}`;
  return `${signingInput}.${mac(key, signingInput).toString('base64url')}`;
}

/** The claims of a proof signed with `key`, or null: another header, key or shape. */
function verifiedClaims(key: ProofKey, proof: string): Record<string, unknown> | null {
  const [header, payload, signature, ...rest] = proof.split('.');
  // Only the one header the gateway writes: no other algorithm, no `none`, no key hints.
  if (header !== PROOF_HEADER_SEGMENT || !payload || !signature || rest.length > 0) return null;
  const expected = mac(key, `${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return decodeSegment(payload);
}

/**
 * The proofs this process has accepted, until they expire: a proof is honoured once. The first and
 * cheap line only: the replicas of a subgraph share the second, the partner's own database, which
 * records each accepted proof with the request's processing log (see proof-uses.ts).
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
 * this body and the FSC transaction id in the request's header, now, for the first time in this
 * process, is UNAUTHENTICATED; the reason stays with the server. The request then records the proof's
 * use in the partner's database, which refuses a use another replica recorded first.
 */
export function proofVerifier(
  subgraph: string,
  key: ProofKey,
  replays: ReplayCache = new ReplayCache(),
  now: () => number = Date.now,
): (
  proof: string | undefined,
  body: string | Buffer,
  transactionId: string | undefined,
) => VerifiedStatement {
  const audience = proofAudience(subgraph);
  return (proof, body, transactionIdHeader) => {
    const claims = proof ? verifiedClaims(key, proof) : null;
    if (!claims) throw refused();
    const { iss, aud, iat, exp, jti, trace_id: traceId, req: requestId, fsc_tid: transactionId, bh } = claims;
    const seconds = now() / 1000;
    if (iss !== PROOF_ISSUER || aud !== audience) throw refused();
    if (typeof iat !== 'number' || typeof exp !== 'number' || typeof jti !== 'string') throw refused();
    // Not yet valid, expired, or living longer than a proof may: each with the same clock tolerance.
    if (iat > seconds + CLOCK_TOLERANCE_SECONDS || exp <= seconds - CLOCK_TOLERANCE_SECONDS) throw refused();
    if (exp - iat > PROOF_TTL_SECONDS || seconds - iat > PROOF_TTL_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      throw refused();
    }
    const caller = callerFromClaims(claims);
    if (!caller || typeof traceId !== 'string' || !/^[0-9a-f]{32}$/.test(traceId)) throw refused();
    if (typeof requestId !== 'string' || bh !== bodyHash(body)) throw refused();
    // The header is what FSC's components on the path read; the signed id is what it must say.
    if (!isTransactionId(transactionId) || transactionIdHeader !== transactionId) throw refused();
    const expiresAt = (exp + CLOCK_TOLERANCE_SECONDS) * 1000;
    if (!replays.accept(jti, expiresAt)) throw refused();
    const purpose = isDoelbinding(claims.doelbinding) ? claims.doelbinding : null;
    const tokenExp = claims.token_exp;
    return {
      caller,
      purpose,
      traceId,
      requestId,
      transactionId,
      proof: { jti, expiresAt },
      ...(typeof tokenExp === 'number' && Number.isFinite(tokenExp) && { tokenExpiresAt: tokenExp }),
    };
  };
}
