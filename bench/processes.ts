import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomInt } from 'node:crypto';

/** Children still running; killed when the bench exits, however it exits, so none outlives it. */
const children = new Set<ChildProcess>();
/** Those of them that lead a process group of their own. */
const groups = new WeakSet<ChildProcess>();
let exitHook = false;

/** Sends `signal` to a child's process group (a service and whatever it started), if it still runs. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has gone already.
  }
}

/**
 * Kills the child when the bench exits: its whole process group when it leads one (a service spawned
 * detached), else the child alone (the driver). A bench killed outright (SIGKILL) cannot do this: then
 * each child notices on its own that its parent has gone (orphan.ts).
 */
export function killOnExit(child: ChildProcess, group = false): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (group) groups.add(child);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const running of children) {
      if (groups.has(running)) signalGroup(running, 'SIGKILL');
      else running.kill('SIGKILL');
    }
  });
}

/** A service the bench runs as its own process. */
export interface Service {
  name: string;
  pid: number;
  /** Its GraphQL endpoint. */
  url: string;
  /** Stops it with SIGTERM (a clean exit, so `--cpu-prof` writes its profile) and waits for the exit. */
  stop(): Promise<void>;
}

export interface SpawnOptions {
  name: string;
  /** File that receives the service's output (its request log too). */
  logFile: string;
  /** Arguments of `node`: flags, then the script and its own arguments. */
  args: string[];
  env: Record<string, string>;
  url: string;
  /** Answers 200 once the service can take requests. */
  readyUrl: string;
  /** Headers of the readiness request. */
  readyHeaders?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Ports the bench hands its services lie below the kernel's ephemeral range (32768 and up by default),
 * from which `listen(0)` and every outgoing connection draw theirs: a port taken from that range was
 * seen taken again, by another process's connection, between planning and the service's start.
 */
const PLANNED_PORTS = { from: 20_000, to: 32_000 };
/** Ports already handed out by this process, so two services never get the same one. */
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on the loopback interface, outside the ephemeral range. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = randomInt(PLANNED_PORTS.from, PLANNED_PORTS.to);
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${PLANNED_PORTS.from} and ${PLANNED_PORTS.to}`);
}

async function isReady(url: string, headers: Record<string, string> = {}): Promise<boolean> {
  try {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts `node <args>` in a process group of its own and resolves when its readiness URL answers; a
 * failure shows its last output.
 */
export async function spawnService(options: SpawnOptions): Promise<Service> {
  // Output goes to a file, not through the bench: a service's request log costs the bench nothing.
  const log = openSync(options.logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, options.args, {
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['ignore', log, log],
    // Its own process group, so that stopping it stops whatever it started too.
    detached: true,
  });
  closeSync(log);
  killOnExit(child, true);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (!(await isReady(options.readyUrl, options.readyHeaders))) {
    if (exited !== undefined || Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      const tail = readFileSync(options.logFile, 'utf8').trim().split('\n').slice(-30);
      throw new Error(
        `${options.name} did not start (${exited !== undefined ? `exit code ${exited}` : 'timeout'}):\n  ` +
          tail.join('\n  '),
      );
    }
    await delay(100);
  }
  return {
    name: options.name,
    pid: child.pid ?? 0,
    url: options.url,
    stop: async () => {
      if (exited === undefined) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 15_000);
        await exit;
        clearTimeout(timer);
      }
      // Whatever it started and left behind.
      signalGroup(child, 'SIGKILL');
    },
  };
}

function statusField(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and its descendants: a peer may run workers of its own. */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    const current = tree[i] as number;
    try {
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) tree.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended meanwhile.
    }
  }
  return tree;
}

/** Resident memory of a process with its descendants, in bytes. */
export function rssOf(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + statusField(member, 'VmRSS'), 0);
}

/** Peak resident memory over the process's life (VmHWM), with its descendants, in bytes. */
export function lifetimePeakRssOf(pid: number): number {
  return processTree(pid).reduce((sum, member) => sum + statusField(member, 'VmHWM'), 0);
}

/** Linux reports CPU times in /proc in clock ticks of USER_HZ, which is 100 per second. */
const MS_PER_TICK = 10;

/** CPU time (user and system) a process and its descendants have used so far, in ms. */
export function cpuMsOf(pid: number): number {
  let ticks = 0;
  for (const member of processTree(pid)) {
    try {
      const stat = readFileSync(`/proc/${member}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces: state is the first.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks * MS_PER_TICK;
}

/** What one process used within a window: peak resident memory and CPU time. */
export interface Usage {
  peakRssBytes: number;
  cpuMs: number;
}

/** CPU time all cores of the machine spent busy (not idle, not waiting for I/O) so far, in ms. */
export function machineBusyMs(): number {
  const [line] = readFileSync('/proc/stat', 'utf8').split('\n');
  const ticks = (line ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.reduce((sum, n) => sum + n, 0);
  return (total - (ticks[3] ?? 0) - (ticks[4] ?? 0)) * MS_PER_TICK;
}

/**
 * CPU time per process (pid → ms) of the processes running the command `name` whose title names one
 * of `databases`: the PostgreSQL backends serving the bench (a backend's title is
 * `postgres: ... <user> <database> ...`). Per process, because backends come and go with the
 * connection pools, and a backend that exits takes its CPU time with it.
 */
export function cpuMsOfBackends(name: string, databases: readonly string[]): Map<number, number> {
  const backends = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== name) continue;
      const title = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!databases.some((database) => title.includes(` ${database} `))) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      backends.set(Number(entry), (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK);
    } catch {
      // The process ended meanwhile.
    }
  }
  return backends;
}

/**
 * CPU time the backends used between two readings of `cpuMsOfBackends`, per backend: those that
 * started within the window count whole; those that ended are lost (little).
 */
export function backendCpuBetween(before: Map<number, number>, now: Map<number, number>): number {
  let ms = 0;
  for (const [pid, total] of now) ms += Math.max(0, total - (before.get(pid) ?? 0));
  return ms;
}

/** The whole machine within a window: what PostgreSQL used, and what processes outside the bench did. */
export interface MachineUsage {
  windowMs: number;
  /** CPU time of the PostgreSQL backends serving the bench's databases. */
  postgresCpuMs: number;
  /**
   * Busy CPU time not spent by the bench's processes or those backends: other work on the machine
   * (PostgreSQL's background processes included).
   */
  foreignCpuMs: number;
}

interface MachineSample {
  at: number;
  busy: number;
  postgres: Map<number, number>;
  self: number;
}

/**
 * Polls the resident memory of services every 50 ms and keeps the peak of each since the last
 * `reset()` (the peak within one run, where VmHWM would carry the peak of an earlier one), and the
 * CPU time each used since then.
 */
export class ProcessMonitor {
  private readonly peaks = new Map<string, number>();
  private readonly cpuAtReset = new Map<string, number>();
  private machineAtReset: MachineSample = { at: 0, busy: 0, postgres: new Map(), self: 0 };
  private readonly timer: NodeJS.Timeout;

  /** `databases`: the names of the bench's databases, whose PostgreSQL backends count as the bench's. */
  constructor(
    private readonly services: () => Service[],
    private readonly databases: readonly string[],
  ) {
    this.timer = setInterval(() => this.sample(), 50);
    this.timer.unref();
  }

  private sample(): void {
    for (const service of this.services()) {
      const rss = rssOf(service.pid);
      if (rss > (this.peaks.get(service.name) ?? 0)) this.peaks.set(service.name, rss);
    }
  }

  reset(): void {
    this.peaks.clear();
    this.cpuAtReset.clear();
    for (const service of this.services()) this.cpuAtReset.set(service.name, cpuMsOf(service.pid));
    this.machineAtReset = this.machineNow();
    this.sample();
  }

  private machineNow(): MachineSample {
    const self = process.cpuUsage();
    return {
      at: performance.now(),
      busy: machineBusyMs(),
      postgres: cpuMsOfBackends('postgres', this.databases),
      self: (self.user + self.system) / 1000,
    };
  }

  /** The machine since the last reset; call after `read()` for the services' share. */
  machine(services: Record<string, Usage>): MachineUsage {
    const now = this.machineNow();
    const before = this.machineAtReset;
    const postgresCpuMs = backendCpuBetween(before.postgres, now.postgres);
    const ours =
      Object.values(services).reduce((sum, usage) => sum + usage.cpuMs, 0) + now.self - before.self;
    return {
      windowMs: now.at - before.at,
      postgresCpuMs,
      foreignCpuMs: Math.max(0, now.busy - before.busy - postgresCpuMs - ours),
    };
  }

  /** Usage per service name since the last reset. */
  read(): Record<string, Usage> {
    this.sample();
    return Object.fromEntries(
      this.services().map((service) => [
        service.name,
        {
          peakRssBytes: this.peaks.get(service.name) ?? 0,
          cpuMs: cpuMsOf(service.pid) - (this.cpuAtReset.get(service.name) ?? 0),
        },
      ]),
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
