import { generateSigningKey, type SigningKey } from '../auth/keys';
import { signKetenrelatie, verifyKetenrelatie } from '../auth/ketenrelatie';
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
    const signed = await signKetenrelatie(ctx, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, signed, BSN)).resolves.toBe('wi-bhh');
  });

  it('is nothing when it comes unsigned, as a caller could write it in a representation', async () => {
    await expect(verifyKetenrelatie(ctx, 'wi-bhh', BSN)).resolves.toBeNull();
    await expect(verifyKetenrelatie(ctx, null, BSN)).resolves.toBeNull();
  });

  it('is nothing for another resident or another request', async () => {
    const signed = await signKetenrelatie(ctx, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, signed, '900000011')).resolves.toBeNull();
    await expect(
      verifyKetenrelatie({ ...ctx, requestId: 'ffffffffffffffff' }, signed, BSN),
    ).resolves.toBeNull();
  });

  it('is nothing when signed by another key, or when it is another kind of token of werk-inkomen', async () => {
    const forger = await generateSigningKey('forger');
    const forged = await signKetenrelatie({ ...ctx, keys: { ...ctx.keys, signing: forger } }, BSN, 'wi-bhh');
    await expect(verifyKetenrelatie(ctx, forged, BSN)).resolves.toBeNull();
    const grant = await signToegang(
      {
        ...ctx,
        caller: { employeeId: 'km-1', organisation: 'wi-bhh', roles: ['KLANTMANAGER'], gemeenten: [] },
      },
      { bsn: BSN, casusoverlegId: '1', partners: ['swb'] },
    );
    await expect(verifyKetenrelatie(ctx, grant, BSN)).resolves.toBeNull();
  });
});
