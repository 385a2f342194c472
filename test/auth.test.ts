import { SignJWT } from 'jose';
import { generateSigningKey, ISSUER_ALGORITHM } from '../platform/auth/keys';
import { signEmployeeToken } from '../platform/auth/local-tokens';
import {
  GATEWAY_ISSUER,
  GATEWAY_TOKEN_HEADER,
  signGatewayToken,
  SUBGRAPH_AUDIENCE,
} from '../platform/auth/tokens';
import { DEFAULT_AUDIENCE, LOCAL_ISSUER } from '../platform/config';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';

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
  const [bsn] = fixtureBsns(1, 900) as [string];

  beforeAll(async () => {
    hub = await startTestHub('auth', (orms) => insertResidents(orms, 'GM0164', [bsn]));
  });
  afterAll(() => hub?.close());

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

  it('publishes the public key of its statements to the subgraphs', async () => {
    const response = await fetch(new URL('/.well-known/jwks.json', hub.gateway.url));
    const jwks = (await response.json()) as { keys: { kty: string; crv: string; d?: string }[] };
    expect(jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  describe('a subgraph called directly', () => {
    const entities = {
      query:
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Inwoner { trajecten { soort } } } }',
      variables: { r: [{ __typename: 'Inwoner', bsn, uitkeringsorganisatie: 'wi-bhh' }] },
    };

    it('refuses a request without the gateway statement, even with a valid employee token', async () => {
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

    it('refuses a statement with forged claims signed by another key', async () => {
      const forger = await generateSigningKey('forger');
      const forged = await signGatewayToken(forger, {
        caller: PERSONAS.trajectbegeleider,
        purpose: 'uitvoering',
        traceId: 'a'.repeat(32),
        requestId: 'b'.repeat(16),
      });
      const { status, body } = await post(
        hub.subgraphs.swb.url,
        { [GATEWAY_TOKEN_HEADER]: forged },
        entities,
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses an employee token presented as a gateway statement', async () => {
      const token = await hub.token(PERSONAS.trajectbegeleider);
      const { status } = await post(hub.subgraphs.swb.url, { [GATEWAY_TOKEN_HEADER]: token }, entities);
      expect(status).toBe(401);
      expect([GATEWAY_ISSUER, SUBGRAPH_AUDIENCE]).not.toContain(LOCAL_ISSUER);
    });
  });
});
