import { SignJWT } from 'jose';
import { generateSigningKey, ISSUER_ALGORITHM } from '../platform/auth/keys';
import { signEmployeeToken } from '../platform/auth/local-tokens';
import { generateProofKey, PROOF_HEADER, PROOF_ISSUER, signProof } from '../platform/auth/proofs';
import { newTransactionId } from '../platform/fsc';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../platform/config';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';
import { startHttpRecorder, type HttpRecorder } from './support/proxies';

const QUERY = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      naam
      trajecten {
        soort
      }
    }
  }
`;

describe('Authentication: a verified caller at the gateway, and only the gateway at the subgraphs', () => {
  let hub: TestHub;
  /** Sees every request between the gateway and swb, as anyone on that path would. */
  let onThePath: HttpRecorder;
  const [bsn] = fixtureBsns(1, 900) as [string];

  beforeAll(async () => {
    onThePath = await startHttpRecorder();
    hub = await startTestHub('auth', (orms) => insertResidents(orms, 'GM0164', [bsn]), {
      routeSubgraph: (name, url) => {
        if (name !== 'swb') return url;
        onThePath.target = url;
        return onThePath.url;
      },
    });
  });
  afterAll(async () => {
    await hub?.close();
    await onThePath?.close();
  });

  async function post(
    url: string,
    headers: Record<string, string>,
    body: unknown = { query: QUERY, variables: { bsn } },
  ) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-doelbinding': 'uitvoering', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: any[] } };
  }

  it('answers a request with a valid token', async () => {
    const response = await hub.query(QUERY, { bsn });
    expect(response.errors).toBeUndefined();
    expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
  });

  it('refuses a request without a token with UNAUTHENTICATED and no data', async () => {
    const response = await hub.query(QUERY, { bsn }, { as: null });
    expect(response.status).toBe(401);
    expect(response.data ?? null).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'A bearer token is required.',
        extensions: { code: 'UNAUTHENTICATED' },
      }),
    ]);
  });

  it.each([
    [
      'signed by an unknown key',
      async () =>
        signEmployeeToken(await generateSigningKey('x', ISSUER_ALGORITHM), PERSONAS.klantmanagerBhh),
    ],
    ['expired', (hub: TestHub) => hub.token(PERSONAS.klantmanagerBhh).then(() => expiredToken())],
    ['garbage', () => Promise.resolve('not.a.jwt')],
  ])('refuses a token %s', async (_case, make) => {
    const token = await make(hub);
    const { status, body } = await post(hub.gateway.url, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
  });

  async function expiredToken(): Promise<string> {
    // A token of a foreign key is refused for its signature already; expiry is checked in the unit tests.
    const key = await generateSigningKey('expired', ISSUER_ALGORITHM);
    return new SignJWT({ org: 'wi-bhh', roles: ['KLANTMANAGER'], gemeenten: ['GM0164'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('x')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(DEFAULT_AUDIENCE)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key.privateKey);
  }

  it('refuses claims outside ACCESS.md (unknown role or organisation)', async () => {
    for (const caller of [
      { ...PERSONAS.klantmanagerBhh, roles: ['BEHEERDER'] },
      { ...PERSONAS.klantmanagerBhh, organisation: 'onbekend' },
    ]) {
      const token = await hub.token(caller as never);
      const { status, body } = await post(hub.gateway.url, { authorization: `Bearer ${token}` });
      expect(status).toBe(401);
      expect(body.errors?.[0]?.message).toBe(
        'The bearer token lacks valid claims: org, roles and gemeenten of an employee, or role INWONER and bsn of a resident.',
      );
    }
  });

  it('refuses an unknown purpose with BAD_USER_INPUT', async () => {
    const response = await hub.query(QUERY, { bsn }, { purpose: 'nieuwsgierigheid' });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('a subgraph called directly', () => {
    const entities = {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Inwoner { trajecten { soort } } } }',
      variables: { r: [{ __typename: 'Inwoner', bsn, uitkeringsorganisatie: 'wi-bhh' }] },
    };

    /** The proof and body of the gateway's latest request to swb, as seen on the path. */
    async function capturedSwbRequest(): Promise<{ proof: string; body: string }> {
      onThePath.requests.length = 0;
      const response = await hub.query(QUERY, { bsn });
      expect(response.data?.inwoner.trajecten).toHaveLength(1);
      const [captured] = onThePath.requests;
      const proof = captured?.headers[PROOF_HEADER];
      if (typeof proof !== 'string' || !captured) throw new Error('no proof seen on the path to swb');
      return { proof, body: captured.body };
    }

    async function send(subgraph: 'swb' | 'werkplein', headers: Record<string, string>, body: string) {
      const response = await fetch(hub.subgraphs[subgraph].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: any[] } };
    }

    it('refuses a request without the gateway’s proof, even with a valid employee token', async () => {
      const token = await hub.token(PERSONAS.trajectbegeleider);
      const { status, body } = await post(
        hub.subgraphs.swb.url,
        { authorization: `Bearer ${token}` },
        entities,
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    });

    it('refuses a proof with forged claims signed by another key', async () => {
      const body = JSON.stringify(entities);
      const forged = signProof(
        generateProofKey(),
        'swb',
        {
          caller: PERSONAS.trajectbegeleider,
          purpose: 'uitvoering',
          traceId: 'a'.repeat(32),
          requestId: 'b'.repeat(16),
          transactionId: newTransactionId(),
        },
        body,
      );
      const response = await send('swb', { [PROOF_HEADER]: forged }, body);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an employee token presented as a proof', async () => {
      const token = await hub.token(PERSONAS.trajectbegeleider);
      const { status } = await send('swb', { [PROOF_HEADER]: token }, JSON.stringify(entities));
      expect(status).toBe(401);
      expect(PROOF_ISSUER).not.toBe(LOCAL_ISSUER);
    });

    it('refuses a proof captured on the path to swb at another partner’s subgraph', async () => {
      const { proof, body } = await capturedSwbRequest();
      const response = await send('werkplein', { [PROOF_HEADER]: proof }, body);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a captured proof at swb itself with another body, such as a forged representation', async () => {
      const { proof } = await capturedSwbRequest();
      const response = await send('swb', { [PROOF_HEADER]: proof }, JSON.stringify(entities));
      expect(response.status).toBe(401);
      expect(response.body.data ?? null).toBeNull();
    });

    it('refuses a captured proof on its second use, with the very same body', async () => {
      const { proof, body } = await capturedSwbRequest();
      const replay = await send('swb', { [PROOF_HEADER]: proof }, body);
      expect(replay.status).toBe(401);
      expect(replay.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
