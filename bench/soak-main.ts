/**
 * `npm run soak -- [options]` (see SOAK_USAGE): steady load through the gateway while a subgraph is
 * killed and the database cut; writes bench/SOAK.md and bench/SOAK.json and exits 1 when an invariant
 * failed.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { validateScale } from '../generator/population';
import { databasePrefix, DEFAULT_SERVER } from './options';
import { exitWhenOrphaned } from './orphan';
import { runSoak, type SoakOptions } from './soak';
import { renderSoak, verdictLines } from './soak-report';

export const SOAK_OUTPUT = join(PROJECT_ROOT, 'bench', 'SOAK.md');
export const SOAK_JSON = join(PROJECT_ROOT, 'bench', 'SOAK.json');

export const SOAK_USAGE = `usage: npm run soak -- [options]
  --quick                short variant (the tests run it): phases of 3 s, outages of 2 s, no results file
  --duration S           seconds of load (default 60): three steady phases and two outages
  --outage S             seconds each fault lasts (default a twelfth of the duration)
  --rate R               requests per second, open loop (default 10; quick 3)
  --requests N           most requests sent; the load stops there (default 10000)
  --dashboard-share F    share of dashboard requests, 0 to 1 (default 0.3); the rest read a resident
  --kill NAME            subgraph killed with SIGKILL and started again: ${SUBGRAPH_NAMES.join(', ')} (default swb)
  --margin S             seconds after an outage's recovery in which errors still count as its own (default 3)
  --scale N              data scale (default 1)
  --prefix P             database name prefix (default keten_soak_)
  --output FILE          results (default bench/SOAK.md; quick: none)
  --json FILE            figures as JSON (default bench/SOAK.json; quick: none)
  --keep-data            leave the databases in place afterwards
  DATABASE_URL           PostgreSQL server on the loopback interface (default ${DEFAULT_SERVER})`;

export interface SoakCli {
  soak: SoakOptions;
  output: string | null;
  json: string | null;
}

function number(
  flag: string,
  value: string | undefined,
  { min = 0, integer = false, most = Infinity } = {},
): number {
  const parsed = Number(value);
  if (
    value === undefined ||
    !Number.isFinite(parsed) ||
    parsed < min ||
    parsed > most ||
    (integer && !Number.isInteger(parsed))
  )
    throw new Error(
      `${flag} needs a${integer ? 'n integer' : ' number'} from ${min}${Number.isFinite(most) ? ` to ${most}` : ''}, got "${value ?? ''}"`,
    );
  return parsed;
}

export function parseSoakOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): SoakCli {
  const quick = argv.includes('--quick');
  const soak: SoakOptions = {
    durationMs: quick ? 13_000 : 60_000,
    outageMs: quick ? 2000 : 5000,
    rate: quick ? 3 : 10,
    maxRequests: 10_000,
    dashboardShare: 0.3,
    kill: 'swb',
    marginMs: 3000,
    scale: 1,
    serverUrl: env.DATABASE_URL || DEFAULT_SERVER,
    databasePrefix: 'keten_soak_',
    keepData: false,
    command: ['npm run soak', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
  let output: string | null = quick ? null : SOAK_OUTPUT;
  let json: string | null = quick ? null : SOAK_JSON;
  let outageGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const valued = (): string => {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      return value;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--keep-data':
        soak.keepData = true;
        break;
      case '--duration':
        soak.durationMs = number(flag, valued(), { min: 3, most: 3600 }) * 1000;
        break;
      case '--outage':
        soak.outageMs = number(flag, valued(), { min: 0.5, most: 600 }) * 1000;
        outageGiven = true;
        break;
      case '--rate':
        soak.rate = number(flag, valued(), { min: 1, most: 1000 });
        break;
      case '--requests':
        soak.maxRequests = number(flag, valued(), { min: 1, integer: true });
        break;
      case '--dashboard-share':
        soak.dashboardShare = number(flag, valued(), { min: 0, most: 1 });
        break;
      case '--kill': {
        const name = valued();
        if (!(SUBGRAPH_NAMES as readonly string[]).includes(name))
          throw new Error(`--kill takes one of ${SUBGRAPH_NAMES.join(', ')}, got "${name}"`);
        soak.kill = name as SubgraphName;
        break;
      }
      case '--margin':
        soak.marginMs = number(flag, valued(), { most: 600 }) * 1000;
        break;
      case '--scale':
        soak.scale = number(flag, valued());
        validateScale(soak.scale);
        break;
      case '--prefix':
        soak.databasePrefix = databasePrefix(valued());
        break;
      case '--output':
        output = valued();
        break;
      case '--json':
        json = valued();
        break;
      default:
        throw new Error(`unknown option "${flag}"\n${SOAK_USAGE}`);
    }
  }
  if (!outageGiven && !quick) soak.outageMs = soak.durationMs / 12;
  if (2 * soak.outageMs >= soak.durationMs)
    throw new Error('--outage must leave time for steady load: two outages take less than the duration');
  return { soak, output, json };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SOAK_USAGE);
    return;
  }
  const { soak, output, json } = parseSoakOptions(argv);
  // Bounded whatever happens: load, start-up and clean-up well within this.
  const boundMs = 300_000 + 3 * soak.durationMs;
  setTimeout(() => {
    console.error(`the soak did not finish within ${boundMs / 1000} s`);
    process.exit(1);
  }, boundMs).unref();
  const started = Date.now();
  const log = (line: string): void => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
    console.log(`[${elapsed} s] ${line}`);
  };
  const report = await runSoak(soak, log);
  if (output) {
    const options = (await resolveConfig(output)) ?? {};
    await writeFile(output, await format(renderSoak(report), { ...options, parser: 'markdown' }));
    log(`results written to ${output}`);
  }
  if (json) {
    // Formatted as the project's Prettier would, so `npm run lint` passes over the committed file.
    const options = (await resolveConfig(json)) ?? {};
    await writeFile(json, await format(JSON.stringify(report), { ...options, parser: 'json' }));
  }
  console.log(`\n${verdictLines(report).join('\n')}`);
  if (!report.passed) process.exitCode = 1;
}

// Ctrl-C, a SIGTERM, or the parent gone (a test runner that timed out): exit, which stops the services
// (processes.ts kills them on exit).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
exitWhenOrphaned();

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
