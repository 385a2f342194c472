import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import type { BenchReport, Measurement, RunFigures } from './bench';
import { max, median } from './stats';
import { openLoopGraceMs, type LoadShape } from './protocol';
import type { ScenarioName } from './scenarios';
import { GATEWAY_LABELS, GATEWAYS, type GatewayName } from './services';

/** One target of the issue with what was measured; `met` null when this run did not measure it. */
export interface Target {
  name: string;
  measured: string;
  met: boolean | null;
}

const ms = (value: number): string =>
  !Number.isFinite(value)
    ? '–'
    : value < 10
      ? value.toFixed(2)
      : value < 100
        ? value.toFixed(1)
        : value.toFixed(0);
const mb = (bytes: number | undefined): string => (bytes ? `${Math.round(bytes / 1048576)}` : '–');
const seconds = (milliseconds: number): string => `${(milliseconds / 1000).toFixed(1)} s`;
const ratio = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '–');
const perRequest = (value: number): string => (Number.isInteger(value) ? String(value) : value.toFixed(1));

function find(
  list: Measurement[],
  scenario: ScenarioName,
  gateway: GatewayName,
  shape?: (shape: LoadShape) => boolean,
): Measurement | undefined {
  return list.find((m) => m.scenario === scenario && m.gateway === gateway && (!shape || shape(m.shape)));
}

/** The process name of a gateway in the measurements. */
const gatewayProcess = (gateway: GatewayName): string => (gateway === 'ours' ? 'gateway' : gateway);

const isSingle = (shape: LoadShape): boolean => shape.kind === 'closed' && shape.connections === 1;
const isMulti = (shape: LoadShape): boolean => shape.kind === 'closed' && shape.connections > 1;

/** The best peer by requests per second in a closed-loop scenario. */
function bestPeer(report: BenchReport, scenario: ScenarioName): Measurement | undefined {
  return report.closed
    .filter((m) => m.scenario === scenario && m.gateway !== 'ours')
    .sort((a, b) => b.median.rps - a.median.rps)[0];
}

/**
 * A note when work outside the bench took a noticeable share of the machine during the runs behind a
 * figure: that figure is then less reliable than the others.
 */
function noise(...measurements: (Measurement | undefined)[]): string {
  const worst = max(measurements.flatMap((m) => m?.runs.map((run) => run.foreignCpuShare) ?? []));
  return worst > 0.2
    ? `; other work took up to ${(worst * 100).toFixed(0)}% of the machine during these runs`
    : '';
}

const sumOf = (values: Record<string, number>, names: readonly string[]): number =>
  names.reduce((sum, name) => sum + (values[name] ?? 0), 0);

/** CPU time per request of the gateway, the five subgraphs and PostgreSQL together (not the driver). */
function allProcessCpu(m: Measurement, gateway: GatewayName): number {
  const cpu = m.median.cpuMsPerRequest;
  return (cpu[gatewayProcess(gateway)] ?? 0) + sumOf(cpu, SUBGRAPH_NAMES) + (cpu.postgres ?? 0);
}

/**
 * The lowest and highest requests per second of a measurement's rounds: on a shared machine the rounds
 * of one gateway can differ by more than the gateways' medians, and a ratio within that spread says little.
 */
function roundsRange(m: Measurement): string {
  const rates = m.runs.map((run) => run.rps);
  if (rates.length < 2) return '';
  return `${Math.min(...rates).toFixed(1)}–${Math.max(...rates).toFixed(1)}`;
}

const inRounds = (m: Measurement): string => {
  const range = roundsRange(m);
  return range ? ` (rounds ${range})` : '';
};

/** Ours against the best peer in a closed-loop scenario: at least as many answers per second. */
function againstBestPeer(report: BenchReport, scenario: ScenarioName): Target {
  const ours = find(report.closed, scenario, 'ours');
  const peer = bestPeer(report, scenario);
  return {
    name: `${scenario}, closed loop: ours >= 1.0× the best peer (req/s; ours with its authentication and signing)`,
    measured:
      ours && peer
        ? `ours ${ours.median.rps.toFixed(1)} req/s${inRounds(ours)}, ${GATEWAY_LABELS[peer.gateway]} ${peer.median.rps.toFixed(1)}${inRounds(peer)} (${ratio(ours.median.rps / peer.median.rps)}${noise(ours, peer)})`
        : 'not measured',
    met: ours && peer ? ours.median.rps >= peer.median.rps && ours.median.errors === 0 : null,
  };
}

/** The targets of the benchmark issue, then the earlier ones the bench still measures. */
export function targets(report: BenchReport): Target[] {
  const list: Target[] = [againstBestPeer(report, 'inwoner')];

  const inwoner = find(report.closed, 'inwoner', 'ours');
  if (inwoner) {
    const cpu = inwoner.median.cpuMsPerRequest;
    const total = allProcessCpu(inwoner, 'ours');
    list.push({
      name: 'inwoner: CPU per request of all processes (gateway, subgraphs, PostgreSQL) <= 12 ms (ours, closed loop)',
      measured: `${ms(total)} ms (gateway ${ms(cpu.gateway ?? Number.NaN)}, subgraphs ${ms(sumOf(cpu, SUBGRAPH_NAMES))}, PostgreSQL ${ms(cpu.postgres ?? Number.NaN)}${noise(inwoner)})`,
      met: total <= 12,
    });
  } else
    list.push({
      name: 'inwoner: CPU per request of all processes <= 12 ms',
      measured: 'not measured',
      met: null,
    });

  const open50 = report.open.find(
    (m) => m.gateway === 'ours' && m.shape.kind === 'open' && m.shape.rate === 50,
  );
  list.push({
    name: 'inwoner: p99 < 50 ms at 50 req/s, open loop (ours)',
    measured: open50
      ? `p99 ${ms(open50.median.p99)} ms (p50 ${ms(open50.median.p50)}, ${open50.median.errors} errors${noise(open50)})`
      : 'not measured',
    met: open50 ? open50.median.p99 < 50 && open50.median.errors === 0 : null,
  });

  const single = find(report.single, 'inwoner', 'ours');
  list.push({
    name: 'gateway overhead at 1 connection: p50 < 2 ms (ours, inwoner)',
    measured: single
      ? `p50 ${ms(single.median.overhead.p50)} ms (end to end ${ms(single.median.overhead.endToEndP50)} ms, subgraphs ${ms(single.median.overhead.subgraphP50)} ms${noise(single)})`
      : 'not measured',
    met: single ? single.median.overhead.p50 < 2 : null,
  });

  const loaded = [...report.closed, ...report.single, ...report.open, ...report.big].filter(
    (m) => m.gateway === 'ours',
  );
  const peak = max(loaded.map((m) => m.median.peakRss.gateway ?? 0));
  list.push({
    name: 'gateway peak RSS under load <= 300 MB (ours, every run)',
    measured: loaded.length ? `${mb(peak)} MB` : 'not measured',
    met: loaded.length ? peak <= 300 * 1048576 : null,
  });

  const fetches = report.fetches.find((f) => f.scenario === 'dashboard' && f.gateway === 'ours');
  list.push({
    name: 'dashboard: 5 subgraph requests per request (ours, one request at a time)',
    measured: fetches
      ? `${fetches.min === fetches.max ? fetches.min : `${fetches.min} to ${fetches.max}`} (${SUBGRAPH_NAMES.map((name) => `${name} ${perRequest(fetches.perRequest[name])}`).join(', ')}; ${fetches.requests} requests)`
      : 'not measured',
    met: fetches ? fetches.min === 5 && fetches.max === 5 && fetches.errors === 0 : null,
  });

  const dashboard = find(report.closed, 'dashboard', 'ours');
  const postgres = dashboard?.median.cpuMsPerRequest.postgres;
  list.push({
    name: 'dashboard: PostgreSQL CPU per request <= 15 ms (ours, closed loop)',
    measured: dashboard && postgres !== undefined ? `${ms(postgres)} ms${noise(dashboard)}` : 'not measured',
    met: dashboard && postgres !== undefined ? postgres <= 15 : null,
  });

  list.push(againstBestPeer(report, 'dashboard'));

  const bigScale = report.options.bigScale;
  const big = find(report.big, 'dashboard', 'ours', isSingle);
  list.push({
    name: `dashboard at scale ${bigScale || 50}: p95 < 100 ms at 1 connection, warm (ours)`,
    measured: big
      ? `p95 ${ms(big.median.p95)} ms (p50 ${ms(big.median.p50)}, ${big.median.errors} errors${noise(big)})`
      : 'not measured',
    met: big ? big.median.p95 < 100 && big.median.errors === 0 : null,
  });

  for (const [scale, limitMs, limit] of [
    [50, 600_000, '10 min'],
    [1, 30_000, '30 s'],
  ] as const) {
    const load = report.loads.find((l) => l.scale === scale && !l.reload);
    list.push({
      name: `generate + load scale ${scale}: < ${limit}`,
      measured: load
        ? `${seconds(load.totalMs)} (generate ${seconds(load.generateMs)}, load ${seconds(load.loadMs)}; ${load.rows.toLocaleString('en')} rows)`
        : 'not measured',
      met: load ? load.totalMs < limitMs : null,
    });
  }

  const ours = report.sqlScaling.find((s) => s.gateway === 'ours');
  const [small, large] = report.sqlScalingSizes;
  list.push(
    ours
      ? {
          name: `SQL statements per request do not grow with residents per query (${small} vs ${large}, ours)`,
          measured: SUBGRAPH_NAMES.map(
            (name) => `${name} ${perRequest(ours.small[name])}→${perRequest(ours.large[name])}`,
          ).join(', '),
          // A small page may hold nobody with data of a kind and then needs no statement for it, so
          // by chance its mean lies a statement or two under the large page's (werkplein 1.9 against
          // 3 in one run). A statement per resident, or per few, would multiply the count by up to
          // the pages' ratio (20): growth is more than twice the small page's count.
          met: SUBGRAPH_NAMES.every((name) => ours.large[name] <= 2 * ours.small[name]),
        }
      : {
          name: 'SQL statements per request do not grow with residents per query',
          measured: 'not measured',
          met: null,
        },
  );
  return list;
}

/** One line per target, as the bench prints them. */
export function targetLines(report: BenchReport): string[] {
  return targets(report).map(
    (t) => `${t.met === null ? 'NOT MEASURED' : t.met ? 'MET    ' : 'NOT MET'}  ${t.name}: ${t.measured}`,
  );
}

/** `select 9, insert 10, begin 5, commit 5`: statements per request by first keyword, most first. */
function keywords(byKeyword: Record<string, number>): string {
  return Object.entries(byKeyword)
    .sort((a, b) => b[1] - a[1])
    .map(([keyword, count]) => `${keyword} ${perRequest(count)}`)
    .join(', ');
}

/** A Markdown table; columns after the first are figures, right-aligned, unless `textColumns`. */
function table(header: string[], rows: string[][], textColumns = false): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 || textColumns ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

function gatewaysOf(list: Measurement[]): GatewayName[] {
  return GATEWAYS.filter((g) => list.some((m) => m.gateway === g));
}

function latencyTable(report: BenchReport, list: Measurement[], scenario: ScenarioName): string {
  const rows = gatewaysOf(list).flatMap((gateway) => {
    const m = list.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!m) return [];
    const ours = list.find((x) => x.gateway === 'ours' && x.scenario === scenario);
    const versus =
      gateway === 'ours' || !ours
        ? ''
        : `${ratio(ours.median.rps / m.median.rps)} / ${ratio(ours.median.p50 / m.median.p50)}`;
    const f = m.median;
    return [
      [
        GATEWAY_LABELS[gateway],
        f.rps.toFixed(1),
        roundsRange(m) || '–',
        ms(f.p50),
        ms(f.p95),
        ms(f.p99),
        ms(f.max),
        String(f.errors),
        versus,
      ],
    ];
  });
  void report;
  return table(
    [
      'gateway',
      'req/s',
      'req/s of the rounds',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'max ms',
      'errors',
      'ours/peer: req/s, p50',
    ],
    rows,
  );
}

function overheadTable(list: Measurement[], scenario: ScenarioName): string {
  const rows = gatewaysOf(list).flatMap((gateway) => {
    const m = list.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!m) return [];
    const f = m.median;
    return [
      [
        GATEWAY_LABELS[gateway],
        f.rps.toFixed(1),
        ms(f.p50),
        ms(f.p99),
        ms(f.overhead.p50),
        ms(f.overhead.p95),
        ms(f.overhead.subgraphP50),
        String(f.errors),
      ],
    ];
  });
  return table(
    [
      'gateway',
      'req/s',
      'p50 ms',
      'p99 ms',
      'overhead p50 ms',
      'overhead p95 ms',
      'subgraphs p50 ms',
      'errors',
    ],
    rows,
  );
}

function perSubgraphTable(
  list: Measurement[],
  scenario: ScenarioName,
  pick: (f: RunFigures) => Record<SubgraphName, number>,
): string {
  const rows = gatewaysOf(list).flatMap((gateway) => {
    const m = list.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!m) return [];
    const values = pick(m.median);
    const total = SUBGRAPH_NAMES.reduce((sum, name) => sum + values[name], 0);
    return [
      [GATEWAY_LABELS[gateway], ...SUBGRAPH_NAMES.map((name) => perRequest(values[name])), perRequest(total)],
    ];
  });
  return table(['gateway', ...SUBGRAPH_NAMES, 'total'], rows);
}

function fetchTable(report: BenchReport, scenario: ScenarioName): string {
  const rows = GATEWAYS.flatMap((gateway) => {
    const f = report.fetches.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!f) return [];
    return [
      [
        GATEWAY_LABELS[gateway],
        ...SUBGRAPH_NAMES.map((name) => perRequest(f.perRequest[name])),
        perRequest(sumOf(f.perRequest, SUBGRAPH_NAMES)),
        f.min === f.max ? String(f.min) : `${f.min} to ${f.max}`,
        String(f.errors),
      ],
    ];
  });
  return table(['gateway', ...SUBGRAPH_NAMES, 'total', 'each request', 'errors'], rows);
}

function cpuTable(list: Measurement[], scenario: ScenarioName): string {
  const rows = gatewaysOf(list).flatMap((gateway) => {
    const m = list.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!m) return [];
    const cpu = m.median.cpuMsPerRequest;
    const subgraphs = SUBGRAPH_NAMES.reduce((sum, name) => sum + (cpu[name] ?? 0), 0);
    return [
      [
        GATEWAY_LABELS[gateway],
        ms(cpu[gatewayProcess(gateway)] ?? Number.NaN),
        ...SUBGRAPH_NAMES.map((n) => ms(cpu[n] ?? Number.NaN)),
        ms(subgraphs),
        ms(cpu.postgres ?? Number.NaN),
        ms(allProcessCpu(m, gateway)),
        ms(cpu.driver ?? Number.NaN),
        `${(m.median.foreignCpuShare * 100).toFixed(0)}%`,
      ],
    ];
  });
  return table(
    [
      'while driving',
      'gateway',
      ...SUBGRAPH_NAMES,
      'subgraphs',
      'PostgreSQL',
      'all but the driver',
      'driver',
      'other work on the machine',
    ],
    rows,
  );
}

function rssTable(list: Measurement[], scenario: ScenarioName): string {
  const rows = gatewaysOf(list).flatMap((gateway) => {
    const m = list.find((x) => x.gateway === gateway && x.scenario === scenario);
    if (!m) return [];
    const gatewayProcess = gateway === 'ours' ? 'gateway' : gateway;
    return [
      [
        GATEWAY_LABELS[gateway],
        mb(m.median.peakRss[gatewayProcess]),
        ...SUBGRAPH_NAMES.map((n) => mb(m.median.peakRss[n])),
      ],
    ];
  });
  return table(['while driving', 'gateway process', ...SUBGRAPH_NAMES], rows);
}

function scenarioSection(report: BenchReport, name: ScenarioName, description: string): string {
  const o = report.options;
  const parts = [
    `### ${name}`,
    '',
    `${description[0]?.toUpperCase() ?? ''}${description.slice(1)}.`,
    '',
    `Closed loop, ${o.connections} connections, ${seconds(o.durationMs)} per run after ${seconds(o.warmupMs)} of warm-up, scale ${o.scale}:`,
    '',
    latencyTable(report, report.closed, name),
  ];
  if (report.single.some((m) => m.scenario === name)) {
    parts.push(
      '',
      `One connection (${seconds(o.singleDurationMs)} per run): latency without queueing, and the gateway overhead (end-to-end time minus the time a subgraph was serving the request):`,
      '',
      overheadTable(report.single, name),
    );
  }
  parts.push(
    '',
    `Gateway overhead at ${o.connections} connections, p50 (on a saturated machine it includes waiting for a CPU): ${gatewaysOf(
      report.closed,
    )
      .map((g) => {
        const m = find(report.closed, name, g);
        return m ? `${GATEWAY_LABELS[g]} ${ms(m.median.overhead.p50)} ms` : '';
      })
      .filter(Boolean)
      .join('; ')}.`,
    '',
    'SQL statements per request, per subgraph (closed loop):',
    '',
    perSubgraphTable(report.closed, name, (f) => f.sqlPerRequest),
    '',
    `By kind, all subgraphs together: ${gatewaysOf(report.closed)
      .map((g) => {
        const m = find(report.closed, name, g);
        return m ? `${GATEWAY_LABELS[g]}: ${keywords(m.median.sqlByKeyword)}` : '';
      })
      .filter(Boolean)
      .join('; ')}.`,
    '',
    `Subgraph requests (fetches) per request, one request at a time (${report.fetches.find((f) => f.scenario === name)?.requests ?? 0} requests per gateway):`,
    '',
    fetchTable(report, name),
    '',
    `Subgraph requests per request under load (closed loop, all five together): ${gatewaysOf(report.closed)
      .map((g) => {
        const m = find(report.closed, name, g);
        return m
          ? `${GATEWAY_LABELS[g]} ${sumOf(m.median.fetchesPerRequest, SUBGRAPH_NAMES).toFixed(2)}`
          : '';
      })
      .filter(Boolean)
      .join('; ')}.`,
    '',
    `New TCP connections from the gateway to the subgraphs per request (all five together; 0 when its HTTP client keeps connections alive): ${gatewaysOf(
      report.closed,
    )
      .map((g) => {
        const m = find(report.closed, name, g);
        return m
          ? `${GATEWAY_LABELS[g]} ${sumOf(m.median.connectionsPerRequest, SUBGRAPH_NAMES).toFixed(2)}`
          : '';
      })
      .filter(Boolean)
      .join('; ')}.`,
    '',
    'CPU time per request in ms (user and system, from /proc) during the closed-loop runs, and the share of the machine that work outside the benchmark took meanwhile:',
    '',
    cpuTable(report.closed, name),
    '',
    'Peak RSS in MB during the closed-loop runs:',
    '',
    rssTable(report.closed, name),
  );
  const samples = report.closed.filter((m) => m.scenario === name && m.median.errors > 0);
  for (const m of samples) {
    parts.push(
      '',
      `Errors of ${GATEWAY_LABELS[m.gateway]} (first answers): ${m.median.errorSamples.map((e) => `\`${e.slice(0, 200)}\``).join('; ')}`,
    );
  }
  return parts.join('\n');
}

function openSection(report: BenchReport): string {
  const rows: string[][] = [];
  const tailRows: string[][] = [];
  for (const rate of report.options.rates) {
    for (const gateway of gatewaysOf(report.open)) {
      const m = report.open.find(
        (x) => x.gateway === gateway && x.shape.kind === 'open' && x.shape.rate === rate,
      );
      if (!m) continue;
      const f = m.median;
      rows.push([
        String(rate),
        GATEWAY_LABELS[gateway],
        f.rps.toFixed(1),
        ms(f.p50),
        ms(f.p95),
        ms(f.p99),
        ms(f.max),
        String(f.errors),
      ]);
      const tail = f.overhead.tail;
      tailRows.push([
        String(rate),
        GATEWAY_LABELS[gateway],
        String(tail.requests),
        ms(tail.latency),
        ms(tail.waiting),
        ms(tail.subgraphs),
        ms(tail.gateway),
      ]);
    }
  }
  return [
    '### inwoner, open loop',
    '',
    `Requests arrive at a fixed rate whatever the answers do (up to 256 connections); each latency counts from the moment its request was due, so queueing shows (${seconds(report.options.openDurationMs)} per run). Requests still unanswered ${seconds(openLoopGraceMs(report.options.openDurationMs))} after the last one was due are aborted and count as errors, with the time they waited as their latency; "req/s answered" counts answers without errors:`,
    '',
    table(
      ['req/s offered', 'gateway', 'req/s answered', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      rows,
    ),
    '',
    'Where the slowest answers spent their time: per run the requests at or above its p99, each split into the wait until the driver sent it, the time some subgraph was serving it (as the probes saw it) and the rest (the gateway and the loopback hops); the median of each part over them, then over the rounds (requests: over all rounds):',
    '',
    table(
      ['req/s offered', 'gateway', 'requests', 'latency ms', 'waiting ms', 'subgraphs ms', 'gateway ms'],
      tailRows,
    ),
  ].join('\n');
}

function bigSection(report: BenchReport): string {
  const multi = report.big.filter((m) => isMulti(m.shape));
  const single = report.big.filter((m) => isSingle(m.shape));
  return [
    `### dashboard at scale ${report.options.bigScale}`,
    '',
    `The same dashboard query over the data of scale ${report.options.bigScale}, warm (after the warm-up of each run); per request a random period and a random region of four municipalities.`,
    '',
    `Closed loop, ${report.options.connections} connections:`,
    '',
    latencyTable(report, multi, 'dashboard'),
    '',
    'One connection:',
    '',
    overheadTable(single, 'dashboard'),
    '',
    'SQL statements per request, per subgraph:',
    '',
    perSubgraphTable(multi, 'dashboard', (f) => f.sqlPerRequest),
    '',
    'CPU time per request in ms, closed loop, and the share of the machine other work took meanwhile:',
    '',
    cpuTable(multi, 'dashboard'),
  ].join('\n');
}

function sqlScalingSection(report: BenchReport): string {
  const [small, large] = report.sqlScalingSizes;
  const rows = report.sqlScaling.map((s) => [
    GATEWAY_LABELS[s.gateway],
    ...SUBGRAPH_NAMES.map((name) => `${perRequest(s.small[name])} → ${perRequest(s.large[name])}`),
    `${s.smallMax} → ${s.largeMax}`,
    `${s.residents[0].toFixed(0)} → ${s.residents[1].toFixed(0)}`,
  ]);
  return [
    '## SQL statements per request against residents per query',
    '',
    `\`gemeente(code) { inwoners(first: N, after) { nodes { …data at all five partners… } } }\` as a KLANTMANAGER, N = ${small} and N = ${large}, ${report.sqlScaling[0]?.requests ?? 0} requests each, one at a time, at a random place in a random municipality. Mean statements per request of each subgraph, ${small} → ${large} residents (the processing log's statements included). Residents without a benefit of the caller's organisation get FORBIDDEN for the partners' fields (need to know), as in production.`,
    '',
    table(['gateway', ...SUBGRAPH_NAMES, 'most in one request', 'residents answered'], rows),
  ].join('\n');
}

function profileSection(report: BenchReport): string {
  if (!report.profile) return `## CPU profile\n\nNo profile taken: ${report.profileReason}.`;
  const parts = [
    '## CPU profile of ours',
    '',
    `Taken because ${report.profileReason}. Our gateway and subgraphs were restarted with \`node --cpu-prof\` and driven through ours, closed loop, ${report.options.connections} connections, for ${seconds(report.options.durationMs)} per scenario (${report.profile.scenarios.join(', ')}); only samples within the measured windows count (no start-up, no warm-up). Files: \`${report.profile.dir.replace(/^.*\/(\.data\/)/, '$1')}\` (git-ignored). Self time, as a share of each process's busy (non-idle) time. The profiler samples wall-clock time: on a loaded machine busy time includes time spent waiting for a core; the CPU time /proc gives for the same windows stands beside it:`,
  ];
  for (const p of report.profile.processes) {
    parts.push(
      '',
      `**${p.process}**: busy ${seconds(p.busyMs)}${typeof p.cpuMs === 'number' ? ` (CPU ${seconds(p.cpuMs)})` : ''}, idle ${seconds(p.idleMs)}. By package (node's internals counted to the package that called them): ${p.topPackages
        .slice(0, 8)
        .map((pkg) => `${pkg.name} ${(pkg.share * 100).toFixed(0)}%`)
        .join(', ')}.`,
      '',
      table(
        ['function', 'where', 'called from', 'self ms', 'share'],
        p.topFunctions
          .slice(0, 8)
          .map((f) => [
            `\`${f.name}\``,
            f.where,
            f.calledFrom === f.where ? '' : f.calledFrom,
            f.selfMs.toFixed(0),
            `${(f.share * 100).toFixed(1)}%`,
          ]),
      ),
    );
  }
  return parts.join('\n');
}

/** A few sentences for the README; `withSource` adds the line that says where they come from. */
export function summary(report: BenchReport, withSource = true): string {
  const lines: string[] = [];
  const o = report.options;
  for (const { name } of report.scenarios) {
    const ours = find(report.closed, name, 'ours');
    if (!ours) continue;
    const peers = report.closed
      .filter((m) => m.scenario === name && m.gateway !== 'ours')
      .map(
        (m) =>
          `${GATEWAY_LABELS[m.gateway]} ${m.median.rps.toFixed(0)} (ours/peer ${ratio(ours.median.rps / m.median.rps)})`,
      );
    lines.push(
      `- \`${name}\`: ours ${ours.median.rps.toFixed(0)} req/s at ${o.connections} connections, p50 ${ms(ours.median.p50)} ms, p99 ${ms(ours.median.p99)} ms${peers.length ? `; ${peers.join(', ')}` : ''}.`,
    );
  }
  for (const t of targets(report)) {
    if (t.met !== null) lines.push(`- ${t.met ? 'Met' : 'Not met'}: ${t.name} (${t.measured}).`);
  }
  const source = `Measured by \`${o.command}\` on ${report.machine.cores} cores, Node ${report.machine.node}, all processes on one machine (medians of ${o.rounds} round${o.rounds > 1 ? 's' : ''}; details in bench/RESULTS.md):`;
  return [...(withSource ? [source, ''] : []), ...lines].join('\n');
}

/** How much of the machine other work took while the bench measured: the noise in the figures. */
function foreignNote(report: BenchReport): string {
  const shares = [...report.closed, ...report.single, ...report.open, ...report.big].flatMap((m) =>
    m.runs.map((run) => run.foreignCpuShare),
  );
  if (shares.length === 0) return '';
  const pct = (share: number): string => `${(share * 100).toFixed(0)}%`;
  return `While the bench measured, work outside it (other processes, PostgreSQL's background work) took a median of ${pct(median(shares))} of the machine's CPU, ${pct(max(shares))} in the worst run (per scenario in the CPU tables).`;
}

/** The heading of RESULTS.md's hand-written section: it and all after it are kept as they are. */
export const NOTES_HEADING = '## Notes';

const EMPTY_NOTES = `${NOTES_HEADING}\n\n<!-- Hand-written: \`npm run bench\` and \`--render\` keep this section as it is. -->\n`;

/** The hand-written section of an earlier results file, from its heading to the end; null without one. */
export function notesOf(previous: string): string | null {
  const at = previous.search(new RegExp(`^${NOTES_HEADING}\\s*$`, 'm'));
  return at < 0 ? null : previous.slice(at);
}

/** RESULTS.md: the figures of `report`, then the hand-written notes (kept from the file it replaces). */
export function renderResults(report: BenchReport, notes: string | null = null): string {
  const o = report.options;
  const m = report.machine;
  const when = report.startedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  const targetRows = targets(report).map((t) => [
    t.name,
    t.measured,
    t.met === null ? 'not measured' : t.met ? '**met**' : '**not met**',
  ]);
  const loadRows = report.loads.map((l) => [
    l.reload ? `${l.scale} (again, replacing scale ${report.options.bigScale})` : String(l.scale),
    l.residents.toLocaleString('en'),
    l.rows.toLocaleString('en'),
    seconds(l.generateMs),
    seconds(l.loadMs),
    seconds(l.totalMs),
  ]);
  const lifetime = Object.entries(report.lifetimeRss).map(([name, bytes]) => `${name} ${mb(bytes)} MB`);
  const sequential = report.fetches[0]?.requests ?? 0;
  return [
    '# Benchmark results',
    '',
    `Written by \`${o.command}\`, started ${when}, took ${(report.finishedMs / 60000).toFixed(1)} min.`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${(m.memoryBytes / 1073741824).toFixed(1)} GiB memory, Node ${m.node}, Linux ${m.kernel}, ${m.postgres}. PostgreSQL, the five subgraphs, the gateways and the load driver all run on this machine; load goes over loopback. Every figure is the median of ${o.rounds} round${o.rounds > 1 ? 's' : ''} (the gateways take turns within a round, each round starting with the next one); errors are summed over the rounds, peak memory is the highest of them. ${foreignNote(report)}`,
    '',
    '## Summary',
    '',
    summary(report, false),
    '',
    '## Targets',
    '',
    table(['target', 'measured', ''], targetRows, true),
    '',
    '## How it is measured',
    '',
    `- Data: the synthetic population of \`generator/\` (seed \`twente\`), generated and bulk-loaded (COPY) the way \`npm run seed\` does, into databases \`${o.databasePrefix}*\` on ${new URL(o.serverUrl).host}, dropped afterwards.`,
    "- Processes, each its own, with `NODE_ENV=production`: the subgraphs (`dist/subgraphs/<name>/main.js`); ours (`dist/gateway/main.js`: Hive Gateway runtime with the Rust query planner, embedded, with our plugins and its subgraph requests over undici); the peers over the same `schema/supergraph.graphql` (the subgraph URLs rewritten to the bench's ports), without our plugins: Apollo Gateway (`dist/bench/apollo-gateway.js`: ApolloServer and ApolloGateway with Apollo's own HTTP client) and `hive-gateway supergraph` without and with `--hive-router-runtime` (`bench/hive-gateway.config.ts`; like ours, they do not merge identical subgraph requests in flight, which would hand one caller's answer to another, unlogged, and which no peer could otherwise be compared on: the dashboard has five distinct requests). Each runs with the bench's probe preloaded (`node --require dist/bench/probe.js`).",
    '- Load: a separate driver process (`bench/driver.ts`, undici) sends each request with its own variables drawn at random (residents sampled from the loaded databases with SQL, random periods and regions, random conferences) and a fresh W3C trace id. A closed loop keeps N requests in flight; an open loop sends at a fixed rate and times each request from when it was due. A response counts as an error unless it is HTTP 200 without `errors`.',
    `- Authentication: ours verifies the employee JWT (ES256; a verified token is remembered until it expires) and signs a proof for each subgraph request (HMAC-SHA-256 over the claims and the body), which the subgraph verifies (${m.statementSignUs.toFixed(0)} µs to sign and ${m.statementVerifyUs.toFixed(0)} µs to verify, CPU on this machine). The peers verify no employee token: the driver states the caller in \`x-bench-statement\`, and each peer signs every subgraph request's proof with the same keys (\`bench/peer-proofs.ts\`), so the subgraphs do the same work for every gateway.`,
    `- SQL statements and subgraph requests: the probe in each subgraph counts the statements its \`pg\` clients send and the GraphQL requests it receives; the bench reads the counters when warm-up is over and after the run. Subgraph requests per client request are also counted with ${sequential} requests per scenario and gateway sent one at a time.`,
    "- Gateway overhead: the probe in each subgraph records when it received and finished every request, with its trace id, on the machine's monotonic clock. Per request, the overhead is the driver's end-to-end time minus the union of those intervals: what remains is time on the critical path with no subgraph at work (parsing, validation, planning, the gateway's HTTP client, merging, serialising, and the loopback hops).",
    '- CPU: user and system time from `/proc/<pid>/stat` of each process with its children, and of the PostgreSQL backends serving the bench\'s databases, over the measured window, divided by the requests answered in it. "All but the driver": the gateway under test, the five subgraphs and PostgreSQL.',
    '- Memory: RSS of each process (with its children) sampled every 50 ms; the peak within the measured window. Lifetime peaks (VmHWM) at the end.',
    '',
    '## Data: generate and load',
    '',
    table(['scale', 'residents', 'rows', 'generate', 'load', 'together'], loadRows),
    '',
    `Start-up until ready: ${Object.entries(report.startupMs)
      .map(([name, t]) => `${name} ${seconds(t)}`)
      .join(
        ', ',
      )} (the five subgraphs start side by side and create and migrate their databases; the gateways start side by side).`,
    '',
    '## Scenarios',
    '',
    ...report.scenarios.flatMap((s) => [scenarioSection(report, s.name, s.description), '']),
    ...(report.open.length ? [openSection(report), ''] : []),
    ...(report.big.length ? [bigSection(report), ''] : []),
    sqlScalingSection(report),
    '',
    '## Memory',
    '',
    `Lifetime peak RSS (VmHWM, MB) of each process at the end of the run: ${lifetime.join(', ')}.`,
    '',
    profileSection(report),
    '',
    (notes ?? EMPTY_NOTES).trimEnd(),
    '',
  ].join('\n');
}
