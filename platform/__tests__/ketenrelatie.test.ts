import { sign, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, type KeyLike } from 'jose';
import { encodeSegment } from '../auth/jws';
import { generateSigningKey, type SigningKey } from '../auth/keys';
import {
  KETENRELATIE_AUDIENCE,
  KETENRELATIE_ISSUER,
  KETENRELATIE_TYPE,
  signKetenrelatie,
  verifyKetenrelatie,
} from '../auth/ketenrelatie';
import { generateProofKey } from '../auth/proofs';
import { keyResolver } from '../auth/tokens';
import { signToegang } from '../auth/toegang';
import type { RequestContext } from '../context';
import { regels } from '../../subgraphs/swb/toegang';

const BSN = '111222333';
const REQUEST_ID = 'a1b2c3d4e5f60718';

describe('Chain relation: who pays the benefit counts only as werk-inkomen signed it', () => {
  let werkInkomen: SigningKey;
  let ctx: Pick<RequestContext, 'keys' | 'requestId' | 'regels'>;

  beforeAll(async () => {
    werkInkomen = await generateSigningKey('werk-inkomen-1');
  });

  beforeEach(() => {
    ctx = {
      keys: {
        proof: generateProofKey(),
        toegang: keyResolver({ jwks: werkInkomen.publicJwks }),
        signing: werkInkomen,
        pseudonym: Buffer.alloc(32),
      },
      requestId: REQUEST_ID,
      regels,
    };
  });

  it('is read from werk-inkomen’s signed statement for this resident and this request', async () => {
    const signed = signKetenrelatie(ctx, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, signed, BSN)).resolves.toBe('wi-bhh');
  });

  it('is nothing when it comes unsigned, as a caller could write it in a representation', async () => {
    await expect(verifyKetenrelatie(ctx, 'wi-bhh', BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, null, BSN)).resolves.toBeNull();
  });

  it('is nothing for another resident or another request', async () => {
    const signed = signKetenrelatie(ctx, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, signed, '900000011')).resolves.toBeNull();
    await expect(
      verifyKetenrelatie({ ...ctx, requestId: 'ffffffffffffffff' }, signed, BSN),
    ).resolves.toBeNull();
  });

  it('is nothing when signed by another key, or when it is another kind of token of werk-inkomen', async () => {
    const forger = await generateSigningKey('forger');
    const forged = signKetenrelatie({ ...ctx, keys: { ...ctx.keys, signing: forger } }, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, forged, BSN)).resolves.toBeNull();
    const grant = signToegang(
      {
        ...ctx,
        caller: { employeeId: 'km-1', organisation: 'wi-bhh', roles: ['KLANTMANAGER'], gemeenten: [] },
      },
      { bsn: BSN, casusoverlegId: '1', partners: ['swb'] },
    );
    await expect(verifyKetenrelatie(ctx, grant, BSN)).resolves.toBeNull();
  });

  /** The claims werk-inkomen writes for BSN in this request, valid for a minute from now. */
  const validClaims = (): Record<string, unknown> => {
    const now = Math.floor(Date.now() / 1000);
    return {
      bsn: BSN,
      org: 'wi-bhh',
      req: REQUEST_ID,
      iss: KETENRELATIE_ISSUER,
      aud: KETENRELATIE_AUDIENCE,
      iat: now,
      exp: now + 60,
    };
  };

  /** A chain relation as any JWT library would write it, with these header fields and claims. */
  const written = (
    header: Record<string, unknown>,
    claims: Record<string, unknown> = {},
    key: KeyLike = werkInkomen.privateKey,
  ): Promise<string> =>
    new SignJWT({ ...validClaims(), ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: werkInkomen.kid, typ: KETENRELATIE_TYPE, ...header })
      .sign(key);

  it('is a standard JWS both ways: a JWT library verifies what werk-inkomen signs, and the reverse', async () => {
    const signed = signKetenrelatie(ctx, BSN, 'wi-bhh');
    const { payload, protectedHeader } = await jwtVerify(signed, ctx.keys.toegang, {
      issuer: KETENRELATIE_ISSUER,
      audience: KETENRELATIE_AUDIENCE,
      typ: KETENRELATIE_TYPE,
      algorithms: ['ES256'],
    });
    expect(protectedHeader).toEqual({ alg: 'ES256', kid: werkInkomen.kid, typ: KETENRELATIE_TYPE });
    expect(payload).toEqual(expect.objectContaining({ bsn: BSN, org: 'wi-bhh', req: REQUEST_ID }));
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    await expect(verifyKetenrelatie(ctx, await written({}), BSN)).resolves.toBe('wi-bhh');
  });

  it('is signed and checked with an Ed25519 key as well', async () => {
    const ed = await generateSigningKey('werk-inkomen-ed', 'EdDSA');
    const edCtx = {
      ...ctx,
      keys: { ...ctx.keys, signing: ed, toegang: keyResolver({ jwks: ed.publicJwks }) },
    };
    const signed = signKetenrelatie(edCtx, BSN, 'wi-enschede');
    await expect(verifyKetenrelatie(edCtx, signed, BSN)).resolves.toBe('wi-enschede');
    // Not with werk-inkomen's ES256 key set.
    await expect(verifyKetenrelatie(ctx, signed, BSN)).resolves.toBeNull();
  });

  it('is nothing once expired, or before it is valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expect(verifyKetenrelatie(ctx, await written({}, { exp: now - 1 }), BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, await written({}, { exp: now }), BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, await written({}, { nbf: now + 60 }), BSN)).resolves.toBeNull();
  });

  it('is nothing for another issuer or audience', async () => {
    await expect(verifyKetenrelatie(ctx, await written({}, { iss: 'urn:other' }), BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, await written({}, { aud: 'urn:other' }), BSN)).resolves.toBeNull();
  });

  it('is nothing with a header werk-inkomen does not write: another type, critical or unknown fields', async () => {
    await expect(verifyKetenrelatie(ctx, await written({ typ: 'JWT' }), BSN)).resolves.toBeNull();
    // Signed with werk-inkomen's own key, so only the header can refuse it (a JWT library will not write
    // a `crit` it does not know).
    const header = { alg: 'ES256', kid: werkInkomen.kid, typ: KETENRELATIE_TYPE, crit: ['exp'] };
    const input = `${encodeSegment(header)}.${encodeSegment(validClaims())}`;
    const signature = sign('sha256', Buffer.from(input), {
      key: werkInkomen.privateKey as KeyObject,
      dsaEncoding: 'ieee-p1363',
    });
    await expect(
      verifyKetenrelatie(ctx, `${input}.${signature.toString('base64url')}`, BSN),
    ).resolves.toBeNull();
    await expect(
      verifyKetenrelatie(ctx, await written({ jku: 'https://forger.example/jwks' }), BSN),
    ).resolves.toBeNull();
  });

  it('is nothing unsigned (alg none), as an HMAC with the public key, or with a changed payload or signature', async () => {
    const signed = signKetenrelatie(ctx, BSN, 'wi-bhh');
    const [header, payload, signature] = signed.split('.') as [string, string, string];
    const none = `${encodeSegment({ alg: 'none', kid: werkInkomen.kid, typ: KETENRELATIE_TYPE })}.${payload}.`;
    await expect(verifyKetenrelatie(ctx, none, BSN)).resolves.toBeNull();
    const hmac = `${encodeSegment({ alg: 'HS256', kid: werkInkomen.kid, typ: KETENRELATIE_TYPE })}.${payload}.${signature}`;
    await expect(verifyKetenrelatie(ctx, hmac, BSN)).resolves.toBeNull();
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const changed = `${header}.${encodeSegment({ ...claims, org: 'wi-enschede' })}.${signature}`;
    await expect(verifyKetenrelatie(ctx, changed, BSN)).resolves.toBeNull();
    const flipped = Buffer.from(signature, 'base64url');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    await expect(
      verifyKetenrelatie(ctx, `${header}.${payload}.${flipped.toString('base64url')}`, BSN),
    ).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, `${header}.${payload}`, BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, `${signed}.extra`, BSN)).resolves.toBeNull();
  });
});
