import {
  bodyHash,
  generateProofKey,
  PROOF_TTL_SECONDS,
  proofVerifier,
  ReplayCache,
  signProof,
  type GatewayStatement,
} from '../auth/proofs';
import type { Caller, Resident } from '../auth/principals';

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
};
const BODY = JSON.stringify({ query: '{ _service { sdl } }' });

describe('Proofs: the gateway vouches for one subgraph request at a time', () => {
  const swbKey = generateProofKey();
  const werkpleinKey = generateProofKey();

  it('carries a resident and an employee unchanged to the subgraph the proof is for', async () => {
    const verify = proofVerifier('swb', swbKey);
    for (const caller of [RESIDENT, CALLER]) {
      const statement = { ...STATEMENT, caller };
      await expect(verify(await signProof(swbKey, 'swb', statement, BODY), BODY)).resolves.toEqual(statement);
    }
  });

  it('is refused by another subgraph, whether it holds its own key or, somehow, the same one', async () => {
    const proof = await signProof(swbKey, 'swb', STATEMENT, BODY);
    await expect(proofVerifier('werkplein', werkpleinKey)(proof, BODY)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // The audience binds the proof to swb even where a key were shared.
    await expect(proofVerifier('werkplein', swbKey)(proof, BODY)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('is refused with any other body', async () => {
    const verify = proofVerifier('swb', swbKey);
    const proof = await signProof(swbKey, 'swb', STATEMENT, BODY);
    await expect(verify(proof, BODY.replace('sdl', 'sdl '))).rejects.toThrow();
    await expect(verify(proof, '')).rejects.toThrow();
  });

  it('is honoured once', async () => {
    const verify = proofVerifier('swb', swbKey);
    const proof = await signProof(swbKey, 'swb', STATEMENT, BODY);
    await expect(verify(proof, BODY)).resolves.toEqual(STATEMENT);
    await expect(verify(proof, BODY)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('is refused when absent, malformed or signed with another key', async () => {
    const verify = proofVerifier('swb', swbKey);
    await expect(verify(undefined, BODY)).rejects.toThrow();
    await expect(verify('not.a.proof', BODY)).rejects.toThrow();
    await expect(verify(await signProof(werkpleinKey, 'swb', STATEMENT, BODY), BODY)).rejects.toThrow();
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
