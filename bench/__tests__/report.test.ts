import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { REPORT_FORMAT, type BenchReport, type Measurement, type RunFigures } from '../bench';
import type { LoadShape } from '../protocol';
import { notesOf, renderResults, summary, targets, type Target } from '../report';
import type { ScenarioName } from '../scenarios';
import type { GatewayName } from '../services';

const perSubgraph = (value: number): Record<SubgraphName, number> =>
  Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, value])) as Record<SubgraphName, number>;

function figures(overrides: Partial<RunFigures> = {}): RunFigures {
  return {
    requests: 500,
    errors: 0,
    errorSamples: [],
    rps: 50,
    p50: 20,
    p95: 40,
    p99: 45,
    max: 60,
    sqlPerRequest: perSubgraph(2),
    sqlByKeyword: { select: 5, insert: 5 },
    fetchesPerRequest: perSubgraph(1),
    connectionsPerRequest: perSubgraph(0),
    overhead: {
      matched: 500,
      p50: 1.5,
      p95: 3,
      subgraphP50: 15,
      endToEndP50: 17,
      tail: { requests: 5, latency: 45, waiting: 0.5, subgraphs: 38, gateway: 6.5 },
    },
    peakRss: { gateway: 200 * 1048576, ...perSubgraph(150 * 1048576) },
    cpuMsPerRequest: { gateway: 2, ...perSubgraph(1), postgres: 4, driver: 3 },
    foreignCpuShare: 0.05,
    ...overrides,
  };
}

const closed = (connections: number): LoadShape => ({ kind: 'closed', connections });

/** A measurement whose rounds answered `rates` requests per second; its median has the middle rate. */
function measurement(
  scenario: ScenarioName,
  gateway: GatewayName,
  rates: number[],
  overrides: Partial<RunFigures> = {},
  shape: LoadShape = closed(10),
): Measurement {
  const runs = rates.map((rps) => figures({ ...overrides, rps }));
  const middle = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)] ?? 0;
  return { scenario, gateway, scale: 1, shape, runs, median: figures({ ...overrides, rps: middle }) };
}

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    format: REPORT_FORMAT,
    startedAt: '2026-12-03T07:00:00.000Z',
    finishedMs: 60_000,
    options: {
      scale: 1,
      bigScale: 0,
      warmupMs: 2000,
      durationMs: 10_000,
      openDurationMs: 30_000,
      singleDurationMs: 0,
      connections: 10,
      rates: [],
      rounds: 3,
      scenarios: ['inwoner', 'dashboard'],
      gateways: ['ours', 'apollo', 'hive-rust'],
      serverUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
      databasePrefix: 'keten_bench_',
      conferences: 0,
      profile: 'never',
      keepData: false,
      quick: false,
      command: 'npm run bench',
    },
    machine: {
      statementSignUs: 30,
      statementVerifyUs: 25,
      cores: 2,
      cpu: 'test CPU',
      memoryBytes: 8 * 1073741824,
      node: 'v20',
      kernel: '6',
      postgres: 'PostgreSQL 15',
    },
    loads: [],
    startupMs: {},
    scenarios: [
      { name: 'inwoner', description: 'One resident.' },
      { name: 'dashboard', description: 'Four municipalities.' },
    ],
    closed: [],
    single: [],
    open: [],
    big: [],
    fetches: [],
    sqlScaling: [],
    sqlScalingSizes: [10, 200],
    lifetimeRss: {},
    profile: null,
    profileReason: 'not asked for',
    ...overrides,
  };
}

function target(list: Target[], start: string): Target {
  const found = list.find((t) => t.name.startsWith(start));
  if (!found) throw new Error(`No target starts with ${start}: ${list.map((t) => t.name).join('; ')}`);
  return found;
}

describe('bench report: the targets of the benchmark', () => {
  it('holds ours against the fastest peer, not the first one, and names its rounds', () => {
    const { met, measured } = target(
      targets(
        report({
          closed: [
            measurement('inwoner', 'ours', [60, 66, 70]),
            measurement('inwoner', 'apollo', [40, 50, 52]),
            measurement('inwoner', 'hive-rust', [65, 70, 75]),
          ],
        }),
      ),
      'inwoner, closed loop',
    );
    expect(met).toBe(false);
    expect(measured).toBe(
      'ours 66.0 req/s (rounds 60.0–70.0), Hive Gateway + Rust planner 70.0 (rounds 65.0–75.0) (0.94×)',
    );
  });

  it('meets the peer target at an equal rate, but not with errors', () => {
    const equal = [
      measurement('dashboard', 'ours', [35, 37, 40]),
      measurement('dashboard', 'hive-rust', [36, 37, 38]),
    ];
    expect(target(targets(report({ closed: equal })), 'dashboard, closed loop').met).toBe(true);
    const failing = [measurement('dashboard', 'ours', [35, 37, 40], { errors: 1 }), equal[1] as Measurement];
    expect(target(targets(report({ closed: failing })), 'dashboard, closed loop').met).toBe(false);
  });

  it('adds the gateway, the five subgraphs and PostgreSQL into the CPU per request, not the driver', () => {
    const cpu = (gateway: number): Partial<RunFigures> => ({
      cpuMsPerRequest: { gateway, ...perSubgraph(1), postgres: 4, driver: 100 },
    });
    const under = target(
      targets(report({ closed: [measurement('inwoner', 'ours', [50], cpu(3))] })),
      'inwoner: CPU per request',
    );
    expect(under).toMatchObject({
      met: true,
      measured: '12.0 ms (gateway 3.00, subgraphs 5.00, PostgreSQL 4.00)',
    });
    const over = target(
      targets(report({ closed: [measurement('inwoner', 'ours', [50], cpu(3.5))] })),
      'inwoner: CPU per request',
    );
    expect(over.met).toBe(false);
  });

  it('says when other work took much of the machine during the runs behind a figure', () => {
    const busy = measurement('dashboard', 'ours', [30], { foreignCpuShare: 0.35 });
    expect(target(targets(report({ closed: [busy] })), 'dashboard: PostgreSQL CPU').measured).toBe(
      '4.00 ms; other work took up to 35% of the machine during these runs',
    );
  });

  it('asks for exactly five subgraph requests for the dashboard, every time', () => {
    const count = (min: number, max: number, errors = 0): BenchReport =>
      report({
        fetches: [
          {
            scenario: 'dashboard',
            gateway: 'ours',
            requests: 10,
            errors,
            perRequest: perSubgraph(1),
            min,
            max,
          },
        ],
      });
    expect(target(targets(count(5, 5)), 'dashboard: 5 subgraph').met).toBe(true);
    const varying = target(targets(count(5, 6)), 'dashboard: 5 subgraph');
    expect(varying.met).toBe(false);
    expect(varying.measured).toMatch(/^5 to 6 \(werk-inkomen 1, /);
    expect(target(targets(count(5, 5, 1)), 'dashboard: 5 subgraph').met).toBe(false);
  });

  it('lets statements per request vary by chance, but not grow with the page', () => {
    const scaling = (large: number): BenchReport =>
      report({
        sqlScaling: [
          {
            gateway: 'ours',
            small: { ...perSubgraph(2), werkplein: 1.5 },
            large: { ...perSubgraph(2), werkplein: large },
            smallMax: 3,
            largeMax: 3,
            residents: [10, 200],
            requests: 20,
          },
        ],
      });
    const chance = target(targets(scaling(3)), 'SQL statements per request');
    expect(chance.met).toBe(true);
    expect(chance.measured).toContain('werkplein 1.5→3');
    expect(target(targets(scaling(3.1)), 'SQL statements per request').met).toBe(false);
  });

  it('takes the highest gateway memory of every run of ours, peers not counted', () => {
    const rss = (gateway: number): Partial<RunFigures> => ({ peakRss: { gateway: gateway * 1048576 } });
    const list = targets(
      report({
        closed: [
          measurement('inwoner', 'ours', [50], rss(250)),
          measurement('inwoner', 'apollo', [50], rss(900)),
        ],
        single: [measurement('inwoner', 'ours', [20], rss(301), closed(1))],
      }),
    );
    expect(target(list, 'gateway peak RSS')).toMatchObject({ met: false, measured: '301 MB' });
  });

  it('marks what a run did not measure, and leaves it out of the summary', () => {
    const list = targets(report());
    expect(list.length).toBeGreaterThan(8);
    for (const t of list) expect([t.name, t.met, t.measured]).toEqual([t.name, null, 'not measured']);
    expect(summary(report(), false)).toBe('');
  });
});

describe('bench report: RESULTS.md', () => {
  const notes = '## Notes\n\n- Hand-written: the rounds of this machine spread by 15%.\n';

  it('keeps the hand-written notes of the file it replaces, word for word, at its end', () => {
    const previous = renderResults(report(), notes);
    expect(notesOf(previous)).toBe(notes);
    const next = renderResults(
      report({ closed: [measurement('inwoner', 'ours', [50]), measurement('inwoner', 'apollo', [40])] }),
      notesOf(previous),
    );
    expect(next.endsWith(notes)).toBe(true);
    expect(next).toContain('| inwoner, closed loop: ours >= 1.0× the best peer');
    expect(next).toContain('- Met: inwoner, closed loop');
  });

  it('splits the slowest answers of each open-loop run into their parts, per gateway', () => {
    const open = (gateway: GatewayName, subgraphs: number, gateway_: number): Measurement => {
      const base = figures();
      return measurement(
        'inwoner',
        gateway,
        [50],
        {
          overhead: {
            ...base.overhead,
            tail: { requests: 15, latency: 60, waiting: 1, subgraphs, gateway: gateway_ },
          },
        },
        { kind: 'open', rate: 50, maxConnections: 256 },
      );
    };
    const text = renderResults(
      report({
        options: { ...report().options, rates: [50] },
        open: [open('ours', 52, 7), open('hive-rust', 20, 3.5)],
      }),
    );
    const rows = text.split('\n').filter((line) => /^\| 50 .*\| +15 \|/.test(line));
    expect(
      rows.map((row) =>
        row
          .split('|')
          .map((cell) => cell.trim())
          .slice(2, 8),
      ),
    ).toEqual([
      ['ours (Hive Gateway runtime + Rust planner, our plugins)', '15', '60.0', '1.00', '52.0', '7.00'],
      ['Hive Gateway + Rust planner', '15', '60.0', '1.00', '20.0', '3.50'],
    ]);
  });

  it('starts an empty notes section when the file it replaces has none', () => {
    expect(notesOf('# Benchmark results\n\nNo notes here.\n')).toBeNull();
    const fresh = renderResults(report());
    expect(notesOf(fresh)).toMatch(/^## Notes\n\n<!-- Hand-written/);
  });
});
