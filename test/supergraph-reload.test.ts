import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SupergraphEvent } from '../gateway/supergraph';
import { DEFAULT_SUPERGRAPH_FILE } from '../gateway/supergraph';
import { startHttpRecorder, type HttpRecorder } from './support/proxies';
import { startTestHub, type TestHub } from './support/hub';

const GRONDSLAGEN_FIELD = 'grondslagen: [WettelijkeGrondslag!]! @join__field(graph: WERK_INKOMEN)';
const GRONDSLAGEN = /* GraphQL */ `
  query Grondslagen {
    grondslagen {
      code
    }
  }
`;
const GEMEENTEN = /* GraphQL */ `
  query Gemeenten {
    gemeenten {
      code
    }
  }
`;
/** Two steps: the gemeenten from werk-inkomen, then each one's statistic from werkcentrum. */
const CIJFERS = /* GraphQL */ `
  query Cijfers {
    gemeenten {
      code
      werkcentrum(periode: { jaar: 2024 }) {
        gestart {
          waarde
        }
      }
    }
  }
`;

/** Every supergraph event of a hub, and a way to wait for the next one of a kind. */
function supergraphEvents() {
  const seen: SupergraphEvent[] = [];
  const waiting: { kind: SupergraphEvent['kind']; resolve: (event: SupergraphEvent) => void }[] = [];
  return {
    seen,
    record(event: SupergraphEvent) {
      seen.push(event);
      const index = waiting.findIndex((waiter) => waiter.kind === event.kind);
      if (index >= 0) waiting.splice(index, 1)[0]?.resolve(event);
    },
    next(kind: SupergraphEvent['kind']): Promise<SupergraphEvent> {
      return new Promise((resolve) => waiting.push({ kind, resolve }));
    },
  };
}

/** Replaces a file at once, as a deployment should: a poll never reads it half written. */
async function replaceFile(path: string, text: string): Promise<void> {
  await writeFile(`${path}.new`, text);
  await rename(`${path}.new`, path);
}

async function readyz(hub: TestHub): Promise<number> {
  return (await fetch(new URL('/readyz', hub.gateway.url))).status;
}

describe('Supergraph reload: the gateway takes a new supergraph without a restart and fails closed', () => {
  let composed: string;
  let withoutGrondslagen: string;
  let folder: string;

  beforeAll(async () => {
    composed = await readFile(DEFAULT_SUPERGRAPH_FILE, 'utf8');
    expect(composed).toContain(GRONDSLAGEN_FIELD);
    // The field and its description: the supergraph of before werk-inkomen offered the register.
    const field = composed.indexOf(GRONDSLAGEN_FIELD);
    const description = composed.lastIndexOf('  """', composed.lastIndexOf('  """', field) - 1);
    withoutGrondslagen =
      composed.slice(0, description) + composed.slice(field + GRONDSLAGEN_FIELD.length + 1);
    expect(withoutGrondslagen).not.toContain('grondslagen:');
    folder = await mkdtemp(join(tmpdir(), 'supergraph-'));
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  describe('from a file', () => {
    let hub: TestHub;
    let werkInkomen: HttpRecorder;
    const events = supergraphEvents();
    const file = (): string => join(folder, 'supergraph.graphql');

    beforeAll(async () => {
      await replaceFile(file(), withoutGrondslagen);
      werkInkomen = await startHttpRecorder();
      hub = await startTestHub('reload', undefined, {
        supergraph: { file: file(), url: null, pollIntervalMs: 50 },
        onSupergraph: (event) => events.record(event),
        routeSubgraph: (name, url) => {
          if (name !== 'werk-inkomen') return url;
          werkInkomen.target = url;
          return werkInkomen.url;
        },
      });
    });

    afterAll(async () => {
      await hub?.close();
      await werkInkomen?.close();
    });

    it('finishes a slow query on the supergraph it started with, then answers the new field', async () => {
      const before = await hub.query(GRONDSLAGEN);
      expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      // werk-inkomen is slow: its requests wait until the test lets them through.
      const release = werkInkomen.hold();
      const held = werkInkomen.nextRequest();
      const sent = werkInkomen.requests.length;
      const slow = hub.query(CIJFERS, {}, { as: 'analist', purpose: 'beleidsinformatie' });
      await held;

      const applied = events.next('applied');
      await replaceFile(file(), composed);
      await applied;

      release();
      const answer = await slow;
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.gemeenten.length).toBeGreaterThan(0);
      expect(answer.data?.gemeenten[0].werkcentrum.gestart).toEqual({ waarde: expect.any(Number) });
      // Finished, not aborted and sent again on the new supergraph.
      expect(werkInkomen.requests.length - sent).toBe(1);

      const after = await hub.query(GRONDSLAGEN);
      expect(after.errors).toBeUndefined();
      expect(after.data?.grondslagen.length).toBeGreaterThan(0);
    });

    it.each([
      ['does not parse', () => 'type Query {', /Syntax Error/],
      [
        'names a subgraph without a URL here',
        () =>
          composed.replace(
            '  SWB @join__graph',
            '  NERGENS @join__graph(name: "nergens", url: "http://localhost:4999/graphql")\n  SWB @join__graph',
          ),
        /No URL configured for subgraph nergens/,
      ],
      [
        'does not plan',
        () => composed.replace(GRONDSLAGEN_FIELD, GRONDSLAGEN_FIELD.replace('WERK_INKOMEN', 'NERGENS')),
        /query planner refused it: .*grondslagen/,
      ],
    ])('refuses a supergraph that %s, and the current one keeps serving', async (_case, text, reason) => {
      const refused = events.next('refused');
      await replaceFile(file(), text());
      expect(await refused).toMatchObject({ kind: 'refused', reason: expect.stringMatching(reason) });

      const answer = await hub.query(GRONDSLAGEN);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.grondslagen.length).toBeGreaterThan(0);
      expect(await readyz(hub)).toBe(200);
    });

    it('takes the composed supergraph back after a refused one', async () => {
      // The refused supergraph is still in the file; the composed one is the one serving.
      const applied = events.next('applied');
      await replaceFile(file(), withoutGrondslagen);
      await applied;
      expect((await hub.query(GRONDSLAGEN)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(events.seen.filter((event) => event.kind === 'refused')).toHaveLength(3);
    });
  });

  it('does not start a gateway whose first supergraph does not parse', async () => {
    const broken = join(folder, 'broken.graphql');
    await replaceFile(broken, 'type Query {');
    await expect(
      startTestHub('reload_start', undefined, {
        supergraph: { file: broken, url: null, pollIntervalMs: 0 },
      }),
    ).rejects.toThrow(/Syntax Error/);
  });

  describe('from a URL', () => {
    let hub: TestHub;
    let server: Server;
    let served: { status: number; body: string } = { status: 200, body: '' };
    const events = supergraphEvents();

    beforeAll(async () => {
      served = { status: 200, body: withoutGrondslagen };
      server = createServer((_req, res) => res.writeHead(served.status).end(served.body));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph.graphql`;
      hub = await startTestHub('reload_url', undefined, {
        supergraph: { file: DEFAULT_SUPERGRAPH_FILE, url, pollIntervalMs: 50 },
        onSupergraph: (event) => events.record(event),
      });
    });

    afterAll(async () => {
      await hub?.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('keeps serving while the URL fails, and takes the new supergraph once it answers again', async () => {
      const unreachable = events.next('unreachable');
      served = { status: 503, body: 'maintenance' };
      expect(await unreachable).toMatchObject({ reason: expect.stringContaining('HTTP 503') });
      expect((await hub.query(GEMEENTEN)).errors).toBeUndefined();
      expect(await readyz(hub)).toBe(200);

      const applied = events.next('applied');
      served = { status: 200, body: composed };
      await applied;
      const answer = await hub.query(GRONDSLAGEN);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.grondslagen.length).toBeGreaterThan(0);
    });
  });
});
