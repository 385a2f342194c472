/**
 * The benchmark's orchestration: starts the hub's services and the peer gateways as processes, loads
 * generated data, and runs every measurement through the driver process. Rendering is in report.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Doelbinding, Caller } from '../platform/auth/principals';
import { generateProofKey, proofVerifier, signProof } from '../platform/auth/proofs';
import { newTransactionId } from '../platform/fsc';
import { databaseName, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { DATA_DIR } from '../platform/paths';
import {
  benchDatabaseUrls,
  dropDatabases,
  generateAndLoad,
  query,
  residentsWithRunningBenefit,
  type LoadTiming,
} from './data';
import { PAGE_CURSOR, RESIDENTS } from './documents';
import { createBenchKeys, employeeToken, type BenchKeys } from './keys';
import { BENCH_STATEMENT_HEADER } from './peer-proofs';
import { Driver } from './load';
import type { ProbeMetrics } from './probe';
import { lifetimePeakRssOf, ProcessMonitor, type Service } from './processes';
import { summariseProfiles, type ProfileSummary } from './profile';
import type { Identity, LoadJob, LoadShape } from './protocol';
import {
  GATEWAYS,
  planServices,
  readMetrics,
  readMetricsWhenAnswered,
  startAll,
  startOurGateway,
  startPeerGateway,
  startSubgraphs,
  writePeerSupergraph,
  type GatewayName,
  type ServicePlan,
  type SubgraphService,
} from './services';
import { gatewayOverhead, max, median, quantile, type Overhead } from './stats';
import {
  BHH,
  casusoverlegScenario,
  dashboardScenario,
  inwonerScenario,
  KLANTMANAGER,
  openConferences,
  SCENARIOS,
  type GraphQLCall,
  type Scenario,
  type ScenarioName,
} from './scenarios';

export interface BenchOptions {
  /** Scale of the data of every scenario. */
  scale: number;
  /** A second, larger scale for generate+load timing and the dashboard; 0 for none. */
  bigScale: number;
  warmupMs: number;
  durationMs: number;
  /**
   * Length of the open-loop runs: longer than the closed loop's, because their p99 rests on the slowest
   * 1% of a few hundred requests per run.
   */
  openDurationMs: number;
  /** Length of the one-connection runs that measure the gateway overhead. */
  singleDurationMs: number;
  /** Connections of the closed-loop runs. */
  connections: number;
  /** Arrival rates (requests per second) of the open-loop runs of `inwoner`. */
  rates: number[];
  /** Every measurement is repeated this often; reports give the median. */
  rounds: number;
  scenarios: ScenarioName[];
  gateways: GatewayName[];
  /** A PostgreSQL server (URL of its `postgres` database). */
  serverUrl: string;
  databasePrefix: string;
  /** Case conferences opened for the casusoverleg scenario. */
  conferences: number;
  /** When to profile ours: when it is slower than a peer (auto), always or never. */
  profile: 'auto' | 'always' | 'never';
  keepData: boolean;
  quick: boolean;
  /** The command line, for the report. */
  command: string;
}

export interface RunFigures {
  requests: number;
  errors: number;
  errorSamples: string[];
  /** Answers without errors per second. */
  rps: number;
  /** Latency percentiles and maximum, ms. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  sqlPerRequest: Record<SubgraphName, number>;
  /** SQL statements per request of all subgraphs together, by first keyword (select, insert, begin, ...). */
  sqlByKeyword: Record<string, number>;
  /** Subgraph requests (fetches of the gateway) per request. */
  fetchesPerRequest: Record<SubgraphName, number>;
  /** New TCP connections from the gateway to each subgraph per request (0 when it keeps them alive). */
  connectionsPerRequest: Record<SubgraphName, number>;
  overhead: Overhead;
  /** Peak RSS during the measured window of the gateway under test and of each subgraph, bytes. */
  peakRss: Record<string, number>;
  /** CPU time per request of the gateway under test, each subgraph, the driver and PostgreSQL, ms. */
  cpuMsPerRequest: Record<string, number>;
  /** Share of the machine's CPU capacity that other work (outside the bench) used during the run. */
  foreignCpuShare: number;
}

export interface Measurement {
  scenario: ScenarioName;
  gateway: GatewayName;
  scale: number;
  shape: LoadShape;
  runs: RunFigures[];
  median: RunFigures;
}

/**
 * Subgraph requests of one gateway per client request of a scenario, the requests sent one at a time:
 * what its query plan costs, without what it may save under load by sharing identical subgraph
 * requests that are in flight at the same time.
 */
export interface FetchCount {
  scenario: ScenarioName;
  gateway: GatewayName;
  /** Client requests sent. */
  requests: number;
  errors: number;
  /** Mean subgraph requests per client request, per subgraph. */
  perRequest: Record<SubgraphName, number>;
  /** Fewest and most subgraph requests (all subgraphs together) of any one client request. */
  min: number;
  max: number;
}

export interface SqlScaling {
  gateway: GatewayName;
  /** Mean SQL statements per request of each subgraph, for pages of `small` and of `large` residents. */
  small: Record<SubgraphName, number>;
  large: Record<SubgraphName, number>;
  /** Most statements any one request of that size cost, over all subgraphs. */
  smallMax: number;
  largeMax: number;
  /** Mean residents per answer of each size. */
  residents: [number, number];
  requests: number;
}

export interface Machine {
  /** CPU time of one signature and one verification of a gateway proof (HS256), µs. */
  statementSignUs: number;
  statementVerifyUs: number;
  cores: number;
  cpu: string;
  memoryBytes: number;
  node: string;
  kernel: string;
  postgres: string;
}

/** Version of the report's figures: `--render` refuses the figures of another version. */
export const REPORT_FORMAT = 3;

export interface BenchReport {
  format: typeof REPORT_FORMAT;
  startedAt: string;
  finishedMs: number;
  options: BenchOptions;
  machine: Machine;
  loads: LoadTiming[];
  /** Time until each service answered its readiness check, ms. */
  startupMs: Record<string, number>;
  scenarios: { name: ScenarioName; description: string }[];
  closed: Measurement[];
  single: Measurement[];
  open: Measurement[];
  /** The dashboard at `bigScale`, closed loop and one connection. */
  big: Measurement[];
  fetches: FetchCount[];
  sqlScaling: SqlScaling[];
  sqlScalingSizes: [number, number];
  lifetimeRss: Record<string, number>;
  profile: ProfileSummary | null;
  /** Why a profile was taken (or not). */
  profileReason: string;
}

type Log = (line: string) => void;

interface Context {
  options: BenchOptions;
  log: Log;
  plan: ServicePlan;
  keys: BenchKeys;
  driver: Driver;
  subgraphs: SubgraphService[];
  gateways: Partial<Record<GatewayName, Service>>;
  monitor: ProcessMonitor;
  tokens: Map<string, string>;
  /** Tells the memory sampler and the final stop which processes run now. */
  track: () => void;
}

function emptyPerSubgraph(): Record<SubgraphName, number> {
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])) as Record<SubgraphName, number>;
}

async function tokenOf(ctx: Context, caller: Caller): Promise<string> {
  let token = ctx.tokens.get(caller.employeeId);
  if (!token) {
    token = await employeeToken(ctx.keys, caller);
    ctx.tokens.set(caller.employeeId, token);
  }
  return token;
}

async function jobFor(
  ctx: Context,
  scenario: Scenario,
  gateway: GatewayName,
  shape: LoadShape,
  durationMs: number,
): Promise<LoadJob> {
  const service = ctx.gateways[gateway];
  if (!service) throw new Error(`gateway ${gateway} is not running`);
  const identities = await Promise.all(
    scenario.callers.map(async (caller): Promise<Identity> =>
      gateway === 'ours'
        ? {
            headers: {
              authorization: `Bearer ${await tokenOf(ctx, caller)}`,
              'x-doelbinding': scenario.purpose,
            },
            statement: null,
          }
        : { headers: {}, statement: { caller, purpose: scenario.purpose } },
    ),
  );
  return {
    url: service.url,
    document: scenario.document,
    identities,
    draws: scenario.draws.map((draw) => ({ variables: draw.variables, identity: draw.caller })),
    shape,
    warmupMs: ctx.options.warmupMs,
    durationMs,
  };
}

function deltas(
  before: Record<SubgraphName, ProbeMetrics>,
  after: Record<SubgraphName, ProbeMetrics>,
  field: 'sqlStatements' | 'requests' | 'connections',
  requests: number,
): Record<SubgraphName, number> {
  const result = emptyPerSubgraph();
  for (const name of SUBGRAPH_NAMES)
    result[name] = requests ? (after[name][field] - before[name][field]) / requests : 0;
  return result;
}

/**
 * Waits until the subgraphs have been idle for a second (at most 30 s): after aborted requests a gateway
 * may still be working off its backlog, which must not spill into the next run.
 */
async function settle(ctx: Context): Promise<void> {
  const total = async (): Promise<number> =>
    Object.values(await readMetrics(ctx.subgraphs)).reduce((sum, m) => sum + m.requests, 0);
  let last = await total();
  for (let waited = 0; waited < 30_000; waited += 1000) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const now = await total();
    if (now === last) return;
    last = now;
  }
}

function keywordDeltas(
  before: Record<SubgraphName, ProbeMetrics>,
  after: Record<SubgraphName, ProbeMetrics>,
  requests: number,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const name of SUBGRAPH_NAMES) {
    for (const [keyword, count] of Object.entries(after[name].sqlByKeyword)) {
      const delta = count - (before[name].sqlByKeyword[keyword] ?? 0);
      if (delta > 0 && requests > 0) result[keyword] = (result[keyword] ?? 0) + delta / requests;
    }
  }
  return result;
}

/** One measured run: counters of the subgraphs are read when the warm-up is over and after the run. */
async function measure(
  ctx: Context,
  scenario: Scenario,
  gateway: GatewayName,
  shape: LoadShape,
  durationMs: number,
  /** Receives the measured window on the machine's monotonic clock, µs (for the profiles). */
  windows: [number, number][] = [],
): Promise<RunFigures> {
  const job = await jobFor(ctx, scenario, gateway, shape, durationMs);
  let before: Record<SubgraphName, ProbeMetrics> | undefined;
  let from = 0;
  const result = await ctx.driver.run(job, async () => {
    // This read also drains the request times of the warm-up.
    before = await readMetricsWhenAnswered(ctx.subgraphs);
    ctx.monitor.reset();
    from = Number(process.hrtime.bigint() / 1000n);
  });
  windows.push([from, Number(process.hrtime.bigint() / 1000n)]);
  const after = await readMetricsWhenAnswered(ctx.subgraphs);
  if (!before) throw new Error('no counters at the start of the run');
  if (result.errors > 0) await settle(ctx);
  const usage = ctx.monitor.read();
  const machine = ctx.monitor.machine(usage);
  const measured = [ctx.gateways[gateway]?.name ?? gateway, ...SUBGRAPH_NAMES];
  const peakRss = Object.fromEntries(measured.map((name) => [name, usage[name]?.peakRssBytes ?? 0]));
  const perRequest = (cpuMs: number): number => (result.requests ? cpuMs / result.requests : 0);
  const cpuMsPerRequest = Object.fromEntries([
    ...[...measured, 'driver'].map((name) => [name, perRequest(usage[name]?.cpuMs ?? 0)] as const),
    ['postgres', perRequest(machine.postgresCpuMs)] as const,
  ]);
  const foreignCpuShare = machine.foreignCpuMs / (machine.windowMs * cpus().length);
  const served = SUBGRAPH_NAMES.flatMap((name) => after[name].served);
  const figures: RunFigures = {
    requests: result.requests,
    errors: result.errors,
    errorSamples: result.errorSamples,
    // Answers without errors per second.
    rps: (result.requests - result.errors) / (result.elapsedMs / 1000),
    p50: quantile(result.latenciesMs, 0.5),
    p95: quantile(result.latenciesMs, 0.95),
    p99: quantile(result.latenciesMs, 0.99),
    max: max(result.latenciesMs),
    sqlPerRequest: deltas(before, after, 'sqlStatements', result.requests),
    sqlByKeyword: keywordDeltas(before, after, result.requests),
    fetchesPerRequest: deltas(before, after, 'requests', result.requests),
    connectionsPerRequest: deltas(before, after, 'connections', result.requests),
    overhead: gatewayOverhead(result.traces, served),
    peakRss,
    cpuMsPerRequest,
    foreignCpuShare,
  };
  const shapeText = shape.kind === 'closed' ? `${shape.connections} conn` : `${shape.rate} req/s`;
  ctx.log(
    `  ${scenario.name.padEnd(12)} ${gateway.padEnd(9)} ${shapeText.padEnd(10)} ${figures.rps.toFixed(1).padStart(7)} req/s ` +
      `p50 ${figures.p50.toFixed(1)} p99 ${figures.p99.toFixed(1)} ms, errors ${figures.errors}` +
      (figures.errors ? ` (${figures.errorSamples[0]?.slice(0, 160) ?? ''})` : ''),
  );
  return figures;
}

function medianOf(runs: RunFigures[]): RunFigures {
  const pick = (get: (run: RunFigures) => number): number => median(runs.map(get));
  const perSubgraph = (
    get: (run: RunFigures) => Record<SubgraphName, number>,
  ): Record<SubgraphName, number> => {
    const result = emptyPerSubgraph();
    for (const name of SUBGRAPH_NAMES) result[name] = pick((run) => get(run)[name]);
    return result;
  };
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.peakRss)))];
  return {
    requests: runs.reduce((sum, run) => sum + run.requests, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    errorSamples: [...new Set(runs.flatMap((run) => run.errorSamples))].slice(0, 5),
    rps: pick((run) => run.rps),
    p50: pick((run) => run.p50),
    p95: pick((run) => run.p95),
    p99: pick((run) => run.p99),
    max: pick((run) => run.max),
    sqlPerRequest: perSubgraph((run) => run.sqlPerRequest),
    fetchesPerRequest: perSubgraph((run) => run.fetchesPerRequest),
    connectionsPerRequest: perSubgraph((run) => run.connectionsPerRequest),
    sqlByKeyword: Object.fromEntries(
      [...new Set(runs.flatMap((run) => Object.keys(run.sqlByKeyword)))].map((keyword) => [
        keyword,
        pick((run) => run.sqlByKeyword[keyword] ?? 0),
      ]),
    ),
    overhead: {
      matched: runs.reduce((sum, run) => sum + run.overhead.matched, 0),
      p50: pick((run) => run.overhead.p50),
      p95: pick((run) => run.overhead.p95),
      subgraphP50: pick((run) => run.overhead.subgraphP50),
      endToEndP50: pick((run) => run.overhead.endToEndP50),
      tail: {
        requests: runs.reduce((sum, run) => sum + run.overhead.tail.requests, 0),
        latency: pick((run) => run.overhead.tail.latency),
        waiting: pick((run) => run.overhead.tail.waiting),
        subgraphs: pick((run) => run.overhead.tail.subgraphs),
        gateway: pick((run) => run.overhead.tail.gateway),
      },
    },
    // Memory: the highest peak of any round.
    peakRss: Object.fromEntries(names.map((name) => [name, max(runs.map((run) => run.peakRss[name] ?? 0))])),
    cpuMsPerRequest: Object.fromEntries(
      [...new Set(runs.flatMap((run) => Object.keys(run.cpuMsPerRequest)))].map((name) => [
        name,
        pick((run) => run.cpuMsPerRequest[name] ?? 0),
      ]),
    ),
    foreignCpuShare: pick((run) => run.foreignCpuShare),
  };
}

/**
 * Runs every (scenario, gateway) pair `rounds` times, gateways interleaved so drift hits all alike, and
 * in a rotated order each round: the first run after start-up meets subgraphs whose code is not yet
 * fully optimised (measured: 25% more subgraph CPU per request), and that is no gateway's doing.
 */
async function measureRounds(
  ctx: Context,
  scenarios: Scenario[],
  shapes: LoadShape[],
  durationMs: number,
  scale: number,
): Promise<Measurement[]> {
  const runs = new Map<
    string,
    { scenario: ScenarioName; gateway: GatewayName; shape: LoadShape; runs: RunFigures[] }
  >();
  for (let round = 1; round <= ctx.options.rounds; round++) {
    ctx.log(` round ${round}/${ctx.options.rounds}`);
    for (const scenario of scenarios) {
      for (const shape of shapes) {
        for (const gateway of rotated(ctx.options.gateways, round - 1)) {
          const key = `${scenario.name}/${gateway}/${JSON.stringify(shape)}`;
          const entry = runs.get(key) ?? { scenario: scenario.name, gateway, shape, runs: [] };
          entry.runs.push(await measure(ctx, scenario, gateway, shape, durationMs));
          runs.set(key, entry);
        }
      }
    }
  }
  return [...runs.values()].map((entry) => ({ ...entry, scale, median: medianOf(entry.runs) }));
}

function rotated<T>(items: readonly T[], by: number): T[] {
  const start = by % Math.max(items.length, 1);
  return [...items.slice(start), ...items.slice(0, start)];
}

/** Sends one request through a gateway as `caller`: with a bearer token to ours, a signed statement to a peer. */
async function callGateway(
  ctx: Context,
  gateway: GatewayName,
  caller: Caller,
  purpose: Doelbinding,
  document: string,
  variables: Record<string, unknown>,
): Promise<{ data?: Record<string, unknown> | null; errors?: { message: string }[] }> {
  const service = ctx.gateways[gateway];
  if (!service) throw new Error(`gateway ${gateway} is not running`);
  // A fresh span per request, as the driver sends: a peer binds its proofs to it (consent grants need one).
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    traceparent: `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`,
  };
  if (gateway === 'ours') {
    headers.authorization = `Bearer ${await tokenOf(ctx, caller)}`;
    headers['x-doelbinding'] = purpose;
  } else {
    headers[BENCH_STATEMENT_HEADER] = JSON.stringify({ caller, purpose });
  }
  const response = await fetch(service.url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query: document, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

/**
 * Subgraph requests per client request of each scenario through a gateway, `repeats` requests one at a
 * time (each with a random draw of the scenario): the probes count the requests each subgraph received.
 */
async function countFetches(
  ctx: Context,
  scenario: Scenario,
  gateway: GatewayName,
  repeats: number,
): Promise<FetchCount> {
  const total = emptyPerSubgraph();
  let min = Number.POSITIVE_INFINITY;
  let most = 0;
  let errors = 0;
  let before = await readMetrics(ctx.subgraphs);
  for (let i = 0; i < repeats; i++) {
    const draw = scenario.draws[Math.floor(Math.random() * scenario.draws.length)];
    const caller = draw && scenario.callers[draw.caller];
    if (!draw || !caller) throw new Error(`scenario ${scenario.name} has nothing to draw`);
    const response = await callGateway(
      ctx,
      gateway,
      caller,
      scenario.purpose,
      scenario.document,
      draw.variables,
    );
    if (response.errors?.length || !response.data) errors += 1;
    // A subgraph counts a request when it arrives, before the gateway can have answered.
    const after = await readMetrics(ctx.subgraphs);
    let sum = 0;
    for (const name of SUBGRAPH_NAMES) {
      const fetches = after[name].requests - before[name].requests;
      total[name] += fetches;
      sum += fetches;
    }
    min = Math.min(min, sum);
    most = Math.max(most, sum);
    before = after;
  }
  for (const name of SUBGRAPH_NAMES) total[name] /= repeats;
  return { scenario: scenario.name, gateway, requests: repeats, errors, perRequest: total, min, max: most };
}

/**
 * SQL statements per request for a page of `small` and of `large` residents with their data at every
 * partner, one request at a time: with DataLoaders the count does not depend on the page size.
 */
async function sqlScaling(
  ctx: Context,
  gateway: GatewayName,
  sizes: [number, number],
  repeats: number,
): Promise<SqlScaling> {
  // Pages start after a random number of residents (a real cursor: a client cannot write one), so
  // every page is full.
  const startAfter = async (code: string): Promise<string | null> => {
    const skip = 1 + Math.floor(Math.random() * 200);
    const response = await callGateway(ctx, gateway, KLANTMANAGER, 'uitvoering', PAGE_CURSOR, {
      code,
      first: skip,
    });
    const inwoners = (response.data?.gemeente as { inwoners?: { pageInfo?: { endCursor?: string } } })
      ?.inwoners;
    return inwoners?.pageInfo?.endCursor ?? null;
  };
  const measureSize = async (
    first: number,
  ): Promise<{ mean: Record<SubgraphName, number>; max: number; residents: number }> => {
    const total = emptyPerSubgraph();
    let most = 0;
    let residents = 0;
    for (let i = 0; i < repeats; i++) {
      const code = BHH[Math.floor(Math.random() * BHH.length)] as string;
      const after = await startAfter(code);
      const before = await readMetrics(ctx.subgraphs);
      const response = await callGateway(ctx, gateway, KLANTMANAGER, 'uitvoering', RESIDENTS, {
        code,
        first,
        after,
      });
      const page = (response.data?.gemeente as { inwoners?: { nodes?: unknown[] } } | undefined)?.inwoners
        ?.nodes;
      if (!page) throw new Error(`residents query failed: ${JSON.stringify(response.errors)}`);
      residents += page.length;
      const metrics = await readMetrics(ctx.subgraphs);
      let sum = 0;
      for (const name of SUBGRAPH_NAMES) {
        const statements = metrics[name].sqlStatements - before[name].sqlStatements;
        total[name] += statements;
        sum += statements;
      }
      most = Math.max(most, sum);
    }
    for (const name of SUBGRAPH_NAMES) total[name] /= repeats;
    return { mean: total, max: most, residents: residents / repeats };
  };
  const small = await measureSize(sizes[0]);
  const large = await measureSize(sizes[1]);
  return {
    gateway,
    small: small.mean,
    large: large.mean,
    smallMax: small.max,
    largeMax: large.max,
    residents: [small.residents, large.residents],
    requests: repeats,
  };
}

/** The cost of one proof (HS256 over the claims and the body's hash), signed and checked, on a quiet machine. */
function statementCost(): { signUs: number; verifyUs: number } {
  const key = generateProofKey();
  const statement = {
    caller: KLANTMANAGER,
    purpose: 'uitvoering' as const,
    traceId: randomBytes(16).toString('hex'),
    requestId: randomBytes(8).toString('hex'),
    transactionId: newTransactionId(),
  };
  const body = JSON.stringify({ query: '{ _service { sdl } }' });
  const time = (work: () => unknown): number => {
    for (let i = 0; i < 200; i++) work();
    const started = performance.now();
    for (let i = 0; i < 1000; i++) work();
    // Milliseconds for a thousand are microseconds for one.
    return performance.now() - started;
  };
  const signUs = time(() => signProof(key, 'swb', statement, body));
  // Each proof is honoured once: verify fresh ones (their signing is not in this figure).
  const proofs = Array.from({ length: 1200 }, () => signProof(key, 'swb', statement, body));
  const verify = proofVerifier('swb', key);
  let next = 0;
  const verifyUs = time(() => verify(proofs[next++], body, statement.transactionId));
  return { signUs, verifyUs };
}

async function machineOf(serverUrl: string): Promise<Machine> {
  const [row] = await query<{ version: string }>(serverUrl, 'select version()');
  const { signUs, verifyUs } = statementCost();
  return {
    statementSignUs: signUs,
    statementVerifyUs: verifyUs,
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    kernel: release(),
    postgres: row?.version.split(',')[0] ?? 'unknown',
  };
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function startHubServices(
  ctx: Pick<Context, 'plan' | 'options'>,
  startupMs: Record<string, number>,
  profileDir: string | null,
): Promise<{ subgraphs: SubgraphService[]; ours: Service }> {
  const [subgraphs, subgraphsMs] = await timed(() => startSubgraphs(ctx.plan, profileDir));
  startupMs.subgraphs = subgraphsMs;
  const [ours, oursMs] = await timed(() => startOurGateway(ctx.plan, profileDir));
  startupMs.ours = oursMs;
  return { subgraphs, ours };
}

/** Whether ours answered fewer requests per second than the best peer in some closed-loop scenario. */
function slowerScenarios(measurements: Measurement[]): ScenarioName[] {
  const slower: ScenarioName[] = [];
  for (const name of SCENARIOS) {
    const of = (gateway: GatewayName): number =>
      measurements.find((m) => m.scenario === name && m.gateway === gateway)?.median.rps ?? Number.NaN;
    const best = Math.max(
      ...GATEWAYS.filter((g) => g !== 'ours')
        .map(of)
        .filter(Number.isFinite),
    );
    if (Number.isFinite(of('ours')) && of('ours') < best) slower.push(name);
  }
  return slower;
}

/**
 * Profiles ours: restarts its gateway and subgraphs with `--cpu-prof`, drives each scenario's closed
 * loop through ours for one run's length, stops them (the profiles are written at exit) and sums the
 * profiles up.
 */
async function profileOurs(
  ctx: Context,
  scenarios: Scenario[],
  startupMs: Record<string, number>,
): Promise<ProfileSummary> {
  const dir = join(DATA_DIR, 'bench', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
  await mkdir(dir, { recursive: true });
  const stopOurs = (): Promise<void[]> =>
    Promise.all([...ctx.subgraphs, ...(ctx.gateways.ours ? [ctx.gateways.ours] : [])].map((s) => s.stop()));
  await stopOurs();
  const restarted = await startHubServices(ctx, { ...startupMs }, dir);
  ctx.subgraphs = restarted.subgraphs;
  ctx.gateways.ours = restarted.ours;
  ctx.track();
  const windows: [number, number][] = [];
  // CPU time from /proc over the same windows, beside the profiles' sampled (wall-clock) busy time.
  const cpuMs: Record<string, number> = {};
  for (const scenario of scenarios) {
    ctx.log(`  profiling ours on ${scenario.name}`);
    const run = await measure(
      ctx,
      scenario,
      'ours',
      { kind: 'closed', connections: ctx.options.connections },
      ctx.options.durationMs,
      windows,
    );
    for (const [name, ms] of Object.entries(run.cpuMsPerRequest))
      cpuMs[name] = (cpuMs[name] ?? 0) + ms * run.requests;
  }
  await stopOurs();
  const files = (await readdir(dir))
    .filter((file) => file.endsWith('.cpuprofile'))
    .map((file) => join(dir, file));
  return summariseProfiles(
    dir,
    files,
    scenarios.map((s) => s.name),
    windows,
    cpuMs,
  );
}

/** Runs the whole benchmark; `log` receives progress lines. */
export async function runBench(options: BenchOptions, log: Log): Promise<BenchReport> {
  const startedAt = new Date();
  const started = performance.now();
  const workDir = await mkdtemp(join(tmpdir(), 'keten-bench-'));
  const keys = await createBenchKeys(workDir);
  const plan = await planServices({
    serverUrl: options.serverUrl,
    databasePrefix: options.databasePrefix,
    keys,
    workDir,
  });
  const urls = benchDatabaseUrls(options.serverUrl, options.databasePrefix);
  const machine = await machineOf(options.serverUrl);
  const startupMs: Record<string, number> = {};
  const services: Service[] = [];
  const monitor = new ProcessMonitor(
    () => services,
    SUBGRAPH_NAMES.map((name) => databaseName(name, options.databasePrefix)),
  );
  const driver = Driver.start();
  // The driver is watched like the services (its CPU counts as the bench's own), and stopped with them.
  services.push({ name: 'driver', pid: driver.pid, url: '', stop: () => driver.stop() });
  try {
    log(`databases ${options.databasePrefix}* on ${new URL(options.serverUrl).host}; starting the services`);
    await dropDatabases(urls);
    const [subgraphs, subgraphsMs] = await timed(() => startSubgraphs(plan));
    startupMs.subgraphs = subgraphsMs;
    services.push(...subgraphs);
    const peerSupergraph = await writePeerSupergraph(plan);
    // The gateways start side by side; each one's time is until it answered its readiness check.
    const names = ['ours', ...options.gateways.filter((name) => name !== 'ours')] as GatewayName[];
    const running = await startAll(
      names.map(async (name) => {
        const [gateway, ms] = await timed(() =>
          name === 'ours' ? startOurGateway(plan) : startPeerGateway(plan, name, peerSupergraph),
        );
        startupMs[name] = ms;
        return gateway;
      }),
    );
    services.push(...running);
    const gateways: Partial<Record<GatewayName, Service>> = Object.fromEntries(
      names.map((name, index) => [name, running[index]]),
    );
    const live: Context = {
      options,
      log,
      plan,
      keys,
      driver,
      subgraphs,
      gateways,
      monitor,
      tokens: new Map(),
      track: () => {
        const running = [
          ...services.filter((service) => service.name === 'driver'),
          ...live.subgraphs,
          ...Object.values(live.gateways),
        ];
        services.splice(0, services.length, ...running);
      },
    };

    // Scale `scale` first, on a cold process, as `npm run seed` would; then the larger scale and its
    // dashboard; then `scale` again for the scenarios.
    const loads: LoadTiming[] = [];
    const load = async (scale: number, reload: boolean): Promise<void> => {
      log(`generating and loading scale ${scale}${reload ? ' again' : ''}`);
      const timing = { ...(await generateAndLoad(urls, scale)), reload };
      loads.push(timing);
      log(
        `  scale ${scale}: ${timing.residents} residents, ${timing.rows} rows in ${(timing.totalMs / 1000).toFixed(1)} s`,
      );
    };
    await load(options.scale, false);
    let big: Measurement[] = [];
    if (options.bigScale > 0 && options.bigScale !== options.scale) {
      await load(options.bigScale, false);
      if (options.scenarios.includes('dashboard')) {
        log(`dashboard at scale ${options.bigScale}`);
        const dashboard = dashboardScenario(options.bigScale);
        big = await measureRounds(
          live,
          [dashboard],
          [{ kind: 'closed', connections: options.connections }],
          options.durationMs,
          options.bigScale,
        );
        // One connection: latency without queueing, in the shorter runs of the gateway overhead.
        big.push(
          ...(await measureRounds(
            live,
            [dashboard],
            [{ kind: 'closed', connections: 1 }],
            options.singleDurationMs || options.durationMs,
            options.bigScale,
          )),
        );
      }
      await load(options.scale, true);
    }

    const bsns = await residentsWithRunningBenefit(urls, BHH, 5000);
    const scenarios: Scenario[] = [];
    for (const name of options.scenarios) {
      if (name === 'inwoner') scenarios.push(inwonerScenario(bsns));
      if (name === 'dashboard') scenarios.push(dashboardScenario(options.scale));
      if (name === 'casusoverleg') {
        log(`opening ${options.conferences} case conferences through the gateway`);
        const call: GraphQLCall = async (caller, purpose, document, variables) => {
          const response = await callGateway(live, 'ours', caller, purpose, document, variables);
          if (response.errors?.length || !response.data)
            throw new Error(`setup: ${JSON.stringify(response.errors)}`);
          return response.data;
        };
        scenarios.push(casusoverlegScenario(await openConferences(call, bsns, options.conferences)));
      }
    }

    log('subgraph requests per request, one request at a time');
    const fetches: FetchCount[] = [];
    for (const scenario of scenarios)
      for (const gateway of options.gateways)
        fetches.push(await countFetches(live, scenario, gateway, options.quick ? 2 : 10));

    const sizes: [number, number] = [10, 200];
    log(`SQL statements per request for ${sizes[0]} and ${sizes[1]} residents`);
    const sqlScalingResults: SqlScaling[] = [];
    // The smoke test asks only that the measurement runs: through ours, once.
    for (const gateway of options.quick ? options.gateways.filter((g) => g === 'ours') : options.gateways) {
      sqlScalingResults.push(await sqlScaling(live, gateway, sizes, options.quick ? 1 : 10));
    }

    log(`closed loop, ${options.connections} connections`);
    const closed = await measureRounds(
      live,
      scenarios,
      [{ kind: 'closed', connections: options.connections }],
      options.durationMs,
      options.scale,
    );
    let single: Measurement[] = [];
    if (options.singleDurationMs > 0) {
      log('closed loop, 1 connection (gateway overhead)');
      single = await measureRounds(
        live,
        scenarios,
        [{ kind: 'closed', connections: 1 }],
        options.singleDurationMs,
        options.scale,
      );
    }
    let open: Measurement[] = [];
    const inwoner = scenarios.find((scenario) => scenario.name === 'inwoner');
    if (inwoner && options.rates.length > 0) {
      log(`open loop, ${options.rates.join(' and ')} requests per second`);
      open = await measureRounds(
        live,
        [inwoner],
        options.rates.map((rate) => ({ kind: 'open', rate, maxConnections: 256 }) as const),
        options.openDurationMs,
        options.scale,
      );
    }
    const lifetimeRss = Object.fromEntries(
      services.map((service) => [service.name, lifetimePeakRssOf(service.pid)]),
    );

    let profile: ProfileSummary | null = null;
    const slower = slowerScenarios(closed);
    let profileReason =
      slower.length > 0
        ? `ours answered fewer requests per second than a peer in: ${slower.join(', ')}`
        : 'ours was not slower than a peer in any scenario';
    const toProfile =
      options.profile === 'always'
        ? scenarios
        : options.profile === 'auto'
          ? scenarios.filter((s) => slower.includes(s.name))
          : [];
    if (options.profile === 'never') profileReason += ' (profiling switched off)';
    if (toProfile.length > 0) {
      log('profiling ours (--cpu-prof)');
      profile = await profileOurs(live, toProfile, startupMs);
    }

    return {
      format: REPORT_FORMAT,
      startedAt: startedAt.toISOString(),
      finishedMs: performance.now() - started,
      options,
      machine,
      loads,
      startupMs,
      scenarios: scenarios.map((scenario) => ({ name: scenario.name, description: scenario.description })),
      closed,
      single,
      open,
      big,
      fetches,
      sqlScaling: sqlScalingResults,
      sqlScalingSizes: sizes,
      lifetimeRss,
      profile,
      profileReason,
    };
  } finally {
    monitor.stop();
    await driver.stop().catch(() => undefined);
    await Promise.all(services.map((service) => service.stop().catch(() => undefined)));
    if (!options.keepData) await dropDatabases(urls).catch(() => undefined);
    await rm(workDir, { recursive: true, force: true });
  }
}
