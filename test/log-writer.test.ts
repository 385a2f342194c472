import { randomBytes, randomUUID } from 'node:crypto';
import { LogWriter, logStatement, type LogRows } from '../platform/audit/log-writer';
import { onSqlStatement } from '../platform/database';
import { isProofReplay, sweepProofUses, type ProofUse } from '../platform/auth/proof-uses';
import { startTestHub, type TestHub } from './support/hub';

/** A proof's use, as a subgraph records it: valid for seconds. */
function proofUse(): ProofUse {
  return { jti: randomUUID(), expiresAt: Date.now() + 7000 };
}

/** One request's actor record and one line, as the audit trail makes them. */
function requestRows(traceId: string, uitkomst = 'TOEGESTAAN', proof: ProofUse | null = null): LogRows {
  const spanId = randomBytes(8).toString('hex');
  const now = Date.now();
  return {
    proof,
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

  it('sends one prepared text per shape, whatever the number of requests and lines', async () => {
    const one = logStatement([requestRows(randomBytes(16).toString('hex'), 'TOEGESTAAN', proofUse())]);
    const many = logStatement(
      Array.from({ length: 20 }, () =>
        requestRows(randomBytes(16).toString('hex'), 'TOEGESTAAN', proofUse()),
      ),
    );
    expect(many.sql).toBe(one.sql);
    // One array per column: 2 of the proof, 7 of the actor record, 14 of a line.
    expect(many.params).toHaveLength(23);
    expect(many.params.every((param) => Array.isArray(param) && param.length === 20)).toBe(true);

    const knex = hub.orms.swb.em.getConnection().getKnex();
    const names: unknown[] = [];
    const listener = (query: { sql: string; options?: { name?: string } }): void => {
      if (query.sql.includes('verwerking')) names.push(query.options?.name);
    };
    knex.on('query', listener);
    try {
      await new LogWriter(hub.orms.swb.em).write(requestRows(randomBytes(16).toString('hex')));
    } finally {
      knex.off('query', listener);
    }
    expect(names).toEqual([expect.stringMatching(/^keten_[0-9a-f]{32}$/)]);
  });

  it('writes every column of rows that differ in which columns are empty, in one statement', async () => {
    const writer = new LogWriter(hub.orms.swb.em);
    const plain = randomBytes(16).toString('hex');
    const conference = randomBytes(16).toString('hex');
    const parentSpan = randomBytes(8).toString('hex');
    const rows = requestRows(conference);
    const [line] = rows.lines;
    if (!line || !rows.actor) throw new Error('requestRows makes an actor record and a line');
    rows.actor[4] = '{KLANTMANAGER,"TRAJECT BEGELEIDER"}';
    line[2] = parentSpan;
    line[11] = '{trajecten,"naam, voluit"}';
    line[13] = 'CO-1';
    let statements = 0;
    const stop = onSqlStatement(hub.orms.swb, () => (statements += 1));
    try {
      // The first goes at once; the two arrive while it is under way and share the next statement.
      const first = writer.write(requestRows(randomBytes(16).toString('hex')));
      await Promise.all([first, writer.write(requestRows(plain)), writer.write(rows)]);
    } finally {
      stop();
    }
    expect(statements).toBe(2);
    const lines = await hub.asOwner<Record<string, unknown>>(
      'swb',
      `select l.trace_id, l.parent_span_id, l.status, l.velden, l.uitkomst, l.casusoverleg_id, l.start_time, a.rollen
         from verwerking l join verwerking_actor a using (trace_id, span_id)
        where l.trace_id = any($1) order by l.trace_id = $2`,
      [[plain, conference], conference],
    );
    expect(lines).toEqual([
      {
        trace_id: plain,
        parent_span_id: null,
        status: 'Ok',
        velden: ['trajecten'],
        uitkomst: 'TOEGESTAAN',
        casusoverleg_id: null,
        start_time: expect.stringMatching(/^\d{13}$/),
        rollen: ['TRAJECTBEGELEIDER'],
      },
      {
        trace_id: conference,
        parent_span_id: parentSpan,
        status: 'Ok',
        velden: ['trajecten', 'naam, voluit'],
        uitkomst: 'TOEGESTAAN',
        casusoverleg_id: 'CO-1',
        start_time: String(line[4]),
        rollen: ['KLANTMANAGER', 'TRAJECT BEGELEIDER'],
      },
    ]);
  });

  async function recorded(proofs: ProofUse[]): Promise<number> {
    const [row] = await hub.asOwner<{ count: string }>(
      'swb',
      'select count(*) from gebruikt_bewijs where jti = any($1)',
      [proofs.map(({ jti }) => jti)],
    );
    return Number(row?.count);
  }

  it('records the proof of a request without lines, and of one with lines, in the same commit', async () => {
    const writer = new LogWriter(hub.orms.swb.em);
    let statements = 0;
    const stop = onSqlStatement(hub.orms.swb, () => (statements += 1));
    const statistics = proofUse();
    const withLines = proofUse();
    const traceId = randomBytes(16).toString('hex');
    try {
      const first = writer.write(requestRows(randomBytes(16).toString('hex'), 'TOEGESTAAN', proofUse()));
      await Promise.all([
        first,
        writer.write({ actor: null, lines: [], proof: statistics }),
        writer.write(requestRows(traceId, 'TOEGESTAAN', withLines)),
      ]);
    } finally {
      stop();
    }
    expect(statements).toBe(2);
    await expect(recorded([statistics, withLines])).resolves.toBe(2);
    await expect(committed([traceId])).resolves.toEqual({ lines: 1, actors: 1 });
  });

  it('refuses a proof another replica recorded, for that request alone: the rest of its batch commits', async () => {
    // Two replicas of swb: each its own writer, one database.
    const replicaA = new LogWriter(hub.orms.swb.em);
    const failures: unknown[] = [];
    const replicaB = new LogWriter(hub.orms.swb.em, (error) => failures.push(error));
    const captured = proofUse();
    await replicaA.write(requestRows(randomBytes(16).toString('hex'), 'TOEGESTAAN', captured));

    const replayed = randomBytes(16).toString('hex');
    const honest = Array.from({ length: 4 }, () => randomBytes(16).toString('hex'));
    const honestProofs = honest.map(() => proofUse());
    const statistics = proofUse();
    const outcomes = await Promise.allSettled([
      // Goes alone; the rest arrive while it is under way and share the next statement.
      replicaB.write(requestRows(honest[0] ?? '', 'TOEGESTAAN', honestProofs[0] ?? null)),
      replicaB.write(requestRows(honest[1] ?? '', 'TOEGESTAAN', honestProofs[1] ?? null)),
      replicaB.write(requestRows(replayed, 'TOEGESTAAN', captured)),
      replicaB.write({ actor: null, lines: [], proof: statistics }),
      replicaB.write(requestRows(honest[2] ?? '', 'TOEGESTAAN', honestProofs[2] ?? null)),
      replicaB.write(requestRows(honest[3] ?? '', 'TOEGESTAAN', honestProofs[3] ?? null)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'fulfilled',
    ]);
    const refusal = outcomes[2];
    expect(refusal?.status === 'rejected' && isProofReplay(refusal.reason)).toBe(true);
    // A replay is refused, not a failure of the log: the metrics do not count it as one.
    expect(failures).toEqual([]);
    await expect(committed(honest)).resolves.toEqual({ lines: 4, actors: 4 });
    await expect(committed([replayed])).resolves.toEqual({ lines: 0, actors: 0 });
    await expect(recorded([...honestProofs, statistics])).resolves.toBe(5);
  });

  it('sweeps the ids of proofs expired over a minute ago, and keeps those a replica might still accept', async () => {
    const old = { jti: randomUUID(), expiresAt: Date.now() - 2 * 60 * 1000 };
    const recent = { jti: randomUUID(), expiresAt: Date.now() - 10 * 1000 };
    const live = proofUse();
    const writer = new LogWriter(hub.orms.swb.em);
    await Promise.all([old, recent, live].map((proof) => writer.write({ actor: null, lines: [], proof })));
    // As the runtime role, as every replica sweeps.
    await expect(sweepProofUses(hub.orms.swb.em)).resolves.toBeGreaterThanOrEqual(1);
    await expect(recorded([old])).resolves.toBe(0);
    await expect(recorded([recent, live])).resolves.toBe(2);
  });
});
