import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import type { SoakReport } from '../bench/soak';

/** Processes this file started that may still run; they lead process groups of their own. */
const running = new Set<ChildProcess>();

function stop(child: ChildProcess): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Gone already.
  }
}

const stopAll = (): void => running.forEach((child) => stop(child));

/** Runs `node <args>` in a process group of its own; resolves with its exit code and last output. */
function run(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, env, detached: true });
    running.add(child);
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => {
      running.delete(child);
      resolve({ code, output });
    });
  });
}

/**
 * The short variant of `npm run soak` (phases of 3 s, outages of 2 s): the built gateway and subgraphs
 * as processes under a steady load, one subgraph killed with SIGKILL and started again, then the
 * database cut and restored. It asserts the invariants, none of the timings: the gateway survives,
 * errors come only during the outages, the hub recovers, and no answered read of personal data lacks
 * its line in the processing log.
 */
describe('Soak: the hub under load through a killed subgraph and a lost database', () => {
  let report: SoakReport;
  let output = '';

  beforeAll(async () => {
    // However this test ends (a timeout, the worker exiting), the soak and its services stop.
    process.once('exit', stopAll);
    const dir = await mkdtemp(join(tmpdir(), 'soak-test-'));
    try {
      const build = await run([
        join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
      ]);
      if (build.code !== 0) throw new Error(`build failed:\n${build.output}`);
      const json = join(dir, 'soak.json');
      const namespace = process.env.TEST_DATABASE_NAMESPACE || 't';
      // The soak exits 1 when an invariant fails, after writing its figures: the tests below say which.
      const soak = await run(
        [
          'dist/bench/soak-main.js',
          '--quick',
          '--scale',
          '0.2',
          '--json',
          json,
          '--prefix',
          `keten_soak_${namespace}_`,
        ],
        { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
      );
      output = soak.output;
      report = JSON.parse(await readFile(json, 'utf8').catch(() => 'null')) as SoakReport;
      if (!report) throw new Error(`the soak wrote no figures (exit ${soak.code}):\n${output}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 600_000);

  afterAll(() => {
    stopAll();
    process.off('exit', stopAll);
  });

  it('killed the subgraph and cut the database, and both faults showed in the answers', () => {
    expect(report.outages.map((outage) => outage.fault)).toEqual(['subgraph', 'database']);
    expect(report.invariants.everyOutageFelt).toBe(true);
    const killed = report.outages[0];
    // The killed partner is named: its part is missing, the rest answers.
    expect(Object.keys(killed?.codes ?? {})).toContain('SUBGRAPH_UNAVAILABLE');
    expect(report.totals.inwoner.partial).toBeGreaterThan(0);
  });

  it('kept the gateway running and answering, and no other process died', () => {
    expect(report.invariants.gatewayAlive).toBe(true);
    expect(report.invariants.everyRequestAnswered).toBe(true);
    expect(report.exits).toEqual([]);
  });

  it('answered with errors only during the outages', () => {
    expect(report.unexpectedErrors).toEqual({ count: 0, samples: [] });
    // Steady load before the first fault answered whole.
    const before = report.seconds.filter((s) => s.phase === 'steady');
    expect(before.reduce((sum, s) => sum + s.partial + s.failed, 0)).toBe(0);
  });

  it('recovered after each outage: whole answers again', () => {
    expect(report.invariants.recovered).toBe(true);
    for (const outage of report.outages)
      expect([outage.fault, outage.firstWholeMs !== null]).toEqual([outage.fault, true]);
  });

  it('wrote the processing-log line of every answered read of personal data, at every partner that answered', () => {
    expect(report.processLog.map((check) => check.partner)).toEqual([...SUBGRAPH_NAMES]);
    for (const check of report.processLog) {
      expect(check.reads).toBeGreaterThan(0);
      expect([check.partner, check.found, check.missing]).toEqual([check.partner, check.reads, []]);
    }
    // The killed partner answered fewer reads than the others: its outage's partial answers count without it.
    const reads = Object.fromEntries(report.processLog.map((check) => [check.partner, check.reads]));
    expect(reads[report.options.kill]).toBeLessThan(reads.werkplein as number);
  });

  it('passes as a whole', () => {
    expect([report.passed, output.includes('FAILED') ? output.slice(-3000) : '']).toEqual([true, '']);
  });
});
