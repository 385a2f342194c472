/**
 * The soak: steady load through the gateway while a subgraph process is killed and started again and
 * the partners' database becomes unreachable and reachable again. It checks that the gateway never
 * dies, that errors come only during the outages, that the hub recovers, and that every answered read
 * of personal data has its line in that partner's processing log. Rendering is in soak-report.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonym } from '../platform/audit/pseudonym';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import {
  benchDatabaseUrls,
  dropDatabases,
  generateAndLoad,
  query,
  residentsWithRunningBenefit,
} from './data';
import { DASHBOARD, INWONER } from './documents';
import { createBenchKeys, employeeToken } from './keys';
import { type Service } from './processes';
import { BHH, dashboardScenario, KLANTMANAGER } from './scenarios';
import {
  planServices,
  startOurGateway,
  startSubgraph,
  startSubgraphs,
  type SubgraphService,
} from './services';
import { SoakLoad, inwonerFieldOwners, type Outcome, type SoakKind, type SoakRequest } from './soak-load';
import { max, quantile } from './stats';
import { startTcpProxy } from './tcp-proxy';

export interface SoakOptions {
  /** Planned length of the load: three calm phases and two outages (start-up after a kill comes on top). */
  durationMs: number;
  /** How long each fault lasts before it is undone. */
  outageMs: number;
  /** Requests per second, open loop. */
  rate: number;
  /** The load sends at most this many requests. */
  maxRequests: number;
  /** Share of dashboard requests; the rest read a resident's personal data. */
  dashboardShare: number;
  /** The subgraph whose process is killed. */
  kill: SubgraphName;
  /** After an outage's service is ready again, errors within this margin still belong to the outage. */
  marginMs: number;
  scale: number;
  /** A PostgreSQL server on the loopback interface (URL of its `postgres` database). */
  serverUrl: string;
  databasePrefix: string;
  keepData: boolean;
  /** The command line, for the report. */
  command: string;
}

export type FaultKind = 'subgraph' | 'database';

export interface Outage {
  fault: FaultKind;
  description: string;
  /** When the fault began, was undone, and the hub said it was ready again: ms since the load started. */
  faultAt: number;
  restoredAt: number;
  readyAt: number;
  /** Requests that failed or answered partly within the outage's window, with their error codes. */
  errors: number;
  codes: Record<string, number>;
  /** From undoing the fault until the end of the outage's last failing request. */
  recoveryMs: number | null;
  /** From undoing the fault until the first whole answer to a request sent after it. */
  firstWholeMs: number | null;
}

export interface Phase {
  name: string;
  fromMs: number;
  toMs: number;
}

export interface SecondFigures {
  second: number;
  phase: string;
  whole: number;
  partial: number;
  failed: number;
  codes: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

/** The processing-log check of one partner: its answered reads, and those whose line was found. */
export interface LogCheck {
  partner: SubgraphName;
  reads: number;
  found: number;
  /** Trace ids of reads without their line (at most 10). */
  missing: string[];
}

export interface UnexpectedError {
  kind: SoakKind;
  startMs: number;
  endMs: number;
  outcome: Outcome;
  codes: string[];
}

export interface Invariants {
  /** The gateway process ran from start to end and answered its health check at the end. */
  gatewayAlive: boolean;
  /** Every request got an answer (whole, partial or an error) before the soak stopped waiting. */
  everyRequestAnswered: boolean;
  /** No process of the hub exited other than the one the soak killed. */
  noOtherExit: boolean;
  /** Every failing or partial answer fell within an outage's window. */
  errorsOnlyInOutages: boolean;
  /** Each fault did show (some requests failed or answered partly): the soak tested what it says. */
  everyOutageFelt: boolean;
  /** After each outage, whole answers came again. */
  recovered: boolean;
  /** Every answered read of personal data has its line in the processing log of each partner that answered. */
  nothingLost: boolean;
}

export interface SoakReport {
  format: 1;
  startedAt: string;
  finishedMs: number;
  options: SoakOptions;
  machine: {
    cores: number;
    cpu: string;
    node: string;
    postgres: string;
    /** One-minute load average when the load started and when it stopped: other work on the machine shows here. */
    loadAverage: [number, number];
  };
  /** How the database outage was made. */
  databaseFault: string;
  phases: Phase[];
  /** The load stopped early because it reached `maxRequests`. */
  capped: boolean;
  totals: Record<
    SoakKind | 'all',
    { requests: number; whole: number; partial: number; failed: number; unanswered: number }
  >;
  latency: { p50: number; p99: number; max: number };
  outages: Outage[];
  seconds: SecondFigures[];
  unexpectedErrors: { count: number; samples: UnexpectedError[] };
  exits: string[];
  processLog: LogCheck[];
  invariants: Invariants;
  passed: boolean;
}

type Log = (line: string) => void;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answers(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Waits until each URL has answered 200 (at most `limitMs`), each on its own: on a busy machine one of
 * them may be slow to answer at any moment.
 */
async function untilReady(urls: string[], limitMs: number): Promise<void> {
  const deadline = Date.now() + limitMs;
  await Promise.all(
    urls.map(async (url) => {
      while (!(await answers(url, 5000))) {
        if (Date.now() > deadline) throw new Error(`${url} not ready after ${limitMs / 1000} s`);
        await delay(100);
      }
    }),
  );
}

/**
 * Watches the hub's processes every 100 ms: any that exits, other than one the soak killed itself, is
 * recorded.
 */
class ExitWatch {
  readonly exits: string[] = [];
  private readonly expected = new Set<number>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly services: () => Service[]) {
    this.timer = setInterval(() => this.check(), 100);
    this.timer.unref();
  }

  expect(pid: number): void {
    this.expected.add(pid);
  }

  check(): void {
    for (const service of this.services()) {
      const label = `${service.name} (pid ${service.pid})`;
      if (!this.expected.has(service.pid) && !alive(service.pid) && !this.exits.includes(label))
        this.exits.push(label);
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.check();
  }
}

function countCodes(requests: readonly SoakRequest[]): Record<string, number> {
  const codes: Record<string, number> = {};
  for (const request of requests) for (const code of request.codes) codes[code] = (codes[code] ?? 0) + 1;
  return codes;
}

const failing = (request: SoakRequest): boolean =>
  request.outcome === 'partial' || request.outcome === 'failed';

/**
 * How long the soak waits for the answers still in flight when the load stops: longer than the
 * gateway's upstream timeout (30 s), after which the gateway answers with an error of its own, so a
 * request still unanswered then is one the gateway lost.
 */
const STOP_GRACE_MS = 45_000;

/** Whether a request overlaps the window of an outage: from the fault until ready again plus the margin. */
function within(request: SoakRequest, outage: Outage, marginMs: number): boolean {
  return request.endMs >= outage.faultAt && request.startMs <= outage.readyAt + marginMs;
}

function outageFigures(outage: Outage, requests: readonly SoakRequest[], marginMs: number): Outage {
  const errors = requests.filter((request) => failing(request) && within(request, outage, marginMs));
  const lastEnd = max(errors.map((request) => request.endMs));
  const firstWhole = requests
    .filter((request) => request.outcome === 'whole' && request.startMs >= outage.restoredAt)
    .reduce((first, request) => Math.min(first, request.endMs), Number.POSITIVE_INFINITY);
  return {
    ...outage,
    errors: errors.length,
    codes: countCodes(errors),
    recoveryMs: errors.length > 0 ? Math.max(0, lastEnd - outage.restoredAt) : null,
    firstWholeMs: Number.isFinite(firstWhole) ? firstWhole - outage.restoredAt : null,
  };
}

function perSecond(requests: readonly SoakRequest[], phases: readonly Phase[]): SecondFigures[] {
  const last = Math.floor(max(requests.map((request) => request.endMs)) / 1000);
  const seconds: SecondFigures[] = [];
  for (let second = 0; second <= last; second++) {
    const inSecond = requests.filter((request) => Math.floor(request.endMs / 1000) === second);
    const latencies = inSecond.map((request) => request.endMs - request.startMs);
    const at = second * 1000 + 500;
    seconds.push({
      second,
      phase: phases.find((phase) => at >= phase.fromMs && at < phase.toMs)?.name ?? 'after the load',
      whole: inSecond.filter((request) => request.outcome === 'whole').length,
      partial: inSecond.filter((request) => request.outcome === 'partial').length,
      failed: inSecond.filter((request) => request.outcome === 'failed').length,
      codes: countCodes(inSecond),
      p50: quantile(latencies, 0.5),
      p99: quantile(latencies, 0.99),
      max: latencies.length ? max(latencies) : Number.NaN,
    });
  }
  return seconds;
}

function totalsOf(requests: readonly SoakRequest[]): SoakReport['totals'] {
  const of = (selected: readonly SoakRequest[]): SoakReport['totals']['all'] => ({
    requests: selected.length,
    whole: selected.filter((r) => r.outcome === 'whole').length,
    partial: selected.filter((r) => r.outcome === 'partial').length,
    failed: selected.filter((r) => r.outcome === 'failed').length,
    unanswered: selected.filter((r) => r.outcome === 'unanswered').length,
  });
  return {
    all: of(requests),
    inwoner: of(requests.filter((r) => r.kind === 'inwoner')),
    dashboard: of(requests.filter((r) => r.kind === 'dashboard')),
  };
}

/**
 * For each partner: every read of a resident it answered has a line in its `verwerking` table with the
 * request's trace id (the gateway and subgraphs take over the caller's) and the resident's pseudonym
 * under that partner's key.
 */
async function checkProcessingLog(
  requests: readonly SoakRequest[],
  databaseUrls: Record<SubgraphName, string>,
  pseudonymKeys: Record<SubgraphName, string>,
): Promise<LogCheck[]> {
  const checks: LogCheck[] = [];
  for (const partner of SUBGRAPH_NAMES) {
    const reads = requests.filter(
      (request) => request.kind === 'inwoner' && request.bsn && request.partners.includes(partner),
    );
    const lines = new Set<string>();
    for (let from = 0; from < reads.length; from += 5000) {
      const rows = await query<{ trace_id: string; data_subject_id: string }>(
        databaseUrls[partner],
        'select trace_id, data_subject_id from verwerking where trace_id = any($1::bpchar[])',
        [reads.slice(from, from + 5000).map((read) => read.traceId)],
      );
      for (const row of rows) lines.add(`${row.trace_id}:${row.data_subject_id}`);
    }
    const key = Buffer.from(pseudonymKeys[partner], 'hex');
    const missing = reads.filter(
      (read) => !lines.has(`${read.traceId}:${pseudonym(read.bsn as string, key)}`),
    );
    checks.push({
      partner,
      reads: reads.length,
      found: reads.length - missing.length,
      missing: missing.slice(0, 10).map((read) => read.traceId),
    });
  }
  return checks;
}

/** Runs the soak; `log` receives progress lines. */
export async function runSoak(options: SoakOptions, log: Log): Promise<SoakReport> {
  const startedAt = new Date();
  const started = performance.now();
  const server = new URL(options.serverUrl);
  if (!LOOPBACK.has(server.hostname))
    throw new Error(
      `the soak cuts its database connections and runs on loopback only, not ${server.hostname}`,
    );
  const workDir = await mkdtemp(join(tmpdir(), 'keten-soak-'));
  // Between the subgraphs and PostgreSQL: cut, the server is gone for them; restored, it is back. The
  // server itself is not restarted, since others share it.
  const proxy = await startTcpProxy(server.hostname, Number(server.port || 5432));
  const viaProxy = new URL(options.serverUrl);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const keys = await createBenchKeys(workDir);
  const plan = await planServices({
    serverUrl: viaProxy.toString(),
    databasePrefix: options.databasePrefix,
    keys,
    workDir,
  });
  const urls = benchDatabaseUrls(options.serverUrl, options.databasePrefix);
  const services: Service[] = [];
  let load: SoakLoad | null = null;
  const watch = new ExitWatch(() => services);
  let succeeded = false;
  try {
    const [version] = await query<{ version: string }>(options.serverUrl, 'select version()');
    log(`databases ${options.databasePrefix}* on ${server.host} through a proxy; starting the services`);
    await dropDatabases(urls);
    const subgraphs: SubgraphService[] = await startSubgraphs(plan);
    services.push(...subgraphs);
    log(`generating and loading scale ${options.scale}`);
    await generateAndLoad(urls, options.scale);
    const gateway = await startOurGateway(plan);
    services.push(gateway);

    const bsns = await residentsWithRunningBenefit(urls, BHH, 2000);
    if (bsns.length === 0) throw new Error('no residents with a running benefit to read');
    const dashboard = dashboardScenario(options.scale);
    const headersOf = async (
      caller: Parameters<typeof employeeToken>[1],
      purpose: string,
    ): Promise<Record<string, string>> => ({
      authorization: `Bearer ${await employeeToken(keys, caller)}`,
      'x-doelbinding': purpose,
    });
    load = new SoakLoad({
      url: gateway.url,
      rate: options.rate,
      maxRequests: options.maxRequests,
      owners: inwonerFieldOwners(),
      mix: [
        {
          kind: 'dashboard',
          document: DASHBOARD,
          callers: await Promise.all(dashboard.callers.map((caller) => headersOf(caller, dashboard.purpose))),
          draws: dashboard.draws,
          share: options.dashboardShare,
        },
        {
          kind: 'inwoner',
          document: INWONER,
          callers: [await headersOf(KLANTMANAGER, 'uitvoering')],
          draws: bsns.map((bsn) => ({ variables: { bsn }, caller: 0 })),
          share: 1 - options.dashboardShare,
        },
      ],
    });

    const calmMs = Math.max(1000, (options.durationMs - 2 * options.outageMs) / 3);
    const phases: Phase[] = [];
    const outages: Outage[] = [];
    const running = load;
    const calm = async (name: string): Promise<void> => {
      const fromMs = running.now();
      log(`${name}: steady load for ${(calmMs / 1000).toFixed(1)} s`);
      await delay(calmMs);
      phases.push({ name, fromMs, toMs: running.now() });
    };
    const outage = async (
      fault: FaultKind,
      description: string,
      begin: () => Promise<void>,
      undo: () => Promise<void>,
      ready: () => Promise<void>,
    ): Promise<void> => {
      log(`${description}`);
      const faultAt = running.now();
      await begin();
      await delay(options.outageMs - (running.now() - faultAt));
      const restoredAt = running.now();
      await undo();
      await ready();
      const readyAt = running.now();
      log(
        `  undone after ${((restoredAt - faultAt) / 1000).toFixed(1)} s, ready ${((readyAt - restoredAt) / 1000).toFixed(1)} s later`,
      );
      phases.push({ name: description, fromMs: faultAt, toMs: readyAt });
      outages.push({
        fault,
        description,
        faultAt,
        restoredAt,
        readyAt,
        errors: 0,
        codes: {},
        recoveryMs: null,
        firstWholeMs: null,
      });
    };

    const warm = await load.warmUp(3);
    const unwell = warm.filter((request) => request.outcome !== 'whole');
    if (unwell.length > 0)
      throw new Error(
        `the hub did not answer whole before any fault: ${JSON.stringify(unwell.map((r) => [r.kind, r.codes]))}`,
      );
    log(`load: ${options.rate} requests per second, ${Math.round(options.dashboardShare * 100)}% dashboard`);
    const loadAtStart = loadavg()[0] ?? 0;
    load.start();
    await calm('steady');
    const killed = subgraphs.find((service) => service.subgraph === options.kill);
    if (!killed) throw new Error(`subgraph ${options.kill} is not running`);
    await outage(
      'subgraph',
      `kill -9 ${options.kill}`,
      async () => {
        watch.expect(killed.pid);
        process.kill(killed.pid, 'SIGKILL');
        while (alive(killed.pid)) await delay(10);
        await killed.stop();
      },
      async () => {
        const restarted = await startSubgraph(plan, options.kill);
        services.splice(services.indexOf(killed), 1, restarted);
      },
      () => Promise.resolve(),
    );
    await calm('steady after the restart');
    await outage(
      'database',
      'database unreachable',
      () => Promise.resolve(proxy.cut()),
      () => Promise.resolve(proxy.restore()),
      () =>
        untilReady(
          SUBGRAPH_NAMES.map((name) => `http://127.0.0.1:${plan.ports[name]}/readyz`),
          60_000,
        ),
    );
    await calm('steady after the database');
    log('stopping the load');
    const loadAtEnd = loadavg()[0] ?? 0;
    await load.stop(STOP_GRACE_MS);
    watch.stop();
    const gatewayAlive =
      !watch.exits.some((exit) => exit.startsWith('gateway')) &&
      alive(gateway.pid) &&
      (await answers(`http://127.0.0.1:${plan.ports.gateway}/healthz`, 10_000));

    const requests = load.requests;
    const measured = outages.map((o) => outageFigures(o, requests, options.marginMs));
    const unexpected = requests.filter(
      (request) => failing(request) && !measured.some((o) => within(request, o, options.marginMs)),
    );
    log('checking the processing logs');
    const processLog = await checkProcessingLog(requests, urls, keys.pseudonymKeys);
    const latencies = requests.map((request) => request.endMs - request.startMs);
    const invariants: Invariants = {
      gatewayAlive,
      everyRequestAnswered: requests.every((request) => request.outcome !== 'unanswered'),
      noOtherExit: watch.exits.length === 0,
      errorsOnlyInOutages: unexpected.length === 0,
      everyOutageFelt: measured.length === 2 && measured.every((o) => o.errors > 0),
      recovered: measured.every((o) => o.firstWholeMs !== null),
      nothingLost: processLog.every((check) => check.found === check.reads),
    };
    succeeded = true;
    return {
      format: 1,
      startedAt: startedAt.toISOString(),
      finishedMs: performance.now() - started,
      options,
      machine: {
        cores: cpus().length,
        cpu: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        postgres: version?.version.split(',')[0] ?? 'unknown',
        loadAverage: [loadAtStart, loadAtEnd],
      },
      databaseFault:
        'a TCP proxy between the five subgraphs and PostgreSQL drops every connection and refuses new ones ' +
        '(as a stopped server would), then lets them through again; the shared server itself keeps running',
      phases,
      capped: load.capped,
      totals: totalsOf(requests),
      latency: { p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: max(latencies) },
      outages: measured,
      seconds: perSecond(requests, phases),
      unexpectedErrors: {
        count: unexpected.length,
        samples: unexpected
          .slice(0, 20)
          .map(({ kind, startMs, endMs, outcome, codes }) => ({ kind, startMs, endMs, outcome, codes })),
      },
      exits: watch.exits,
      processLog,
      invariants,
      passed: Object.values(invariants).every(Boolean),
    };
  } finally {
    watch.stop();
    await load?.stop(0).catch(() => undefined);
    await Promise.all(services.map((service) => service.stop().catch(() => undefined)));
    await proxy.close();
    if (!options.keepData) await dropDatabases(urls).catch(() => undefined);
    // The services' logs stay when the soak itself failed: they say why.
    if (succeeded) await rm(workDir, { recursive: true, force: true });
    else log(`the services' logs are in ${workDir}`);
  }
}
