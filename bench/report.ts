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

export function targets(report: BenchReport): Target[] {
  const list: Target[] = [];
  const ours = report.sqlScaling.find((s) => s.gateway === 'ours');
  const [small, large] = report.sqlScalingSizes;
  if (ours) {
    const grows = SUBGRAPH_NAMES.filter((name) => ours.large[name] > ours.small[name] + 0.5);
    list.push({
      name: `SQL statements per request do not grow with residents per query (${small} vs ${large}, ours)`,
      measured: SUBGRAPH_NAMES.map(
        (name) => `${name} ${perRequest(ours.small[name])}→${perRequest(ours.large[name])}`,
      ).join(', '),
      met: grows.length === 0,
    });
  } else
    list.push({
      name: 'SQL statements per request do not grow with residents per query',
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

  const oursInwoner = find(report.closed, 'inwoner', 'ours');
  const peer = bestPeer(report, 'inwoner');
  list.push({
    name: 'inwoner: throughput >= best Hive Gateway variant (closed loop)',
    measured:
      oursInwoner && peer
        ? `ours ${oursInwoner.median.rps.toFixed(0)} req/s, ${GATEWAY_LABELS[peer.gateway]} ${peer.median.rps.toFixed(0)} req/s (${ratio(oursInwoner.median.rps / peer.median.rps)}${noise(oursInwoner, peer)})`
        : 'not measured',
    met: oursInwoner && peer ? oursInwoner.median.rps >= peer.median.rps : null,
  });

  const bigScale = report.options.bigScale;
  const dashboard = find(report.big, 'dashboard', 'ours', isSingle);
  list.push({
    name: `dashboard at scale ${bigScale || 50}: p95 < 250 ms, warm (ours, 1 connection)`,
    measured: dashboard
      ? `p95 ${ms(dashboard.median.p95)} ms (p50 ${ms(dashboard.median.p50)}, ${dashboard.median.errors} errors${noise(dashboard)})`
      : 'not measured',
    met: dashboard ? dashboard.median.p95 < 250 && dashboard.median.errors === 0 : null,
  });

  const single = find(report.single, 'inwoner', 'ours');
  list.push({
    name: 'gateway overhead at 1 connection: p50 < 2 ms (ours, inwoner)',
    measured: single
      ? `p50 ${ms(single.median.overhead.p50)} ms (end to end ${ms(single.median.overhead.endToEndP50)} ms, subgraphs ${ms(single.median.overhead.subgraphP50)} ms${noise(single)})`
      : 'not measured',
    met: single ? single.median.overhead.p50 < 2 : null,
  });

  for (const [scale, limitMs, limit] of [
    [1, 30_000, '30 s'],
    [50, 600_000, '10 min'],
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
    ['gateway', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'ours/peer: req/s, p50'],
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
    'Subgraph requests (fetches) per request:',
    '',
    perSubgraphTable(report.closed, name, (f) => f.fetchesPerRequest),
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
    }
  }
  return [
    '### inwoner, open loop',
    '',
    `Requests arrive at a fixed rate whatever the answers do (up to 256 connections); each latency counts from the moment its request was due, so queueing shows (${seconds(report.options.durationMs)} per run). Requests still unanswered ${seconds(openLoopGraceMs(report.options.durationMs))} after the last one was due are aborted and count as errors, with the time they waited as their latency; "req/s answered" counts answers without errors:`,
    '',
    table(
      ['req/s offered', 'gateway', 'req/s answered', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors'],
      rows,
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
    `Taken because ${report.profileReason}. Our gateway and subgraphs were restarted with \`node --cpu-prof\` and driven through ours, closed loop, ${report.options.connections} connections, for ${seconds(report.options.durationMs)} per scenario (${report.profile.scenarios.join(', ')}); only samples within the measured windows count (no start-up, no warm-up). Files: \`${report.profile.dir.replace(/^.*\/(\.data\/)/, '$1')}\` (git-ignored). Self time, as a share of each process's busy (non-idle) time:`,
  ];
  for (const p of report.profile.processes) {
    parts.push(
      '',
      `**${p.process}**: busy ${seconds(p.busyMs)}, idle ${seconds(p.idleMs)}. By package (node's internals counted to the package that called them): ${p.topPackages
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

/** Packages of @apollo/gateway's default HTTP client (make-fetch-happen and what it brings along). */
const FETCH_STACK = new Set([
  'make-fetch-happen',
  'minipass-fetch',
  'minipass',
  'minipass-pipeline',
  'minipass-sized',
  'minipass-flush',
  'minipass-collect',
  '@npmcli/agent',
  'agent-base',
  'http-proxy-agent',
  'https-proxy-agent',
  'socks-proxy-agent',
  'cacache',
  'ssri',
]);

const sumOf = (values: Record<string, number>, names: readonly string[]): number =>
  names.reduce((sum, name) => sum + (values[name] ?? 0), 0);

/**
 * Findings from the figures of this run and the change each one points to: where ours is slower than a
 * peer, or misses a target, what the measurements say the time goes to.
 */
export function analysis(report: BenchReport): string[] {
  const findings: string[] = [];
  const proposals: string[] = [];
  const slower = report.scenarios
    .map((s) => s.name)
    .filter((name) => {
      const ours = find(report.closed, name, 'ours');
      const peer = bestPeer(report, name);
      return ours && peer && ours.median.rps < peer.median.rps;
    });
  for (const name of slower) {
    const ours = find(report.closed, name, 'ours') as Measurement;
    const peer = bestPeer(report, name) as Measurement;
    const o = ours.median;
    const p = peer.median;
    const oGateway = o.cpuMsPerRequest.gateway ?? Number.NaN;
    const pGateway = p.cpuMsPerRequest[gatewayProcess(peer.gateway)] ?? Number.NaN;
    const oSubgraphs = sumOf(o.cpuMsPerRequest, SUBGRAPH_NAMES);
    const pSubgraphs = sumOf(p.cpuMsPerRequest, SUBGRAPH_NAMES);
    const oFetches = sumOf(o.fetchesPerRequest, SUBGRAPH_NAMES);
    const pFetches = sumOf(p.fetchesPerRequest, SUBGRAPH_NAMES);
    findings.push(
      `\`${name}\`: ours ${o.rps.toFixed(1)} req/s, ${GATEWAY_LABELS[peer.gateway]} ${p.rps.toFixed(1)} (${ratio(o.rps / p.rps)}). ` +
        `CPU per request: our gateway ${ms(oGateway)} ms against ${ms(pGateway)} ms; the five subgraphs ${ms(oSubgraphs)} ms under ours against ${ms(pSubgraphs)} ms; PostgreSQL ${ms(o.cpuMsPerRequest.postgres ?? Number.NaN)} against ${ms(p.cpuMsPerRequest.postgres ?? Number.NaN)} ms. ` +
        `Ours sends ${perRequest(oFetches)} subgraph requests per request, the peer ${perRequest(pFetches)}` +
        (oFetches > pFetches + 0.5
          ? `, and its subgraphs run ${perRequest(sumOf(o.sqlPerRequest, SUBGRAPH_NAMES))} SQL statements per request against ${perRequest(sumOf(p.sqlPerRequest, SUBGRAPH_NAMES))}.`
          : '.'),
    );
  }
  const extraFetches = slower.filter((name) => {
    const ours = find(report.closed, name, 'ours') as Measurement;
    const peer = bestPeer(report, name) as Measurement;
    return (
      sumOf(ours.median.fetchesPerRequest, SUBGRAPH_NAMES) >
      sumOf(peer.median.fetchesPerRequest, SUBGRAPH_NAMES) + 0.5
    );
  });
  if (extraFetches.length > 0) {
    proposals.push(
      `Fetch each subgraph once per plan step (${extraFetches.map((n) => `\`${n}\``).join(', ')}): @apollo/gateway sends one entity fetch per path (for the dashboard: one per aliased municipality, four per subgraph), each with its own statement check, processing-log transaction and SQL, where both Hive planners send all representations of a subgraph in one fetch. Within our stack: give the dashboard one path, a list field such as \`gemeenten(codes: [String!]!)\` resolved by werk-inkomen, so the four municipalities become one entity fetch per subgraph; or execute plans with a planner that merges fetches per subgraph.`,
    );
  }
  const gatewayProfile = report.profile?.processes.find((p) => p.process === 'gateway');
  const fetchStack = gatewayProfile?.topPackages.filter((pkg) => FETCH_STACK.has(pkg.name)) ?? [];
  // Only when make-fetch-happen itself is at work: other packages of the set serve other callers too.
  const fetchShare = fetchStack.some(
    (pkg) => pkg.name === 'minipass-fetch' || pkg.name === 'make-fetch-happen',
  )
    ? fetchStack.reduce((sum, pkg) => sum + pkg.share, 0)
    : 0;
  if (gatewayProfile && fetchShare > 0.03) {
    findings.push(
      `The profile of our gateway puts ${(fetchShare * 100).toFixed(0)}% of its busy time in the HTTP client @apollo/gateway uses by default (make-fetch-happen: ${fetchStack.map((pkg) => pkg.name).join(', ')})` +
        (fetchStack.some((pkg) => pkg.name === 'agent-base')
          ? "; agent-base's `isSecureEndpoint` builds a stack trace for every request."
          : '.'),
    );
    proposals.push(
      'Give `RemoteGraphQLDataSource` a `fetcher` of its own (gateway/server.ts): undici with a keep-alive pool per subgraph, instead of make-fetch-happen, whose proxy, cache and agent layers do nothing for calls between our own services.',
    );
  }
  const pairOf = (name: ScenarioName): { ours: RunFigures; peer: RunFigures; label: string } => {
    const peer = bestPeer(report, name) as Measurement;
    return {
      ours: (find(report.closed, name, 'ours') as Measurement).median,
      peer: peer.median,
      label: GATEWAY_LABELS[peer.gateway],
    };
  };
  const gatewayCpu = (f: RunFigures, gateway: string): number => f.cpuMsPerRequest[gateway] ?? 0;
  const behindCpu = (f: RunFigures): number => sumOf(f.cpuMsPerRequest, [...SUBGRAPH_NAMES, 'postgres']);
  // Where our gateway itself needs clearly more CPU than the faster peer's.
  const heavierGateway = slower.filter((name) => {
    const { ours, peer } = pairOf(name);
    const best = bestPeer(report, name) as Measurement;
    return gatewayCpu(ours, 'gateway') > gatewayCpu(peer, gatewayProcess(best.gateway)) * 1.2;
  });
  if (heavierGateway.length > 0) {
    proposals.push(
      `Where our gateway itself is the heavier one (${heavierGateway.map((n) => `\`${n}\``).join(', ')}), the peer's engine wins: ${heavierGateway
        .map((n) => {
          const { ours, peer, label } = pairOf(n);
          const best = bestPeer(report, n) as Measurement;
          return `${ms(gatewayCpu(ours, 'gateway'))} against ${ms(gatewayCpu(peer, gatewayProcess(best.gateway)))} ms of gateway CPU per request (${label})`;
        })
        .join(
          '; ',
        )}. Our gateway's own work is small and portable: verifying the employee's JWT and signing the statement cost ${report.machine.statementVerifyUs.toFixed(0)} + ${report.machine.statementSignUs.toFixed(0)} µs of CPU on this machine; BSN and date validation, query limits and error masking are plugins. Running them as Hive Gateway plugins (MIT; envelop/yoga plugin hooks) with \`--hive-router-runtime\` would take over its planner and executor, and drop @apollo/gateway (Elastic-2.0) as well.`,
    );
  }
  // Where our gateway needs no more CPU than the peer's, yet the whole is slower: the gap is behind it.
  const heavierBehind = slower.filter((name) => {
    const { ours, peer } = pairOf(name);
    const best = bestPeer(report, name) as Measurement;
    return (
      !heavierGateway.includes(name) &&
      gatewayCpu(ours, 'gateway') <= gatewayCpu(peer, gatewayProcess(best.gateway)) &&
      behindCpu(ours) > behindCpu(peer) * 1.03
    );
  });
  if (heavierBehind.length > 0) {
    findings.push(
      `In ${heavierBehind.map((n) => `\`${n}\``).join(', ')} our gateway needs no more CPU than the faster peer's, yet the subgraphs and PostgreSQL together need more under ours: ${heavierBehind
        .map((n) => {
          const { ours, peer, label } = pairOf(n);
          return `${ms(behindCpu(ours))} against ${ms(behindCpu(peer))} ms per request (${label})`;
        })
        .join('; ')}, for the same number of fetches.`,
    );
    proposals.push(
      `Find out why the same fetches cost the subgraphs more under ours (${heavierBehind.map((n) => `\`${n}\``).join(', ')}): compare the subgraph requests both gateways send (documents, variables, headers, how representations are grouped); that difference, not the gateway's own CPU, is what the peer is ahead by there.`,
    );
  }
  const single = find(report.single, 'inwoner', 'ours');
  if (single && single.median.overhead.p50 >= 2) {
    const peers = report.single
      .filter((m) => m.scenario === 'inwoner' && m.gateway !== 'ours')
      .map((m) => `${GATEWAY_LABELS[m.gateway]} ${ms(m.median.overhead.p50)} ms`);
    findings.push(
      `Gateway overhead at one connection (\`inwoner\`): ours ${ms(single.median.overhead.p50)} ms at p50${peers.length ? `, ${peers.join(', ')}` : ''}. It holds two loopback round trips (client to gateway, and the one fetch level to the five subgraphs in parallel), the JWT check and the statement signature (${((report.machine.statementVerifyUs + report.machine.statementSignUs) / 1000).toFixed(2)} ms of CPU together here), planning and merging.`,
    );
  }
  const subgraphHeavy = slower.length > 0 || (single && single.median.overhead.p50 >= 2);
  const inwoner = find(report.closed, 'inwoner', 'ours');
  if (subgraphHeavy && inwoner) {
    const perFetch =
      sumOf(inwoner.median.sqlPerRequest, SUBGRAPH_NAMES) /
      Math.max(1, sumOf(inwoner.median.fetchesPerRequest, SUBGRAPH_NAMES));
    const kinds = inwoner.median.sqlByKeyword;
    const logStatements = (kinds.begin ?? 0) + (kinds.commit ?? 0) + (kinds.insert ?? 0);
    findings.push(
      `On two cores every process competes for the same CPU, and the subgraphs use most of it: for \`inwoner\` ${ms(sumOf(inwoner.median.cpuMsPerRequest, SUBGRAPH_NAMES))} ms per request together, against ${ms(inwoner.median.cpuMsPerRequest.gateway ?? Number.NaN)} ms for our gateway. Each subgraph request verifies the gateway statement, runs its SQL and writes its processing log: ${perFetch.toFixed(1)} SQL statements per subgraph request (${keywords(kinds)} per \`inwoner\` request)${(kinds.select ?? 0) < logStatements ? ', most of them for the processing log' : ''}.`,
    );
    if (logStatements > 0)
      proposals.push(
        `Whatever the gateway, fewer round trips per subgraph request lift throughput and latency here: the processing log's transaction (${perRequest(logStatements)} of the ${perRequest(sumOf(inwoner.median.sqlPerRequest, SUBGRAPH_NAMES))} statements per \`inwoner\` request are BEGIN, INSERT or COMMIT) could be one statement per subgraph request: a data-modifying CTE that inserts the log lines and the actor together is atomic on its own.`,
      );
  }
  // Runs above what the machine can answer (an open loop past saturation) fail for that reason alone.
  const capacity = max(report.closed.filter((m) => m.scenario === 'inwoner').map((m) => m.median.rps));
  const overloaded = new Set(
    report.open.filter((m) => m.shape.kind === 'open' && m.shape.rate > capacity).flatMap((m) => m.runs),
  );
  const unavailableRuns = [...report.closed, ...report.single, ...report.open, ...report.big]
    .filter((m) => m.gateway === 'ours')
    .flatMap((m) => m.runs)
    .filter(
      (run) => !overloaded.has(run) && run.errorSamples.some((e) => e.includes('SUBGRAPH_UNAVAILABLE')),
    );
  if (unavailableRuns.length > 0) {
    const defaultClient = gatewayProfile !== undefined && fetchShare > 0.03;
    findings.push(
      `Ours answered ${unavailableRuns.reduce((sum, run) => sum + run.errors, 0)} requests with SUBGRAPH_UNAVAILABLE (in ${unavailableRuns.length} run${unavailableRuns.length > 1 ? 's' : ''} below saturation), none of the peers did. ` +
        (defaultClient
          ? "Most likely a keep-alive race: @apollo/gateway's default HTTP client keeps idle connections without limit (@npmcli/agent's idle timeout is 0) while the subgraphs close idle connections after 65 s (`keepAliveTimeout`), so after a minute without traffic (the gateways take turns) a fetch can leave on a connection the subgraph is closing."
          : 'The gateways take turns, so ours sits idle for a minute or more between runs; a keep-alive race (the subgraphs close idle connections after 65 s, `keepAliveTimeout`) fits that pattern.'),
    );
    proposals.push(
      "Let the gateway's HTTP client close idle connections to a subgraph before the subgraph does (an idle timeout below 65 s), and retry a fetch that failed before any byte of it was sent.",
    );
  }
  const dashboard = find(report.closed, 'dashboard', 'ours');
  if (dashboard) {
    const cpu = dashboard.median.cpuMsPerRequest;
    const node = (cpu.gateway ?? 0) + sumOf(cpu, SUBGRAPH_NAMES);
    const postgres = cpu.postgres ?? 0;
    if (postgres > node) {
      findings.push(
        `For the dashboard PostgreSQL does most of the work: ${ms(postgres)} ms of CPU per request, against ${ms(node)} ms for our gateway and the subgraphs together; every gateway pays it alike.`,
      );
      proposals.push(
        'The dashboard recomputes every statistic from the rows at each request, while figures of months that have ended do not change: monthly aggregates per municipality, refreshed when data is loaded or changed (materialised views), would leave PostgreSQL little to do per request, at every scale.',
      );
    }
  }
  if (findings.length === 0) return [];
  return [
    '## Where the time goes, and what would win',
    '',
    ...findings.map((f) => `- ${f}`),
    '',
    'Proposed changes:',
    '',
    ...proposals.map((p, i) => `${i + 1}. ${p}`),
  ];
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

export function renderResults(report: BenchReport): string {
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
  const signing = report.closed.filter((x) => x.gateway !== 'ours').map((x) => x.median.signUsPerRequest);
  const signUs = signing.length ? signing.reduce((a, b) => a + b, 0) / signing.length : 0;
  return [
    '# Benchmark results',
    '',
    `Written by \`${o.command}\`, started ${when}, took ${(report.finishedMs / 60000).toFixed(1)} min.`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${(m.memoryBytes / 1073741824).toFixed(1)} GiB memory, Node ${m.node}, Linux ${m.kernel}, ${m.postgres}. PostgreSQL, the five subgraphs, the gateways and the load driver all run on this machine; load goes over loopback. Every figure is the median of ${o.rounds} round${o.rounds > 1 ? 's' : ''} (the gateways take turns within a round); errors are summed over the rounds, peak memory is the highest of them. ${foreignNote(report)}`,
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
    "- Processes: each subgraph runs as `node dist/subgraphs/<name>/main.js` and our gateway as `node dist/gateway/main.js`, with `NODE_ENV=production`. The peers are `hive-gateway supergraph` over the same `schema/supergraph.graphql` (only the subgraph URLs rewritten to the bench's ports), without and with `--hive-router-runtime`, configured by `bench/hive-gateway.config.ts`.",
    '- Load: a separate driver process (`bench/driver.ts`, undici) sends each request with its own variables drawn at random (residents sampled from the loaded databases with SQL, random periods and regions, random conferences) and a fresh W3C trace id. A closed loop keeps N requests in flight; an open loop sends at a fixed rate and times each request from when it was due. A response counts as an error unless it is HTTP 200 without `errors`.',
    `- Authentication: ours additionally verifies the employee JWT (ES256; a verified token is remembered until it expires) and signs a gateway statement (EdDSA) per request, which every subgraph verifies (${m.statementVerifyUs.toFixed(0)} µs to verify and ${m.statementSignUs.toFixed(0)} µs to sign, CPU on this machine). The peers verify no JWT and sign nothing: the driver signs each peer request's statement with our gateway's key before the request's timing starts (${signUs.toFixed(0)} µs of wall time per request under load) and the peer passes it on in \`x-gateway-token\`, so the subgraphs do the same work for every gateway.`,
    '- SQL statements: each subgraph counts the statements it sends (knex query events) and the bench reads the counters when warm-up is over and after the run (`BENCH_METRICS_PORT`, off by default).',
    "- Gateway overhead: each subgraph records when it received and finished every request, with its trace id, on the machine's monotonic clock. Per request, the overhead is the driver's end-to-end time minus the union of those intervals: what remains is time on the critical path with no subgraph at work (parsing, validation, planning, the gateway's HTTP client, merging, serialising, and the loopback hops).",
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
    ...analysis(report),
    '',
  ].join('\n');
}
