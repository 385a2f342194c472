import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import type { BenchReport, RunFigures } from '../bench/bench';
import { SCENARIOS } from '../bench/scenarios';
import { GATEWAYS } from '../bench/services';

/** Processes this file started that may still run; they lead process groups of their own. */
const running = new Set<ChildProcess>();

/** Stops a child's whole process group: the bench with its driver (the bench then stops its services). */
function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (!child.pid || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Gone already.
  }
}

const stopAll = (): void => running.forEach((child) => stop(child));

/**
 * Runs `node <args>` in a process group of its own, so that it can be stopped with all it started;
 * resolves with the end of what it printed.
 */
function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
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
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve(output);
      else reject(new Error(`node ${args.join(' ')}: exit ${code ?? signal}\n${output}`));
    });
  });
}

const finite = (value: number | undefined): boolean => typeof value === 'number' && Number.isFinite(value);

/** Every figure of a run is there and a finite number; latency, memory and SQL figures above zero. */
function expectFigures(figures: RunFigures | undefined): void {
  expect(figures?.requests).toBeGreaterThan(0);
  expect(figures?.errors).toBe(0);
  for (const value of [figures?.rps, figures?.p50, figures?.p95, figures?.p99, figures?.max])
    expect(value).toBeGreaterThan(0);
  for (const name of SUBGRAPH_NAMES) {
    // Every request that reaches a subgraph writes its processing log.
    expect(figures?.sqlPerRequest[name]).toBeGreaterThan(0);
    expect(figures?.fetchesPerRequest[name]).toBeGreaterThan(0);
    expect(figures?.peakRss[name]).toBeGreaterThan(0);
  }
  for (const [name, cpu] of Object.entries(figures?.cpuMsPerRequest ?? {}))
    expect([name, finite(cpu) && cpu >= 0]).toEqual([name, true]);
  expect(figures?.overhead.matched).toBeGreaterThan(0);
  expect(finite(figures?.overhead.p50)).toBe(true);
}

/**
 * The smoke test of `npm run bench`: the quick variant (scale 1, runs of a second, one round) builds
 * and runs like the real one, so the benchmark cannot rot unnoticed. It asserts what does not depend on
 * chance or on the machine: every scenario ran through every gateway without errors, with every figure
 * present, and the query plan of the dashboard. How many SQL statements a request costs is proven by
 * test/sql-count.test.ts.
 */
describe('Benchmark: the quick variant measures every scenario through every gateway', () => {
  let report: BenchReport;

  beforeAll(async () => {
    // However this test ends (a timeout, the worker exiting), the bench and its services stop.
    process.once('exit', stopAll);
    const dir = await mkdtemp(join(tmpdir(), 'bench-test-'));
    try {
      await run([
        join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
        '-p',
        'tsconfig.build.json',
      ]);
      const json = join(dir, 'report.json');
      const namespace = process.env.TEST_DATABASE_NAMESPACE || 't';
      // One prefix per namespace: a run that was killed leaves its databases to the next one to drop.
      await run(['dist/bench/main.js', '--quick', '--json', json, '--prefix', `keten_bench_${namespace}_`], {
        ...process.env,
        DATABASE_URL: process.env.TEST_DATABASE_URL,
      });
      report = JSON.parse(await readFile(json, 'utf8')) as BenchReport;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  afterAll(() => {
    stopAll();
    process.off('exit', stopAll);
  });

  it.each(SCENARIOS.flatMap((scenario) => GATEWAYS.map((gateway) => [scenario, gateway] as const)))(
    'drives %s through %s, closed loop, without errors and with every figure',
    (scenario, gateway) => {
      const measurement = report.closed.find((m) => m.scenario === scenario && m.gateway === gateway);
      expect(measurement?.runs).toHaveLength(1);
      expectFigures(measurement?.median);
    },
  );

  it('drives the open loop of inwoner through every gateway without errors', () => {
    for (const gateway of GATEWAYS) {
      const figures = report.open.find((m) => m.gateway === gateway)?.median;
      expect([gateway, (figures?.requests ?? 0) > 0, figures?.errors]).toEqual([gateway, true, 0]);
    }
  });

  it('counts the subgraph requests of every scenario through every gateway, one request at a time', () => {
    for (const scenario of SCENARIOS)
      for (const gateway of GATEWAYS) {
        const count = report.fetches.find((f) => f.scenario === scenario && f.gateway === gateway);
        expect([scenario, gateway, count?.errors]).toEqual([scenario, gateway, 0]);
        expect(count?.min).toBeGreaterThan(0);
      }
  });

  it('fetches each subgraph once for the dashboard of four municipalities through ours: 5 requests', () => {
    const ours = report.fetches.find((f) => f.scenario === 'dashboard' && f.gateway === 'ours');
    expect(ours?.requests).toBeGreaterThan(0);
    expect([ours?.min, ours?.max]).toEqual([5, 5]);
    for (const name of SUBGRAPH_NAMES) expect([name, ours?.perRequest[name]]).toEqual([name, 1]);
  });

  it('measures SQL statements per page of residents and times the load of scale 1', () => {
    const ours = report.sqlScaling.find((s) => s.gateway === 'ours');
    for (const name of SUBGRAPH_NAMES) {
      expect(ours?.small[name]).toBeGreaterThan(0);
      expect(ours?.large[name]).toBeGreaterThan(0);
    }
    expect(report.loads).toEqual([expect.objectContaining({ scale: 1 })]);
  });
});

/**
 * The smoke test of `npm run bench:floor` (runs of a second): each of its servers answers every request
 * without errors at every load (the tool fails on any error answer), and it prints one row per server
 * and load. Its CPU figures depend on the machine and are not asserted.
 */
describe("Benchmark: the floor of the subgraphs' stack", () => {
  afterAll(stopAll);

  it('measures Fastify, Apollo Server and a read with a committed insert, busy and at fixed rates', async () => {
    const namespace = process.env.TEST_DATABASE_NAMESPACE || 't';
    const output = await run(['dist/bench/floor.js', '--quick', '--database', `keten_${namespace}_floor`], {
      ...process.env,
      DATABASE_URL: process.env.TEST_DATABASE_URL,
    });
    const rows = output
      .split('\n')
      .filter((line) => /^\| (http|graphql|sql) \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim()));
    expect(rows.map(([, server, load]) => `${server} ${load}`)).toEqual(
      ['http', 'graphql', 'sql'].flatMap((server) =>
        ['closed loop, 10 connections', '50 req/s', '100 req/s'].map((load) => `${server} ${load}`),
      ),
    );
    for (const [, server, load, rps, serverCpu, postgresCpu] of rows) {
      expect([server, load, Number(rps) > 0, Number.isFinite(Number(serverCpu))]).toEqual([
        server,
        load,
        true,
        true,
      ]);
      // PostgreSQL serves the read and the insert only.
      expect([server, load, server === 'sql' ? Number.isFinite(Number(postgresCpu)) : postgresCpu]).toEqual([
        server,
        load,
        server === 'sql' ? true : '–',
      ]);
    }
  }, 120_000);
});
