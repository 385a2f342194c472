import { generateProofKey } from '../auth/proofs';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { generateSigningKey, type SigningKey } from '../auth/keys';
import { keyResolver } from '../auth/tokens';
import {
  signLogboektoegang,
  signToegang,
  verifyLogboektoegang,
  verifyToegang,
  TOEGANG_AUDIENCE,
  TOEGANG_ISSUER,
  TOEGANG_TTL_SECONDS,
  TOEGANG_TYPE,
  type ConsentScope,
} from '../auth/toegang';
import type { RequestContext } from '../context';
import type { Caller } from '../auth/principals';

type GrantContext = Pick<RequestContext, 'keys' | 'caller' | 'requestId' | 'purpose'>;

const TRAJECTBEGELEIDER: Caller = {
  employeeId: 'tb-swb-1',
  organisation: 'swb',
  roles: ['TRAJECTBEGELEIDER'],
  gemeenten: ['GM0164'],
};
const SCOPE: ConsentScope = { bsn: '910000001', casusoverlegId: '7', partners: ['werk-inkomen', 'swb'] };
const REQUEST_ID = '0123456789abcdef';

describe('Consent grants: signed by werk-inkomen, honoured in one request for one employee', () => {
  let werkInkomen: SigningKey;
  let ctx: GrantContext;

  beforeAll(async () => {
    werkInkomen = await generateSigningKey('werk-inkomen-1');
  });

  beforeEach(() => {
    // The context of the receiving subgraph in the same request as the signing one.
    ctx = {
      keys: {
        proof: generateProofKey(),
        toegang: keyResolver({ jwks: werkInkomen.publicJwks }),
        signing: werkInkomen,
        pseudonym: Buffer.alloc(32),
      },
      caller: TRAJECTBEGELEIDER,
      requestId: REQUEST_ID,
      purpose: 'casusoverleg',
    };
  });

  afterEach(() => jest.useRealTimers());

  it('accepts a grant issued in this request to this employee for purpose casusoverleg', async () => {
    const token = signToegang(ctx, SCOPE);
    await expect(verifyToegang(token, ctx)).resolves.toEqual({
      ...SCOPE,
      employeeId: 'tb-swb-1',
      organisation: 'swb',
      requestId: REQUEST_ID,
    });
  });

  it('refuses a grant signed by another key, even one that claims werk-inkomen’s key id', async () => {
    const forger = await generateSigningKey('werk-inkomen-1');
    const token = signToegang({ ...ctx, keys: { ...ctx.keys, signing: forger } }, SCOPE);
    await expect(verifyToegang(token, ctx)).rejects.toMatchObject({
      message: 'The consent grant is not valid: it was not issued by the case conference.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses an expired grant', async () => {
    jest.useFakeTimers({
      now: Date.now() - (TOEGANG_TTL_SECONDS + 5) * 1000,
      doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'],
    });
    const token = signToegang(ctx, SCOPE);
    jest.useRealTimers();
    await expect(verifyToegang(token, ctx)).rejects.toMatchObject({
      message: 'The consent grant has expired.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a grant of another request, so it cannot be replayed', async () => {
    const token = signToegang({ ...ctx, requestId: 'fedcba9876543210' }, SCOPE);
    await expect(verifyToegang(token, ctx)).rejects.toMatchObject({
      message: 'The consent grant belongs to another request and cannot be reused.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a grant issued to another employee, also one of another organisation with the same id', async () => {
    const colleague = signToegang(
      { ...ctx, caller: { ...TRAJECTBEGELEIDER, employeeId: 'tb-swb-2' } },
      SCOPE,
    );
    const namesake = signToegang(
      { ...ctx, caller: { ...TRAJECTBEGELEIDER, organisation: 'werkplein' } },
      SCOPE,
    );
    for (const token of [colleague, namesake]) {
      await expect(verifyToegang(token, ctx)).rejects.toMatchObject({
        message: 'The consent grant was issued to another employee.',
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it('refuses a grant to an employee whose token carries no case role of their organisation', async () => {
    const cases: [Caller, string][] = [
      [
        { ...TRAJECTBEGELEIDER, roles: ['ANALIST'] },
        'A consent grant opens data only to an employee in a case role: at swb that is TRAJECTBEGELEIDER.',
      ],
      [
        { ...TRAJECTBEGELEIDER, roles: ['PRIVACY_OFFICER'] },
        'A consent grant opens data only to an employee in a case role: at swb that is TRAJECTBEGELEIDER.',
      ],
      [
        { ...TRAJECTBEGELEIDER, organisation: 'regio', roles: ['ANALIST'] },
        'A consent grant opens data only to an employee in a case role: regio has none.',
      ],
    ];
    for (const [caller, message] of cases) {
      const token = signToegang({ ...ctx, caller }, SCOPE);
      await expect(verifyToegang(token, { ...ctx, caller })).rejects.toMatchObject({
        message,
        extensions: { code: 'FORBIDDEN' },
      });
    }
  });

  it.each(['uitvoering', 'beleidsinformatie', null] as const)(
    'refuses a grant for purpose %s',
    async (purpose) => {
      const token = signToegang(ctx, SCOPE);
      await expect(verifyToegang(token, { ...ctx, purpose })).rejects.toMatchObject({
        message: 'A consent grant is honoured only for purpose casusoverleg.',
        extensions: { code: 'FORBIDDEN' },
      });
    },
  );

  /** A grant written by a JWT library with werk-inkomen's key: all it takes, but for what `change` alters. */
  async function grantWith(change: (claims: JWTPayload) => JWTPayload): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims = change({
      ...SCOPE,
      cso: SCOPE.casusoverlegId,
      org: 'swb',
      req: REQUEST_ID,
      sub: 'tb-swb-1',
      iss: TOEGANG_ISSUER,
      aud: TOEGANG_AUDIENCE,
      iat: now,
      exp: now + TOEGANG_TTL_SECONDS,
    });
    return new SignJWT(claims)
      .setProtectedHeader({ alg: werkInkomen.alg, kid: werkInkomen.kid, typ: TOEGANG_TYPE })
      .sign(werkInkomen.privateKey);
  }

  it('is a JWT that a JWT library reads, and one a JWT library writes is honoured', async () => {
    const { payload, protectedHeader } = await jwtVerify(signToegang(ctx, SCOPE), ctx.keys.toegang, {
      issuer: TOEGANG_ISSUER,
      audience: TOEGANG_AUDIENCE,
      typ: TOEGANG_TYPE,
      maxTokenAge: TOEGANG_TTL_SECONDS,
    });
    expect(protectedHeader).toEqual({ alg: werkInkomen.alg, kid: werkInkomen.kid, typ: TOEGANG_TYPE });
    expect(payload).toMatchObject({ bsn: SCOPE.bsn, sub: 'tb-swb-1', req: REQUEST_ID, org: 'swb' });
    expect(payload.exp).toBe((payload.iat ?? 0) + TOEGANG_TTL_SECONDS);
    await expect(verifyToegang(await grantWith((claims) => claims), ctx)).resolves.toMatchObject({
      bsn: SCOPE.bsn,
      partners: SCOPE.partners,
    });
  });

  it('refuses as expired a grant issued longer ago than a grant lives, whatever its exp says', async () => {
    const now = Math.floor(Date.now() / 1000);
    const old = await grantWith((claims) => ({
      ...claims,
      iat: now - TOEGANG_TTL_SECONDS - 5,
      exp: now + 3600,
    }));
    await expect(verifyToegang(old, ctx)).rejects.toMatchObject({
      message: 'The consent grant has expired.',
    });
  });

  it('refuses a grant without an issue time, employee or request, or issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    const without = (claim: string) => (claims: JWTPayload) =>
      Object.fromEntries(Object.entries(claims).filter(([name]) => name !== claim));
    for (const grant of [
      await grantWith(without('iat')),
      await grantWith(without('sub')),
      await grantWith(without('req')),
      await grantWith((claims) => ({ ...claims, iat: now + 30 })),
      // An expiry written as text, which no JWT library writes.
      await grantWith((claims) => ({ ...claims, exp: String(now + 30) as unknown as number })),
    ]) {
      await expect(verifyToegang(grant, ctx)).rejects.toMatchObject({
        message: 'The consent grant is not valid: it was not issued by the case conference.',
      });
    }
  });

  it('refuses another token of werk-inkomen’s key that is not a grant', async () => {
    const token = await new SignJWT({
      bsn: SCOPE.bsn,
      cso: '7',
      partners: ['swb'],
      org: 'swb',
      req: REQUEST_ID,
    })
      .setProtectedHeader({ alg: werkInkomen.alg, kid: werkInkomen.kid })
      .setSubject('tb-swb-1')
      .setIssuer('urn:twente-ketenhub:werk-inkomen:casusoverleg')
      .setAudience('urn:twente-ketenhub:casusinzage')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(werkInkomen.privateKey);
    await expect(verifyToegang(token, ctx)).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('accepts a log grant as a log grant only, and a consent grant never as a log grant', async () => {
    const logboek = signLogboektoegang(ctx, { bsn: SCOPE.bsn, casusoverlegId: '7', first: 50 });
    await expect(verifyLogboektoegang(logboek, ctx)).resolves.toEqual({
      bsn: SCOPE.bsn,
      casusoverlegId: '7',
      first: 50,
      employeeId: 'tb-swb-1',
      organisation: 'swb',
      requestId: REQUEST_ID,
    });
    // A log grant opens no detail data, and a consent grant reads no log: each has its own typ and audience.
    await expect(verifyToegang(logboek, ctx)).rejects.toMatchObject({
      message: 'The consent grant is not valid: it was not issued by the case conference.',
      extensions: { code: 'FORBIDDEN' },
    });
    await expect(verifyLogboektoegang(signToegang(ctx, SCOPE), ctx)).rejects.toMatchObject({
      message: 'The consent grant is not valid: it was not issued by the case conference.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  it('refuses a log grant of another request, another employee or another purpose', async () => {
    const scope = { bsn: SCOPE.bsn, casusoverlegId: '7', first: 50 };
    const ander = signLogboektoegang({ ...ctx, requestId: 'fedcba9876543210' }, scope);
    await expect(verifyLogboektoegang(ander, ctx)).rejects.toMatchObject({
      message: 'The consent grant belongs to another request and cannot be reused.',
    });
    const token = signLogboektoegang(ctx, scope);
    await expect(
      verifyLogboektoegang(token, { ...ctx, caller: { ...TRAJECTBEGELEIDER, employeeId: 'tb-swb-2' } }),
    ).rejects.toMatchObject({ message: 'The consent grant was issued to another employee.' });
    await expect(verifyLogboektoegang(token, { ...ctx, purpose: 'uitvoering' })).rejects.toMatchObject({
      message: 'A consent grant is honoured only for purpose casusoverleg.',
    });
  });
});
