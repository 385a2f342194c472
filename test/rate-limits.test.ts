import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { callerRateLimiter } from '../gateway/rate-limits';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../platform/config';
import type { Principal } from '../platform/auth/principals';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';

const DOCUMENT = 'query Wie { __typename }';

/** Tight limits, so a test reaches them in a few requests. */
const LIMITS: RateLimitConfig = {
  ...DEFAULT_RATE_LIMITS,
  perRole: { ...DEFAULT_RATE_LIMITS.perRole, ANALIST: 3, KLANTMANAGER: 2, INWONER: 2 },
  perOrganisation: 4,
  redisUrl: null,
  residentKey: null,
};

describe('rate limits at the gateway: per employee, per organisation, per resident', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('ratelimit', undefined, { rateLimits: LIMITS });
  });
  afterAll(() => hub?.close());

  async function send(caller: Principal): Promise<Response> {
    return fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.token(caller)}`,
        'x-doelbinding': 'beleidsinformatie',
      },
      body: JSON.stringify({ query: DOCUMENT }),
    });
  }

  it('answers an employee up to the limit of their role, then 429 with Retry-After and the reason', async () => {
    const analist = { ...PERSONAS.analist, employeeId: 'analist-limiet' };
    for (let i = 0; i < 3; i++) expect((await send(analist)).status).toBe(200);
    const refused = await send(analist);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowSeconds);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^Too many requests \(limit per medewerker\): try again in \d+ s\.$/,
          ),
          extensions: { code: 'RATE_LIMITED' },
        },
      ],
    });
  });

  it('counts the employees of one organisation together, and another organisation apart', async () => {
    const collega = (id: string): Principal => ({
      ...PERSONAS.klantmanagerEnschede,
      employeeId: id,
    });
    expect((await send(collega('km-a'))).status).toBe(200);
    expect((await send(collega('km-a'))).status).toBe(200);
    expect((await send(collega('km-b'))).status).toBe(200);
    expect((await send(collega('km-b'))).status).toBe(200);
    // Each is within their own limit of 2, but the organisation has used its 4.
    const refused = await send(collega('km-c'));
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { errors: { message: string }[] }).errors[0]?.message).toContain(
      'limit per organisatie',
    );
    expect((await send({ ...PERSONAS.klantmanagerBhh, employeeId: 'km-bhh-limiet' })).status).toBe(200);
  });

  it('limits a resident on their own', async () => {
    const inwoner: Principal = { bsn: '900000004', roles: ['INWONER'] };
    expect((await send(inwoner)).status).toBe(200);
    expect((await send(inwoner)).status).toBe(200);
    expect((await send(inwoner)).status).toBe(429);
    expect((await send({ bsn: '900000016', roles: ['INWONER'] })).status).toBe(200);
  });

  it('refuses a request without a token as before: 401, not counted against anyone', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: DOCUMENT }),
    });
    expect(response.status).toBe(401);
  });
});

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether a Redis server answers at the test URL (it runs on the development and CI machines). */
function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

describe('rate limits shared through Redis', () => {
  const employee = (): Principal => ({
    ...PERSONAS.analist,
    employeeId: `analist-${randomBytes(6).toString('hex')}`,
  });

  it('two gateway replicas count one employee together', async () => {
    if (!(await redisAnswers())) {
      console.warn(`No Redis at ${REDIS_URL} (set TEST_REDIS_URL): the shared count is not tested here.`);
      return;
    }
    const config = { ...LIMITS, redisUrl: REDIS_URL, residentKey: randomBytes(32) };
    const [eerste, tweede] = [callerRateLimiter(config), callerRateLimiter(config)];
    try {
      await Promise.all([eerste.connected(), tweede.connected()]);
      const analist = employee();
      expect((await eerste.admit(analist)).admitted).toBe(true);
      expect((await tweede.admit(analist)).admitted).toBe(true);
      expect((await eerste.admit(analist)).admitted).toBe(true);
      expect(await tweede.admit(analist)).toEqual({
        admitted: false,
        retryAfterSeconds: expect.any(Number),
        limit: 'medewerker',
      });
      // A resident is counted under a keyed hash: the store never holds the BSN.
      const bsn = '900000028';
      await eerste.admit({ bsn, roles: ['INWONER'] });
      const store = new Redis(REDIS_URL);
      const keys = await store.keys('keten:rl:inwoner*').finally(() => store.quit());
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => key.includes(bsn))).toEqual([]);
    } finally {
      await Promise.all([eerste.close(), tweede.close()]);
    }
  });

  it('with Redis unreachable, each replica keeps counting in memory rather than refusing everyone', async () => {
    const limiter = callerRateLimiter({ ...LIMITS, redisUrl: 'redis://127.0.0.1:1', residentKey: null });
    try {
      const analist = employee();
      for (let i = 0; i < 3; i++) expect((await limiter.admit(analist)).admitted).toBe(true);
      expect((await limiter.admit(analist)).admitted).toBe(false);
    } finally {
      await limiter.close();
    }
  });
});
