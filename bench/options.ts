import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';
import { validateScale } from '../generator/population';
import type { BenchOptions } from './bench';
import { SCENARIOS, type ScenarioName } from './scenarios';
import { GATEWAYS, type GatewayName } from './services';

/** The machine's own PostgreSQL server, when DATABASE_URL does not name another. */
export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';
export const DEFAULT_RESULTS = join(PROJECT_ROOT, 'bench', 'RESULTS.md');

/** The URL of database `name` on the bench's server (DATABASE_URL, else the machine's own). */
export function benchDatabaseUrl(name: string): string {
  const url = new URL(process.env.DATABASE_URL || DEFAULT_SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

export const USAGE = `usage: npm run bench -- [options]
  --quick               smoke test: scale 1, runs of 1 s, one round, no one-connection runs, no scale 50,
                        no profile, no RESULTS.md
  --scale N             data scale of the scenarios (default 1)
  --big-scale N         scale for generate+load timing and the dashboard (default 50; 0: none)
  --duration S          seconds per closed-loop run (default 10)
  --open-duration S     seconds per open-loop run (default 30; quick 1): its p99 is its slowest 1%
  --warmup S            seconds of warm-up before each run (default 2)
  --single-duration S   seconds per one-connection run: gateway overhead, dashboard at the big scale
                        (default 5; 0: no gateway overhead, dashboard runs of --duration)
  --connections N       connections of the closed-loop runs (default 10)
  --rates R1,R2         arrival rates of the open-loop runs of inwoner, req/s (default 50; quick 20)
  --rounds N            repeats of every run; the report gives medians (default 3)
  --scenario A,B        scenarios: ${SCENARIOS.join(', ')} (default all)
  --gateways A,B        gateways: ${GATEWAYS.join(', ')} (default all)
  --conferences N       case conferences opened for casusoverleg (default 200)
  --profile WHEN        CPU profile of ours: auto (when slower than a peer), always, never (default auto)
  --prefix P            database name prefix (default keten_bench_)
  --output FILE         where the results go (default bench/RESULTS.md; quick: none)
  --json FILE           also write the raw figures as JSON
  --render              write bench/RESULTS.md again from the figures of the run behind it
                        (.data/bench/last-run.json), measuring nothing
  --keep-data           leave the databases in place afterwards
  DATABASE_URL          PostgreSQL server (default ${DEFAULT_SERVER})`;

export interface CliOptions {
  bench: BenchOptions;
  output: string | null;
  json: string | null;
  /** Write the results of the last full run again from its saved figures, measuring nothing. */
  render: boolean;
}

function number(flag: string, value: string | undefined, { min = 0, integer = false } = {}): number {
  const parsed = Number(value);
  if (
    value === undefined ||
    !Number.isFinite(parsed) ||
    parsed < min ||
    (integer && !Number.isInteger(parsed))
  )
    throw new Error(
      `${flag} needs a${integer ? 'n integer' : ' number'} of at least ${min}, got "${value ?? ''}"`,
    );
  return parsed;
}

function list<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T[] {
  const items = (value ?? '').split(',').filter(Boolean);
  const unknown = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (items.length === 0 || unknown.length > 0)
    throw new Error(`${flag} takes one or more of ${allowed.join(', ')}, got "${value ?? ''}"`);
  return items as T[];
}

/** Options from the command line and the environment; `--quick` first sets the smoke-test defaults. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): CliOptions {
  const quick = argv.includes('--quick');
  const bench: BenchOptions = {
    scale: 1,
    bigScale: quick ? 0 : 50,
    warmupMs: quick ? 500 : 2000,
    durationMs: quick ? 1000 : 10_000,
    openDurationMs: quick ? 1000 : 30_000,
    singleDurationMs: quick ? 0 : 5000,
    connections: quick ? 4 : 10,
    // The target's rate; the smoke test offers less, so a busy machine does not fail it.
    rates: quick ? [20] : [50],
    rounds: quick ? 1 : 3,
    scenarios: [...SCENARIOS],
    gateways: [...GATEWAYS],
    serverUrl: env.DATABASE_URL || DEFAULT_SERVER,
    databasePrefix: quick ? 'keten_bench_quick_' : 'keten_bench_',
    conferences: quick ? 4 : 200,
    profile: quick ? 'never' : 'auto',
    keepData: false,
    quick,
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
  let output: string | null = quick ? null : DEFAULT_RESULTS;
  let json: string | null = null;
  let render = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    const valued = (): string => {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--keep-data':
        bench.keepData = true;
        break;
      case '--scale':
        bench.scale = number(flag, valued());
        validateScale(bench.scale);
        break;
      case '--big-scale':
        bench.bigScale = number(flag, valued());
        if (bench.bigScale > 0) validateScale(bench.bigScale);
        break;
      case '--duration':
        bench.durationMs = number(flag, valued(), { min: 0.5 }) * 1000;
        break;
      case '--open-duration':
        bench.openDurationMs = number(flag, valued(), { min: 0.5 }) * 1000;
        break;
      case '--warmup':
        bench.warmupMs = number(flag, valued()) * 1000;
        break;
      case '--single-duration':
        bench.singleDurationMs = number(flag, valued()) * 1000;
        break;
      case '--connections':
        bench.connections = number(flag, valued(), { min: 1, integer: true });
        break;
      case '--rates':
        bench.rates = valued()
          .split(',')
          .filter(Boolean)
          .map((rate) => number(flag, rate, { min: 1 }));
        break;
      case '--rounds':
        bench.rounds = number(flag, valued(), { min: 1, integer: true });
        break;
      case '--scenario':
      case '--scenarios':
        bench.scenarios = list<ScenarioName>(flag, valued(), SCENARIOS);
        break;
      case '--gateways':
      case '--gateway':
        bench.gateways = list<GatewayName>(flag, valued(), GATEWAYS);
        break;
      case '--conferences':
        bench.conferences = number(flag, valued(), { min: 1, integer: true });
        break;
      case '--profile': {
        const when = valued();
        if (when !== 'auto' && when !== 'always' && when !== 'never')
          throw new Error(`--profile takes auto, always or never, got "${when}"`);
        bench.profile = when;
        break;
      }
      case '--prefix':
        bench.databasePrefix = databasePrefix(valued());
        break;
      case '--output':
        output = valued();
        break;
      case '--json':
        json = valued();
        break;
      case '--render':
        render = true;
        break;
      default:
        throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return { bench, output, json, render };
}

/** `--prefix`: the databases' name prefix, which goes into SQL as an identifier. */
export function databasePrefix(value: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(value))
    throw new Error('--prefix takes lower-case letters, digits and underscores');
  return value;
}
