import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Counter, Registry } from 'prom-client';
import { readClientManifests, type TrustedOperation } from '../gateway/trusted-documents';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../platform/config';
import type { Principal } from '../platform/auth/principals';
import { serveMetrics } from '../platform/metrics';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';
import { KETENBEELD } from './support/documents';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus' text exposition format: `name{label="value",...} number` per line; comments skipped. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`Not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(
      /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[name as string] = (value as string).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include `labels`. */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

function labelValues(samples: Sample[], label: string): Set<string> {
  return new Set(samples.flatMap((sample) => sample.labels[label] ?? []));
}

/** A partner whose connection breaks at once: the gateway answers SUBGRAPH_UNAVAILABLE for it. */
async function startBrokenServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const LIMITS: RateLimitConfig = {
  ...DEFAULT_RATE_LIMITS,
  perRole: { ...DEFAULT_RATE_LIMITS.perRole, ANALIST: 2 },
  redisUrl: null,
  residentKey: null,
};

describe('Prometheus metrics of the gateway and the subgraphs (/metrics)', () => {
  let hub: TestHub;
  let broken: Awaited<ReturnType<typeof startBrokenServer>>;
  const [bsn] = fixtureBsns(1, 1400) as [string];
  let registered: TrustedOperation[];

  const byId = (name: string): TrustedOperation => {
    const found = registered.find((operation) => operation.name === name);
    if (!found) throw new Error(`no registered operation ${name}`);
    return found;
  };

  async function post(
    body: Record<string, unknown>,
    caller: Principal | null,
    purpose = 'uitvoering',
  ): Promise<Response> {
    return fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-doelbinding': purpose,
        ...(caller ? { authorization: `Bearer ${await hub.token(caller)}` } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  async function scrape(port: number): Promise<{ text: string; samples: Sample[] }> {
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    return { text, samples: parseExposition(text) };
  }

  beforeAll(async () => {
    registered = (await readClientManifests()).flatMap((manifest) => manifest.operations);
    broken = await startBrokenServer();
    hub = await startTestHub('metrics', (orms) => insertResidents(orms, 'GM0164', [bsn]), {
      routeSubgraph: (name, url) => (name === 'werkcentrum' ? broken.url : url),
      rateLimits: LIMITS,
      // The gateway as in production (METRICS_PORT), the subgraphs as in development.
      metricsPorts: { gateway: 0 },
    });

    // A registered operation by its id: werkcentrum's part is missing (SUBGRAPH_UNAVAILABLE).
    const inwoner = await post(
      { documentId: byId('Inwoner').id, variables: { bsn } },
      PERSONAS.klantmanagerBhh,
    );
    const answer = (await inwoner.json()) as { errors?: { extensions: { code: string } }[] };
    expect(answer.errors?.map((error) => error.extensions.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);

    // Documents that are not registered, under hostile names: refused fields (FORBIDDEN).
    for (const name of ['Aanval1', 'Aanval2', `Bsn${bsn}`]) {
      const response = await post(
        { query: `query ${name} { gemeente(code: "GM0164") { inwoners(first: 5) { nodes { bsn } } } }` },
        PERSONAS.trajectbegeleider,
      );
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }

    // A document that does not parse, and one that does not validate: refused as such, and counted.
    for (const [query, code] of [
      ['query Kapot {', 'GRAPHQL_PARSE_FAILED'],
      ['query Onbekend { bestaatNiet }', 'GRAPHQL_VALIDATION_FAILED'],
    ]) {
      const response = await post({ query }, PERSONAS.klantmanagerBhh);
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.map((error) => error.extensions.code)).toEqual([code]);
    }

    // An employee over their limit: 429.
    const analist = { ...PERSONAS.analist, employeeId: 'analist-metrics' };
    const gemeenten = { documentId: byId('DashboardGemeenten').id };
    expect((await post(gemeenten, analist, 'beleidsinformatie')).status).toBe(200);
    expect((await post(gemeenten, analist, 'beleidsinformatie')).status).toBe(200);
    expect((await post(gemeenten, analist, 'beleidsinformatie')).status).toBe(429);

    // No token: 401.
    expect((await post(gemeenten, null)).status).toBe(401);

    // Straight to a subgraph, past the gateway: without a proof, and with one that is not the gateway's.
    for (const proof of [null, 'eyJhbGciOiJIUzI1NiJ9.e30.bm90LXNpZ25lZA']) {
      const response = await fetch(hub.subgraphs.werkplein.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(proof ? { 'x-gateway-proof': proof } : {}) },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
      expect(body.errors?.map((error) => error.extensions.code)).toEqual(['UNAUTHENTICATED']);
    }

    // SWB cannot write its processing log: its part is withheld.
    await hub.asOwner('swb', 'alter table verwerking rename to verwerking_onbereikbaar');
    try {
      const response = await hub.query(KETENBEELD, { bsn });
      expect(response.errors?.map((error) => error.extensions?.code as string)).toEqual(
        expect.arrayContaining(['PROCESSING_LOG_UNAVAILABLE']),
      );
    } finally {
      await hub.asOwner('swb', 'alter table verwerking_onbereikbaar rename to verwerking');
    }
  });
  afterAll(async () => {
    await hub?.close();
    await broken?.close();
  });

  it('counts and times the gateway requests by registered operation, and every other name as "other"', async () => {
    const { samples } = await scrape(hub.gateway.metricsPort);
    expect(
      total(samples, 'graphql_yoga_http_duration_count', { operationName: 'Inwoner', statusCode: '200' }),
    ).toBe(1);
    expect(total(samples, 'graphql_yoga_http_duration_count', { operationName: 'DashboardGemeenten' })).toBe(
      2,
    );
    expect(
      total(samples, 'graphql_yoga_http_duration_bucket', { operationName: 'Inwoner', le: '+Inf' }),
    ).toBe(1);
    expect(total(samples, 'graphql_envelop_request', { operationName: 'other' })).toBe(3 + 1);
    expect(total(samples, 'graphql_envelop_request_duration_count', { operationName: 'Inwoner' })).toBe(1);
    // Only registered names, and the bounded stand-ins, ever become a label.
    const names = new Set(registered.flatMap((operation) => operation.name ?? []));
    for (const value of labelValues(samples, 'operationName')) {
      expect(names.has(value) || ['anonymous', 'other', 'unknown'].includes(value)).toBe(true);
    }
    for (const value of labelValues(samples, 'operation')) {
      expect(names.has(value) || ['anonymous', 'other', 'unknown'].includes(value)).toBe(true);
    }
  });

  it('times the calls to each subgraph, by subgraph', async () => {
    const { samples } = await scrape(hub.gateway.metricsPort);
    for (const subgraph of ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum']) {
      expect(
        total(samples, 'graphql_gateway_subgraph_execute_duration_count', {
          subgraphName: subgraph,
          operationName: 'Inwoner',
        }),
      ).toBeGreaterThanOrEqual(1);
    }
    expect(
      total(samples, 'graphql_gateway_subgraph_execute_errors', { subgraphName: 'werkcentrum' }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts errors by code, naming the partner that could not answer', async () => {
    const { samples } = await scrape(hub.gateway.metricsPort);
    const errors = (labels: Record<string, string>): number =>
      total(samples, 'keten_gateway_errors_total', labels);
    expect(errors({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'werkcentrum', operation: 'Inwoner' })).toBe(1);
    expect(errors({ code: 'FORBIDDEN', operation: 'other', phase: 'execute' })).toBe(3);
    expect(errors({ code: 'PROCESSING_LOG_UNAVAILABLE', subgraph: 'swb' })).toBe(1);
    expect(errors({ code: 'GRAPHQL_PARSE_FAILED', phase: 'parse' })).toBe(1);
    expect(errors({ code: 'GRAPHQL_VALIDATION_FAILED', phase: 'validate', operation: 'other' })).toBe(1);
    expect(errors({ code: 'RATE_LIMITED', phase: 'request' })).toBe(1);
    expect(errors({ code: 'UNAUTHENTICATED', phase: 'request' })).toBe(1);
  });

  it('counts rate-limit refusals by limit', async () => {
    const { samples } = await scrape(hub.gateway.metricsPort);
    expect(total(samples, 'keten_gateway_rate_limit_refusals_total', { limit: 'medewerker' })).toBe(1);
    expect(total(samples, 'keten_gateway_rate_limit_refusals_total')).toBe(1);
  });

  it('counts and times a subgraph requests by root field, its errors by code, and failed log writes', async () => {
    const werkInkomen = (await scrape(hub.subgraphs['werk-inkomen'].port)).samples;
    expect(
      total(werkInkomen, 'keten_subgraph_request_duration_seconds_count', {
        service: 'werk-inkomen',
        operation: 'query inwoner',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(werkInkomen, 'keten_subgraph_errors_total', { code: 'FORBIDDEN', operation: 'query gemeente' }),
    ).toBe(3);
    expect(total(werkInkomen, 'keten_processing_log_write_failures_total')).toBe(0);

    const swb = (await scrape(hub.subgraphs.swb.port)).samples;
    expect(
      total(swb, 'keten_subgraph_request_duration_seconds_count', { operation: 'query _entities' }),
    ).toBeGreaterThanOrEqual(2);
    expect(total(swb, 'keten_processing_log_write_failures_total', { service: 'swb' })).toBe(1);
    expect(total(swb, 'keten_subgraph_errors_total', { code: 'PROCESSING_LOG_UNAVAILABLE' })).toBe(1);
  });

  it("counts the requests a subgraph refused for the gateway's proof, by reason", async () => {
    const werkplein = (await scrape(hub.subgraphs.werkplein.port)).samples;
    expect(total(werkplein, 'keten_subgraph_proof_refusals_total', { reason: 'missing' })).toBe(1);
    expect(total(werkplein, 'keten_subgraph_proof_refusals_total', { reason: 'refused' })).toBe(1);
    // The gateway's own requests, each with its proof, are never counted.
    const swb = (await scrape(hub.subgraphs.swb.port)).samples;
    expect(total(swb, 'keten_subgraph_proof_refusals_total')).toBe(0);
  });

  it('reports the database pool and the process of a subgraph', async () => {
    // A request that reads swb: its pool keeps the connection open (idle for 30 s) afterwards.
    expect((await hub.query(KETENBEELD, { bsn })).data?.inwoner.trajecten).toHaveLength(1);
    const { samples } = await scrape(hub.subgraphs.swb.port);
    for (const state of ['used', 'free', 'pending']) {
      const found = samples.filter(
        (sample) => sample.name === 'keten_database_pool_connections' && sample.labels.state === state,
      );
      expect(found).toHaveLength(1);
      expect(found[0]?.value).toBeGreaterThanOrEqual(0);
    }
    expect(
      total(samples, 'keten_database_pool_connections', { state: 'free' }) +
        total(samples, 'keten_database_pool_connections', { state: 'used' }),
    ).toBeGreaterThanOrEqual(1);
    expect(total(samples, 'keten_database_pool_max_connections')).toBe(10);
    expect(total(samples, 'process_cpu_seconds_total', { service: 'swb' })).toBeGreaterThan(0);
  });

  it('has no BSN anywhere in any scrape, nor a label value a caller chose', async () => {
    for (const port of [hub.gateway.metricsPort, ...Object.values(hub.subgraphs).map((s) => s.port)]) {
      const { text, samples } = await scrape(port);
      expect(text).not.toContain(bsn);
      expect(text).not.toContain('Aanval');
      for (const sample of samples) {
        for (const value of Object.values(sample.labels)) expect(value).not.toMatch(/\d{9}/);
      }
    }
  });

  it('serves /metrics on a port of its own when one is given, and nothing else there', async () => {
    expect(hub.gateway.metricsPort).not.toBe(hub.gateway.port);
    // Not on the port an ingress publishes, not even as a page of the web client.
    expect((await fetch(`http://127.0.0.1:${hub.gateway.port}/metrics`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${hub.gateway.metricsPort}/graphql`)).status).toBe(404);

    const registry = new Registry();
    new Counter({ name: 'keten_test_total', help: 'test', registers: [registry] }).inc(2);
    const listener = await serveMetrics(registry, { port: 0, host: '127.0.0.1' });
    try {
      expect(total((await scrape(listener.port)).samples, 'keten_test_total')).toBe(2);
    } finally {
      await listener.close();
    }
  });
});
