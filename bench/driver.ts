/**
 * The load driver: a process of its own (forked by the bench), so that its work does not share an
 * event loop with the gateway or subgraphs it measures. Per run: a warm-up, a pause until nothing is in
 * flight (the bench reads its counters then), and the measured window.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { BENCH_STATEMENT_HEADER } from './peer-proofs';
import {
  openLoopGraceMs,
  type Draw,
  type FromDriver,
  type Identity,
  type LoadJob,
  type LoadResult,
  type RequestTrace,
  type ToDriver,
} from './protocol';

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

interface Recorder {
  measuring: boolean;
  latenciesMs: number[];
  traces: RequestTrace[];
  errors: number;
  errorSamples: Set<string>;
}

function newRecorder(measuring: boolean): Recorder {
  return { measuring, latenciesMs: [], traces: [], errors: 0, errorSamples: new Set() };
}

class Requester {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly prefix: string;

  constructor(
    private readonly job: LoadJob,
    connections: number,
  ) {
    const url = new URL(job.url);
    this.path = url.pathname;
    this.pool = new Pool(url.origin, {
      connections,
      pipelining: 1,
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      keepAliveTimeout: 60_000,
    });
    this.prefix = `{"query":${JSON.stringify(job.document)},"variables":`;
  }

  /** One request with its own variables and trace id; `scheduledUs` is its arrival in an open loop. */
  async send(recorder: Recorder, scheduledUs: number | null): Promise<void> {
    const draw = this.job.draws[Math.floor(Math.random() * this.job.draws.length)] as Draw;
    const identity = this.job.identities[draw.identity] as Identity;
    const traceId = randomBytes(16).toString('hex');
    const spanId = randomBytes(8).toString('hex');
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      ...identity.headers,
      traceparent: `00-${traceId}-${spanId}-01`,
    };
    // A peer signs its subgraph requests' proofs itself; the driver only states the caller.
    if (identity.statement) headers[BENCH_STATEMENT_HEADER] = JSON.stringify(identity.statement);
    const body = `${this.prefix}${JSON.stringify(draw.variables)}}`;
    const start = nowUs();
    let failure: string | null = null;
    try {
      const response = await this.pool.request({ path: this.path, method: 'POST', headers, body });
      const text = await response.body.text();
      // A partial answer (errors beside data) counts as an error too.
      if (response.statusCode !== 200 || text.includes('"errors"')) {
        failure = `${response.statusCode} ${text.slice(0, 300)}`;
      }
    } catch (error) {
      failure = `transport: ${String(error)}`;
    }
    const end = nowUs();
    if (!recorder.measuring) return;
    // In an open loop from when the request was due.
    const due = scheduledUs ?? start;
    recorder.latenciesMs.push((end - due) / 1000);
    recorder.traces.push([traceId, start, end, due]);
    if (failure) {
      recorder.errors += 1;
      if (recorder.errorSamples.size < 5) recorder.errorSamples.add(failure);
    }
  }

  /** Closed loop: each connection sends its next request when its last one answered. */
  async closed(recorder: Recorder, connections: number, ms: number): Promise<void> {
    const end = nowUs() + ms * 1000;
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (nowUs() < end) await this.send(recorder, null);
      }),
    );
  }

  /**
   * Open loop: requests arrive on a fixed schedule whether or not earlier ones answered; a late timer
   * sends the requests that were due at once, each timed from when it was due. With `graceMs`, requests
   * still unanswered that long after the schedule ends are aborted (they count as errors): an overloaded
   * gateway would otherwise keep the run going for as long as its backlog lasts.
   */
  open(recorder: Recorder, rate: number, ms: number, graceMs: number | null): Promise<void> {
    const interval = 1e6 / rate;
    const start = nowUs();
    const end = start + ms * 1000;
    let next = start;
    const pending: Promise<void>[] = [];
    return new Promise((resolve) => {
      const tick = (): void => {
        const now = nowUs();
        while (next <= now && next < end) {
          pending.push(this.send(recorder, next));
          next += interval;
        }
        if (next < end) {
          setTimeout(tick, Math.max(0, (next - nowUs()) / 1000));
          return;
        }
        const all = Promise.all(pending).then(() => undefined);
        if (graceMs === null) {
          void all.then(resolve);
          return;
        }
        const timer = setTimeout(() => void this.abort().then(() => all.then(resolve)), graceMs);
        void all.then(() => {
          clearTimeout(timer);
          resolve();
        });
      };
      tick();
    });
  }

  private aborted = false;

  /** Aborts every request in flight; they fail and are recorded as errors. */
  async abort(): Promise<void> {
    this.aborted = true;
    await this.pool.destroy();
  }

  close(): Promise<void> {
    return this.aborted ? Promise.resolve() : this.pool.close();
  }
}

function send(message: FromDriver): void {
  process.send?.(message);
}

function nextMessage(): Promise<ToDriver> {
  return new Promise((resolve) => process.once('message', (message) => resolve(message as ToDriver)));
}

async function run(job: LoadJob): Promise<LoadResult> {
  const connections = job.shape.kind === 'closed' ? job.shape.connections : job.shape.maxConnections;
  const requester = new Requester(job, connections);
  try {
    const drive = (recorder: Recorder, ms: number, graceMs: number | null): Promise<void> =>
      job.shape.kind === 'closed'
        ? requester.closed(recorder, job.shape.connections, ms)
        : requester.open(recorder, job.shape.rate, ms, graceMs);
    await drive(newRecorder(false), job.warmupMs, null);
    send({ type: 'warm' });
    const go = await nextMessage();
    if (go.type !== 'measure') throw new Error(`expected measure, got ${go.type}`);
    const recorder = newRecorder(true);
    const started = nowUs();
    await drive(recorder, job.durationMs, openLoopGraceMs(job.durationMs));
    return {
      requests: recorder.latenciesMs.length,
      errors: recorder.errors,
      errorSamples: [...recorder.errorSamples],
      elapsedMs: (nowUs() - started) / 1000,
      latenciesMs: recorder.latenciesMs,
      traces: recorder.traces,
    };
  } finally {
    await requester.close();
  }
}

async function main(): Promise<void> {
  for (;;) {
    const message = await nextMessage();
    if (message.type === 'exit') break;
    if (message.type !== 'run') continue;
    try {
      send({ type: 'result', result: await run(message.job) });
    } catch (error) {
      send({ type: 'failed', error: error instanceof Error ? error.message : String(error) });
    }
  }
  process.disconnect?.();
}

// The bench talks to the driver over IPC: when the bench has gone, so has the driver's reason to run.
process.once('disconnect', () => process.exit(0));
void main();
