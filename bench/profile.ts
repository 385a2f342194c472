import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';

/** The V8 CPU profile format that `node --cpu-prof` writes. */
interface CpuProfile {
  /** Microseconds on the machine's monotonic clock, the one process.hrtime reads. */
  startTime: number;
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface Frame {
  name: string;
  /** Where it is: a package, node's internals, or the project's own file and line. */
  where: string;
  /** For node's internals and native code: the nearest package (or project folder) up the stack. */
  calledFrom: string;
  selfMs: number;
  /** Share of the process's busy (non-idle) time. */
  share: number;
}

export interface ProcessProfile {
  process: string;
  /** Sampled time outside `(idle)`: wall-clock, so it includes time the process waited for a core. */
  busyMs: number;
  idleMs: number;
  /** CPU time (user and system) the process used over the same windows, from /proc; null if unknown. */
  cpuMs: number | null;
  topFunctions: Frame[];
  /**
   * Self time summed per package or project folder, node's internals and native code counted to the
   * nearest package up the stack (socket writes to the pg driver, log writes to pino, ...).
   */
  topPackages: { name: string; selfMs: number; share: number }[];
}

export interface ProfileSummary {
  dir: string;
  scenarios: string[];
  processes: ProcessProfile[];
}

const SPECIAL = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

/** The package or project folder a script belongs to, from its URL. */
export function ownerOf(url: string): string {
  if (!url) return '(V8 / native)';
  if (url.startsWith('node:')) return 'node (internals)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = path.slice(modules + '/node_modules/'.length).split('/');
    return first?.startsWith('@') ? `${first}/${second ?? ''}` : (first ?? path);
  }
  const project = path.startsWith(PROJECT_ROOT) ? path.slice(PROJECT_ROOT.length + 1) : path;
  const parts = project.replace(/^dist\//, '').split('/');
  return `project: ${parts[0] === 'subgraphs' ? parts.slice(0, 2).join('/') : (parts[0] ?? project)}`;
}

function location(url: string, line: number): string {
  const owner = ownerOf(url);
  if (!owner.startsWith('project:')) return owner;
  const path = url.replace(/^file:\/\//, '').replace(`${PROJECT_ROOT}/dist/`, '');
  return `${path}:${line + 1}`;
}

/**
 * Self time per function and package; only samples within `windows` (µs, monotonic clock) count, so
 * start-up and warm-up stay out. Without windows every sample counts.
 */
export function summariseProfile(
  name: string,
  profile: CpuProfile,
  windows: readonly [number, number][] = [],
  top = 12,
): ProcessProfile {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const packageUp = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || SPECIAL.has(frame.functionName)) continue;
      const owner = ownerOf(frame.url);
      if (owner !== 'node (internals)' && owner !== '(V8 / native)') return owner;
    }
    return ownerOf(byId.get(id)?.callFrame.url ?? '');
  };
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    at += delta;
    if (windows.length > 0 && !windows.some(([from, to]) => at >= from && at <= to)) return;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  let idleUs = 0;
  let busyUs = 0;
  const functions = new Map<string, Omit<Frame, 'share'>>();
  const packages = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    busyUs += us;
    const special = SPECIAL.has(frame.functionName);
    const where = special ? 'V8' : location(frame.url, frame.lineNumber);
    const owner = special ? frame.functionName : packageUp(id);
    const key = `${frame.functionName}@${where}@${owner}`;
    const entry = functions.get(key) ?? {
      name: frame.functionName || '(anonymous)',
      where,
      calledFrom: owner,
      selfMs: 0,
    };
    entry.selfMs += us / 1000;
    functions.set(key, entry);
    packages.set(owner, (packages.get(owner) ?? 0) + us / 1000);
  }
  const busyMs = busyUs / 1000;
  const share = (ms: number): number => (busyMs ? ms / busyMs : 0);
  return {
    process: name,
    busyMs,
    idleMs: idleUs / 1000,
    cpuMs: null,
    topFunctions: [...functions.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((frame) => ({ ...frame, share: share(frame.selfMs) })),
    topPackages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([owner, selfMs]) => ({ name: owner, selfMs, share: share(selfMs) })),
  };
}

/** Sums up the `<process>.<time>.cpuprofile` files of one profiling run. */
export async function summariseProfiles(
  dir: string,
  files: string[],
  scenarios: string[],
  windows: readonly [number, number][],
  cpuMs: Readonly<Record<string, number>> = {},
): Promise<ProfileSummary> {
  const processes = await Promise.all(
    files.map(async (file) => {
      const name = basename(file).split('.')[0] ?? file;
      const summary = summariseProfile(name, JSON.parse(await readFile(file, 'utf8')) as CpuProfile, windows);
      return { ...summary, cpuMs: cpuMs[name] ?? null };
    }),
  );
  return { dir, scenarios, processes: processes.sort((a, b) => b.busyMs - a.busyMs) };
}
