import { randomBytes } from 'node:crypto';
import { LogWriter, type LogRows } from '../platform/audit/log-writer';
import { onSqlStatement } from '../platform/database';
import { startTestHub, type TestHub } from './support/hub';

/** One request's actor record and one line, as the audit trail makes them. */
function requestRows(traceId: string, uitkomst = 'TOEGESTAAN'): LogRows {
  const spanId = randomBytes(8).toString('hex');
  const now = Date.now();
  return {
    actor: [traceId, spanId, 'tb-swb-1', 'swb', '{TRAJECTBEGELEIDER}', 'uitvoering', now],
    lines: [
      [
        traceId,
        spanId,
        null,
        'lezen trajecten',
        now,
        now,
        'swb',
        'https://example.org/verwerkingsactiviteiten/test',
        'c'.repeat(64),
        'bsn-hmac-sha256',
        'urn:twente-ketenhub:gateway',
        '{trajecten}',
        uitkomst,
        null,
      ],
    ],
  };
}

describe('LogWriter: the lines of requests that finish together are committed together', () => {
  let hub: TestHub;

  beforeAll(async () => {
    hub = await startTestHub('logschrijver');
  });
  afterAll(() => hub?.close());

  async function committed(traceIds: string[]): Promise<{ lines: number; actors: number }> {
    const [row] = await hub.asOwner<{ lines: string; actors: string }>(
      'swb',
      `select (select count(*) from verwerking where trace_id = any($1)) as lines,
              (select count(*) from verwerking_actor where trace_id = any($1)) as actors`,
      [traceIds],
    );
    return { lines: Number(row?.lines), actors: Number(row?.actors) };
  }

  it('writes twenty requests in two statements, and each request learns its lines are committed', async () => {
    const writer = new LogWriter(hub.orms.swb.em);
    const traceIds = Array.from({ length: 20 }, () => randomBytes(16).toString('hex'));
    let statements = 0;
    const stop = onSqlStatement(hub.orms.swb, () => (statements += 1));
    // The first goes at once; the other nineteen arrive while it is under way and go together.
    try {
      await Promise.all(traceIds.map((traceId) => writer.write(requestRows(traceId))));
    } finally {
      stop();
    }
    expect(statements).toBe(2);
    await expect(committed(traceIds)).resolves.toEqual({ lines: 20, actors: 20 });
  });

  it('fails only the request whose lines cannot be written, not the others it was batched with', async () => {
    const writer = new LogWriter(hub.orms.swb.em);
    const good = Array.from({ length: 5 }, () => randomBytes(16).toString('hex'));
    const bad = randomBytes(16).toString('hex');
    const first = writer.write(requestRows(randomBytes(16).toString('hex')));
    const outcomes = await Promise.allSettled([
      first,
      ...good.slice(0, 2).map((traceId) => writer.write(requestRows(traceId))),
      // An outcome the log's check constraint refuses: the whole shared statement fails with it.
      writer.write(requestRows(bad, 'MISSCHIEN')),
      ...good.slice(2).map((traceId) => writer.write(requestRows(traceId))),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    await expect(committed(good)).resolves.toEqual({ lines: 5, actors: 5 });
    await expect(committed([bad])).resolves.toEqual({ lines: 0, actors: 0 });
  });
});
