import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';

/** Sends a body of `size` bytes without a declared length (chunked), as a streaming client would. */
function postChunked(url: string, size: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let sent = 0; sent < size; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

describe('Gateway: what it does around the query', () => {
  let hub: TestHub;
  const [bsn] = fixtureBsns(1, 1400) as [string];

  beforeAll(async () => {
    hub = await startTestHub('gateway', (orms) => insertResidents(orms, 'GM0164', [bsn]));
  });
  afterAll(() => hub?.close());

  it('answers a body over 1 MB with a 413 the client can read, with and without a declared length', async () => {
    const big = JSON.stringify({ query: `{ gemeenten { naam } } #${'x'.repeat(1_100_000)}` });
    const declared = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({
      errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }],
    });
    const chunked = await postChunked(hub.gateway.url, 2_000_000);
    expect(chunked.status).toBe(413);
    expect(JSON.parse(chunked.body).errors[0].extensions.code).toBe('BAD_REQUEST');
    // The gateway keeps answering.
    expect((await hub.query('{ gemeenten { naam } }')).data?.gemeenten).toHaveLength(4);
  });

  it('answers a subgraph body over 1 MB with a 413 too', async () => {
    const response = await fetch(hub.subgraphs.swb.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1_100_000)}` }),
    });
    expect(response.status).toBe(413);
  });

  it('answers GraphQL over POST only: a GET would put the document and a BSN in the URL', async () => {
    const url = new URL(hub.gateway.url);
    url.searchParams.set('query', `{ inwoner(bsn: "${bsn}") { naam } }`);
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${await hub.token(PERSONAS.klantmanagerBhh)}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(JSON.stringify(await response.json())).not.toContain('Inwoner');
  });

  it('refuses a simple cross-site request (a form post) that a browser sends without asking first', async () => {
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Bearer ${await hub.token(PERSONAS.klantmanagerBhh)}`,
        'x-doelbinding': 'uitvoering',
      },
      body: `query=${encodeURIComponent(`{ inwoner(bsn: "${bsn}") { naam } }`)}`,
    });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(JSON.parse(body).errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body).not.toContain(`Inwoner ${bsn}`);
  });

  it('serves health and readiness for probes, at the gateway and at each subgraph', async () => {
    for (const url of [hub.gateway.url, hub.subgraphs.werkplein.url]) {
      expect((await fetch(new URL('/healthz', url))).status).toBe(200);
      expect((await fetch(new URL('/readyz', url))).status).toBe(200);
    }
  });

  it('never hands one caller’s subgraph answer to another who asks the same at the same moment', async () => {
    // The engine's HTTP executor would merge identical subgraph requests in flight (same URL and body),
    // whoever they are for: the second caller would get the first caller's answer, unlogged.
    const dashboard =
      '{ gemeente(code: "GM0164") { naam bijstand(periode: { jaar: 2024 }) { instroom { waarde } } } }';
    for (let round = 0; round < 10; round++) {
      const [analist, klantmanager] = await Promise.all([
        hub.query(dashboard, {}, { as: 'analist', purpose: 'beleidsinformatie' }),
        hub.query(dashboard, {}, { as: 'klantmanagerBhh', purpose: 'beleidsinformatie' }),
      ]);
      expect(analist.errors).toBeUndefined();
      expect(analist.data?.gemeente.bijstand).not.toBeNull();
      expect(klantmanager.data?.gemeente.bijstand).toBeNull();
      expect(klantmanager.errors?.map((error): unknown => error.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('takes over the caller’s W3C trace id: every subgraph logs the processing under it', async () => {
    const traceId = randomBytes(16).toString('hex');
    const response = await hub.query(
      /* GraphQL */ `
        query ($bsn: BSN!) {
          inwoner(bsn: $bsn) {
            naam
            trajecten {
              soort
            }
          }
        }
      `,
      { bsn },
      { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } },
    );
    expect(response.errors).toBeUndefined();
    for (const subgraph of ['werk-inkomen', 'swb'] as const) {
      const rows = await hub.asOwner(
        subgraph,
        'select count(*)::int as n from verwerking where trace_id = $1',
        [traceId],
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    }
  });
});
