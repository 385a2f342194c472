import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SUBGRAPH_NAMES } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import type { BenchReport } from '../bench/bench';
import { SCENARIOS } from '../bench/scenarios';
import { GATEWAYS } from '../bench/services';

const run = promisify(execFile);

/**
 * The smoke test of `npm run bench`: the quick variant (scale 1, short runs, one round) builds and runs
 * like the real one, so the benchmark cannot rot unnoticed. It runs the compiled bench as a process,
 * as `npm run bench -- --quick` does, against the test server.
 */
describe('Benchmark: the quick variant measures every scenario through every gateway', () => {
  let report: BenchReport;

  // Building from a clean clone beside the other test files can take a minute on two cores.
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bench-test-'));
    try {
      await run(
        process.execPath,
        [join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
        {
          cwd: PROJECT_ROOT,
        },
      );
      const json = join(dir, 'report.json');
      await run(
        process.execPath,
        ['dist/bench/main.js', '--quick', '--json', json, '--prefix', `keten_bench_t${process.pid}_`],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: process.env.TEST_DATABASE_URL },
          maxBuffer: 10_000_000,
        },
      );
      report = JSON.parse(await readFile(json, 'utf8')) as BenchReport;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it.each(SCENARIOS.flatMap((scenario) => GATEWAYS.map((gateway) => [scenario, gateway] as const)))(
    'answers %s through %s without errors, with latency, SQL and memory figures',
    (scenario, gateway) => {
      const measurement = report.closed.find((m) => m.scenario === scenario && m.gateway === gateway);
      expect(measurement).toBeDefined();
      const figures = measurement?.median;
      expect(figures?.errors).toBe(0);
      expect(figures?.requests).toBeGreaterThan(0);
      expect(figures?.rps).toBeGreaterThan(0);
      expect(figures?.p99).toBeGreaterThanOrEqual(figures?.p50 ?? Infinity);
      for (const name of SUBGRAPH_NAMES) {
        expect(figures?.sqlPerRequest[name]).toBeGreaterThan(0);
        expect(figures?.peakRss[name]).toBeGreaterThan(0);
      }
      // Every request was found again in the subgraphs' timings by its trace id.
      expect(figures?.overhead.matched).toBe(figures?.requests);
      expect(figures?.overhead.p50).toBeGreaterThan(0);
    },
  );

  it('measures the open loop of inwoner through every gateway without errors', () => {
    for (const gateway of GATEWAYS) {
      const measurement = report.open.find((m) => m.gateway === gateway);
      expect(measurement?.median.requests).toBeGreaterThan(0);
      expect(measurement?.median.errors).toBe(0);
    }
  });

  it('finds SQL statements per request independent of the residents per query, and times the load', () => {
    const ours = report.sqlScaling.find((s) => s.gateway === 'ours');
    expect(ours?.residents).toEqual([10, 200]);
    for (const name of SUBGRAPH_NAMES)
      expect(ours?.large[name]).toBeLessThanOrEqual((ours?.small[name] ?? 0) + 0.5);
    expect(report.loads).toEqual([expect.objectContaining({ scale: 1 })]);
  });
});
