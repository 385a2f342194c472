import type { JWTVerifyGetKey } from 'jose';
import { generateSigningKey, ISSUER_ALGORITHM, type SigningKey } from '../auth/keys';
import { SignJWT } from 'jose';
import { signEmployeeToken, signResidentToken } from '../auth/local-tokens';
import {
  callerFromClaims,
  keyResolver,
  userTokenVerifier,
  verifyUserToken,
  type UserTokenPolicy,
} from '../auth/tokens';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../config';
import type { Caller, Resident } from '../auth/principals';

const CALLER: Caller = {
  employeeId: 'km-1',
  organisation: 'wi-bhh',
  roles: ['KLANTMANAGER'],
  gemeenten: ['GM0164'],
};

describe('Employee tokens: verified at the gateway, remembered until they expire', () => {
  let issuer: SigningKey;
  let lookups: number;
  let policy: UserTokenPolicy;

  beforeEach(async () => {
    issuer = await generateSigningKey('issuer', ISSUER_ALGORITHM);
    const keys = keyResolver({ jwks: issuer.publicJwks });
    lookups = 0;
    const counting: JWTVerifyGetKey = (header, token) => {
      lookups += 1;
      return keys(header, token);
    };
    policy = { keys: counting, issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE };
  });

  it('reads the caller from a valid token', async () => {
    const token = await signEmployeeToken(issuer, CALLER);
    await expect(verifyUserToken(`Bearer ${token}`, policy)).resolves.toEqual(CALLER);
  });

  it('refuses a token for another audience or issuer', async () => {
    for (const options of [{ audience: 'urn:other' }, { issuer: 'urn:other' }]) {
      const token = await signEmployeeToken(issuer, CALLER, options);
      await expect(verifyUserToken(`Bearer ${token}`, policy)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('refuses an expired token', async () => {
    const token = await signEmployeeToken(issuer, CALLER, { ttl: '-1s' });
    await expect(verifyUserToken(`Bearer ${token}`, policy)).rejects.toMatchObject({
      message: 'The bearer token is not valid.',
    });
  });

  it('checks the signature of a token once, then remembers it', async () => {
    const verify = userTokenVerifier(policy);
    const token = await signEmployeeToken(issuer, CALLER);
    await expect(verify(`Bearer ${token}`)).resolves.toEqual(CALLER);
    await expect(verify(`Bearer ${token}`)).resolves.toEqual(CALLER);
    expect(lookups).toBe(1);
  });

  it('never remembers a token that failed, nor past its expiry', async () => {
    const verify = userTokenVerifier(policy);
    const foreign = await signEmployeeToken(await generateSigningKey('other', ISSUER_ALGORITHM), CALLER);
    await expect(verify(`Bearer ${foreign}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(verify(`Bearer ${foreign}`)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    const shortLived = await signEmployeeToken(issuer, CALLER, { ttl: '60s' });
    await expect(verify(`Bearer ${shortLived}`)).resolves.toEqual(CALLER);
    // The clock moves past the token's expiry (only the clock: timers and promises run as usual).
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'setTimeout',
        'setInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
      now: Date.now() + 61_000,
    });
    try {
      await expect(verify(`Bearer ${shortLived}`)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Employee claims: organisation, roles and gemeenten fit together', () => {
  const claims = (org: string, roles: string[], gemeenten: string[]) => ({ sub: 'x', org, roles, gemeenten });

  it.each([
    ['a KLANTMANAGER of a partner that is no municipality', claims('swb', ['KLANTMANAGER'], ['GM0164'])],
    ['a SCHULDHULPVERLENER of a municipality', claims('wi-bhh', ['SCHULDHULPVERLENER'], ['GM0164'])],
    [
      'a case role beside the own one',
      claims('werkplein', ['ADVISEUR_WERK', 'TRAJECTBEGELEIDER'], ['GM0164']),
    ],
    ['a case role of the region', claims('regio', ['LOOPBAANADVISEUR'], ['GM0164'])],
    [
      'a municipality’s employee for another municipality',
      claims('wi-enschede', ['KLANTMANAGER'], ['GM0164']),
    ],
    ['an unknown municipality', claims('stadsbank', ['SCHULDHULPVERLENER'], ['GM0363'])],
  ])('refuses %s', (_case, employee) => {
    expect(callerFromClaims(employee)).toBeNull();
  });

  it.each([
    ['a KLANTMANAGER of Enschede for Enschede', claims('wi-enschede', ['KLANTMANAGER'], ['GM0153'])],
    ['an ANALIST of the region', claims('regio', ['ANALIST'], ['GM0164', 'GM0153'])],
    ['a PRIVACY_OFFICER of the Stadsbank', claims('stadsbank', ['PRIVACY_OFFICER'], [])],
    ['a TRAJECTBEGELEIDER of SWB for Hof van Twente', claims('swb', ['TRAJECTBEGELEIDER'], ['GM1735'])],
  ])('accepts %s', (_case, employee) => {
    expect(callerFromClaims(employee)).toMatchObject({ organisation: employee.org, roles: employee.roles });
  });
});

describe('The memory of verified tokens', () => {
  it('keeps no more tokens than its bound, however many callers come', async () => {
    const issuer = await generateSigningKey('issuer', ISSUER_ALGORITHM);
    const verify = userTokenVerifier(
      { keys: keyResolver({ jwks: issuer.publicJwks }), issuer: LOCAL_ISSUER, audience: DEFAULT_AUDIENCE },
      3,
    );
    for (let n = 0; n < 6; n++) {
      const token = await signEmployeeToken(issuer, { ...CALLER, employeeId: `km-${n}` });
      await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ employeeId: `km-${n}` });
    }
    expect(verify.size).toBe(3);
  });
});

describe('Resident tokens: role INWONER with the BSN of a DigiD sign-in, and nothing of an employee', () => {
  const BSN = '111222333';
  const RESIDENT: Resident = { bsn: BSN, roles: ['INWONER'] };
  let issuer: SigningKey;
  let policy: UserTokenPolicy;

  beforeEach(async () => {
    issuer = await generateSigningKey('issuer', ISSUER_ALGORITHM);
    policy = {
      keys: keyResolver({ jwks: issuer.publicJwks }),
      issuer: LOCAL_ISSUER,
      audience: DEFAULT_AUDIENCE,
    };
  });

  it('reads the resident from a valid token: the BSN claim and the role, nothing else', async () => {
    const token = await signResidentToken(issuer, BSN);
    await expect(verifyUserToken(`Bearer ${token}`, policy)).resolves.toEqual(RESIDENT);
  });

  it.each([
    ['a BSN that fails the 11-proef', { roles: ['INWONER'], bsn: '123456789' }],
    ['no BSN', { roles: ['INWONER'] }],
    ['a BSN as a number', { roles: ['INWONER'], bsn: 111222333 }],
    ['an organisation', { roles: ['INWONER'], bsn: BSN, org: 'swb' }],
    ['gemeenten', { roles: ['INWONER'], bsn: BSN, gemeenten: [] }],
    ['an employee role beside it', { roles: ['INWONER', 'PRIVACY_OFFICER'], bsn: BSN }],
    [
      'an employee’s claims with a BSN',
      { roles: ['KLANTMANAGER'], org: 'wi-bhh', gemeenten: ['GM0164'], bsn: BSN },
    ],
  ])('refuses a token with %s', async (_case, claims) => {
    expect(callerFromClaims({ sub: 'x', ...claims })).toBeNull();
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: issuer.alg, kid: issuer.kid })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime('1m')
      .sign(issuer.privateKey);
    await expect(verifyUserToken(`Bearer ${token}`, policy)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
