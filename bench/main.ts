/**
 * `npm run bench -- [options]` (see USAGE in options.ts): measures the hub against its peers and the
 * targets of the benchmark issue, writes bench/RESULTS.md and prints one line per target.
 */
import 'reflect-metadata';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { DATA_DIR } from '../platform/paths';
import { REPORT_FORMAT, runBench, type BenchReport } from './bench';
import { DEFAULT_RESULTS, parseOptions, USAGE } from './options';
import { exitWhenOrphaned } from './orphan';
import { notesOf, renderResults, summary, targetLines } from './report';

/** Where a full run keeps its raw figures (git-ignored), for `--render`. */
const LAST_RUN = join(DATA_DIR, 'bench', 'last-run.json');

/** The figures of the last full run, if this version of the bench can render them. */
async function lastRun(): Promise<BenchReport> {
  const text = await readFile(LAST_RUN, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    // The figures stay on the machine that measured them (git-ignored); a fresh checkout has none.
    throw new Error(
      `${LAST_RUN} does not exist: --render needs a full run of the bench on this checkout first`,
    );
  });
  const report = JSON.parse(text) as Partial<BenchReport>;
  if (report.format !== REPORT_FORMAT)
    throw new Error(
      `${LAST_RUN} holds figures of an earlier version of the bench (format ${report.format ?? 1}, ` +
        `this one renders ${REPORT_FORMAT}): run the bench again`,
    );
  return report as BenchReport;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const { bench, output, json, render } = parseOptions(argv);
  const started = Date.now();
  const log = (line: string): void => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
    console.log(`[${elapsed} s] ${line}`);
  };
  // --render writes the results of the last full run again (after a change of the report's wording),
  // from its own figures, without measuring anything.
  const report = render ? await lastRun() : await runBench(bench, log);
  if (output) {
    // The hand-written notes of the file it replaces stay; formatted as the project's Prettier would,
    // so the file reads well as text too.
    const previous = await readFile(output, 'utf8').catch(() => '');
    const options = (await resolveConfig(output)) ?? {};
    const text = renderResults(report, notesOf(previous));
    await writeFile(output, await format(text, { ...options, parser: 'markdown' }));
    log(`results written to ${output}`);
  }
  if (json) await writeFile(json, JSON.stringify(report, null, 1));
  // The raw figures of the run behind bench/RESULTS.md stay beside the other local state (git-ignored),
  // for `--render`; a run that writes its results elsewhere leaves them alone.
  if (!bench.quick && !render && output === DEFAULT_RESULTS) {
    await mkdir(join(DATA_DIR, 'bench'), { recursive: true });
    await writeFile(LAST_RUN, JSON.stringify(report));
  }
  console.log(`\n${summary(report)}\n\nTargets:\n${targetLines(report).join('\n')}`);
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
