import { captureLogs } from '../platform/logger';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';
import { KETENBEELD } from './support/documents';
import {
  databaseThrough,
  startDatabaseProxy,
  startSilentServer,
  type SilentServer,
  type TcpProxy,
} from './support/proxies';

describe('Faults: a partner whose database does not answer', () => {
  let hub: TestHub;
  /** Between swb and its database: cut, it is a stopped server; restored, the server is back. */
  let swbDatabase: TcpProxy;
  const [bsn] = fixtureBsns(1, 1300) as [string];
  const consoleLines: unknown[] = [];

  beforeAll(async () => {
    swbDatabase = await startDatabaseProxy();
    hub = await startTestHub('faults', (orms) => insertResidents(orms, 'GM0164', [bsn]), {
      routeDatabase: databaseThrough(swbDatabase, 'swb'),
    });
    for (const method of ['log', 'info', 'warn', 'error'] as const) {
      jest.spyOn(console, method).mockImplementation((...line: unknown[]) => void consoleLines.push(line));
    }
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await hub?.close();
    await swbDatabase?.close();
  });

  it('answers fully while the database answers', async () => {
    const response = await hub.query(KETENBEELD, { bsn });
    expect(response.errors).toBeUndefined();
    expect(response.data?.inwoner.trajecten).toHaveLength(1);
  });

  it('names the partner whose database is gone, and the other partners still answer', async () => {
    swbDatabase.cut();
    const logs = captureLogs();
    const response = await hub.query(KETENBEELD, { bsn }).finally(() => logs.stop());
    expect(response.status).toBe(200);
    expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
    expect(response.data?.inwoner.plaatsingen).toHaveLength(1);
    expect(response.data?.inwoner.trajecten).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Subgraph swb cannot reach its database; its part of the answer is missing.',
        extensions: { code: 'PARTNER_UNAVAILABLE', serviceName: 'swb' },
      }),
    ]);
    expect(JSON.stringify(response)).not.toMatch(/127\.0\.0\.1|ECONN|postgres|Knex/i);
    // The operator reads the refusal as a warning with the partner's code; the other fetches as usual.
    const fetches = logs.lines.filter((line) => line.msg === 'subgraph request');
    expect(fetches.filter((line) => line.partner === 'swb')).toEqual([
      expect.objectContaining({ level: 40, outcome: expect.any(Number), code: 'PARTNER_UNAVAILABLE' }),
    ]);
    const others = fetches.filter((line) => line.partner !== 'swb');
    expect(others.map((line) => line.partner)).toContain('werk-inkomen');
    for (const line of others) expect([line.level, line.outcome]).toEqual([30, 200]);
  });

  it('says it is not ready while its database is gone', async () => {
    const ready = await fetch(new URL('/readyz', hub.subgraphs.swb.url));
    expect(ready.status).toBe(503);
    const alive = await fetch(new URL('/healthz', hub.subgraphs.swb.url));
    expect(alive.status).toBe(200);
  });

  it('recovers by itself when the database is back', async () => {
    swbDatabase.restore();
    const response = await hub.query(KETENBEELD, { bsn });
    expect(response.errors).toBeUndefined();
    expect(response.data?.inwoner.trajecten).toHaveLength(1);
    expect((await fetch(new URL('/readyz', hub.subgraphs.swb.url))).status).toBe(200);
  });

  it('wrote nothing outside the structured log', () => {
    expect(consoleLines).toEqual([]);
  });
});

describe('Faults: a partner whose subgraph hangs', () => {
  let hub: TestHub;
  let hanging: SilentServer;
  const [bsn] = fixtureBsns(1, 1350) as [string];

  beforeAll(async () => {
    hanging = await startSilentServer();
    hub = await startTestHub('hangs', (orms) => insertResidents(orms, 'GM0164', [bsn]), {
      routeSubgraph: (name, url) => (name === 'werkplein' ? hanging.url : url),
      upstreamTimeoutMs: 1000,
    });
  });
  afterAll(async () => {
    await hub?.close();
    await hanging?.close();
  });

  it('gives up on its part after the timeout, names it, and answers the rest', async () => {
    const response = await hub.query(KETENBEELD, { bsn });
    expect(response.data?.inwoner.naam).toBe(`Inwoner ${bsn}`);
    expect(response.data?.inwoner.trajecten).toHaveLength(1);
    expect(response.data?.inwoner.plaatsingen).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'Subgraph werkplein is not available; its part of the answer is missing.',
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'werkplein' },
      }),
    ]);
  });
});
