import { createHmac, randomBytes } from 'node:crypto';
import { jwtVerify } from 'jose';
import {
  bodyHash,
  generateProofKey,
  parseProofKey,
  PROOF_ISSUER,
  proofKey,
  PROOF_TTL_SECONDS,
  proofAudience,
  proofVerifier,
  ReplayCache,
  signProof,
  type GatewayStatement,
} from '../auth/proofs';
import type { Caller, Resident } from '../auth/principals';
import { newTransactionId } from '../fsc';

const CALLER: Caller = {
  employeeId: 'tb-swb-1',
  organisation: 'swb',
  roles: ['TRAJECTBEGELEIDER'],
  gemeenten: ['GM0164'],
};
const RESIDENT: Resident = { bsn: '111222333', roles: ['INWONER'] };
const STATEMENT: GatewayStatement = {
  caller: CALLER,
  purpose: 'uitvoering',
  traceId: 'a'.repeat(32),
  requestId: 'b'.repeat(16),
  transactionId: newTransactionId(),
};
const TID = STATEMENT.transactionId;
const BODY = JSON.stringify({ query: '{ _service { sdl } }' });
const UNAUTHENTICATED = 'Subgraphs answer requests from the gateway only.';

/** A verified statement: the one signed, with the proof's use that the subgraph records. */
const used = (statement: GatewayStatement) => ({
  ...statement,
  proof: { jti: expect.stringMatching(/^[0-9a-f-]{36}$/), expiresAt: expect.any(Number) },
});

describe('Proofs: the gateway vouches for one subgraph request at a time', () => {
  const swbKey = generateProofKey();
  const werkpleinKey = generateProofKey();

  it('carries a resident and an employee unchanged to the subgraph the proof is for', () => {
    const verify = proofVerifier('swb', swbKey);
    for (const caller of [RESIDENT, CALLER]) {
      const statement = { ...STATEMENT, caller };
      expect(verify(signProof(swbKey, 'swb', statement, BODY), BODY, TID)).toEqual(used(statement));
    }
  });

  it('is refused by another subgraph, whether it holds its own key or, somehow, the same one', () => {
    const proof = signProof(swbKey, 'swb', STATEMENT, BODY);
    expect(() => proofVerifier('werkplein', werkpleinKey)(proof, BODY, TID)).toThrow(UNAUTHENTICATED);
    // The audience binds the proof to swb even where a key were shared.
    expect(() => proofVerifier('werkplein', swbKey)(proof, BODY, TID)).toThrow(UNAUTHENTICATED);
  });

  it('is refused with any other body', () => {
    const verify = proofVerifier('swb', swbKey);
    const proof = signProof(swbKey, 'swb', STATEMENT, BODY);
    expect(() => verify(proof, BODY.replace('sdl', 'sdl '), TID)).toThrow(UNAUTHENTICATED);
    expect(() => verify(proof, '', TID)).toThrow(UNAUTHENTICATED);
  });

  it('names the use to record: the proof’s id, until its expiry and the clock tolerance have passed', () => {
    const proof = signProof(swbKey, 'swb', STATEMENT, BODY);
    const claims = JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString()) as {
      jti: string;
      exp: number;
    };
    expect(proofVerifier('swb', swbKey)(proof, BODY, TID).proof).toEqual({
      jti: claims.jti,
      expiresAt: (claims.exp + 2) * 1000,
    });
  });

  it('is honoured once', () => {
    const verify = proofVerifier('swb', swbKey);
    const proof = signProof(swbKey, 'swb', STATEMENT, BODY);
    expect(verify(proof, BODY, TID)).toEqual(used(STATEMENT));
    expect(() => verify(proof, BODY, TID)).toThrow(UNAUTHENTICATED);
  });

  it('is refused when absent, malformed or signed with another key', () => {
    const verify = proofVerifier('swb', swbKey);
    expect(() => verify(undefined, BODY, TID)).toThrow(UNAUTHENTICATED);
    expect(() => verify('not.a.proof', BODY, TID)).toThrow(UNAUTHENTICATED);
    expect(() => verify(signProof(werkpleinKey, 'swb', STATEMENT, BODY), BODY, TID)).toThrow(UNAUTHENTICATED);
  });

  it('is a standard HS256 JWT that a JWT library verifies, with its audience and lifetime', async () => {
    const proof = signProof(swbKey, 'swb', STATEMENT, BODY);
    const { payload, protectedHeader } = await jwtVerify(proof, swbKey, {
      issuer: PROOF_ISSUER,
      audience: proofAudience('swb'),
      algorithms: ['HS256'],
    });
    expect(protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(PROOF_TTL_SECONDS);
    expect(payload.bh).toBe(bodyHash(BODY));
  });

  it('is refused with another algorithm in its header, even with a valid HMAC over it', () => {
    const verify = proofVerifier('swb', swbKey);
    const [, payload] = signProof(swbKey, 'swb', STATEMENT, BODY).split('.');
    for (const alg of ['none', 'HS512', 'hs256']) {
      const header = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
      const input = `${header}.${payload}`;
      const mac = createHmac('sha256', swbKey).update(input).digest('base64url');
      expect(() => verify(`${input}.${mac}`, BODY, TID)).toThrow(UNAUTHENTICATED);
    }
  });

  it('is refused once expired, and before it is issued, beyond two seconds of clock skew', () => {
    const proof = (): string => signProof(swbKey, 'swb', STATEMENT, BODY);
    const at = (offsetMs: number) =>
      proofVerifier('swb', swbKey, new ReplayCache(), () => Date.now() + offsetMs);
    expect(at((PROOF_TTL_SECONDS + 1) * 1000)(proof(), BODY, TID)).toEqual(used(STATEMENT));
    expect(() => at((PROOF_TTL_SECONDS + 3) * 1000)(proof(), BODY, TID)).toThrow(UNAUTHENTICATED);
    expect(() => at(-3000)(proof(), BODY, TID)).toThrow(UNAUTHENTICATED);
  });

  it('is refused when the FSC transaction id header is absent or not the one signed', () => {
    const verify = proofVerifier('swb', swbKey);
    expect(() => verify(signProof(swbKey, 'swb', STATEMENT, BODY), BODY, undefined)).toThrow(UNAUTHENTICATED);
    expect(() => verify(signProof(swbKey, 'swb', STATEMENT, BODY), BODY, newTransactionId())).toThrow(
      UNAUTHENTICATED,
    );
    const notV7 = { ...STATEMENT, transactionId: '0f8fad5b-d9cb-469f-a165-70867728950e' };
    expect(() => verify(signProof(swbKey, 'swb', notV7, BODY), BODY, notV7.transactionId)).toThrow(
      UNAUTHENTICATED,
    );
    expect(verify(signProof(swbKey, 'swb', STATEMENT, BODY), BODY, TID)).toEqual(used(STATEMENT));
  });

  it('binds the body by its SHA-256', () => {
    expect(bodyHash('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });
});

describe('ReplayCache: each proof id once, until it expires', () => {
  it('accepts an id once and forgets it after its expiry', () => {
    let now = 1_000_000;
    const cache = new ReplayCache(() => now);
    const until = now + PROOF_TTL_SECONDS * 1000;
    expect(cache.accept('p1', until)).toBe(true);
    expect(cache.accept('p1', until)).toBe(false);
    expect(cache.accept('p2', until)).toBe(true);
    now = until + 2000;
    expect(cache.accept('p3', now + 5000)).toBe(true);
    // p1 and p2 expired and were let go; only p3 is kept.
    expect(cache.size).toBe(1);
  });
});

describe('A proof key as a partner holds it: hexadecimal or a JWK of kty oct', () => {
  const bytes = randomBytes(32);
  /** Signs with the key read, verifies with the key itself: what the subgraph holds. */
  const verify = (key: ReturnType<typeof parseProofKey>): GatewayStatement =>
    proofVerifier('swb', proofKey(bytes))(signProof(key, 'swb', STATEMENT, BODY), BODY, TID);

  it('reads 64 hexadecimal characters and a JWK of the same bytes to the key the subgraph holds', () => {
    expect(verify(parseProofKey(`${bytes.toString('hex')}\n`))).toEqual(used(STATEMENT));
    expect(
      verify(parseProofKey(JSON.stringify({ kty: 'oct', alg: 'HS256', k: bytes.toString('base64url') }))),
    ).toEqual(used(STATEMENT));
  });

  it.each([
    ['too short', 'ab'.repeat(16)],
    ['not JSON', '{kty: oct}'],
    ['another key type', JSON.stringify({ kty: 'RSA', n: 'x', e: 'AQAB' })],
    ['k missing', JSON.stringify({ kty: 'oct' })],
    ['a short k', JSON.stringify({ kty: 'oct', k: randomBytes(16).toString('base64url') })],
    [
      'another algorithm',
      JSON.stringify({ kty: 'oct', alg: 'HS512', k: randomBytes(32).toString('base64url') }),
    ],
  ])('refuses a key that is %s', (_what, text) => {
    expect(() => parseProofKey(text)).toThrow(/proof key/);
  });
});
