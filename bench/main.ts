/**
 * `npm run bench -- [options]` (see USAGE in options.ts): measures the hub against its peers and the
 * targets of the benchmark issue, writes bench/RESULTS.md and prints one line per target.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { format, resolveConfig } from 'prettier';
import { runBench } from './bench';
import { parseOptions, USAGE } from './options';
import { renderResults, summary, targetLines } from './report';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const { bench, output, json } = parseOptions(argv);
  const started = Date.now();
  const log = (line: string): void => {
    const elapsed = ((Date.now() - started) / 1000).toFixed(0).padStart(4);
    console.log(`[${elapsed} s] ${line}`);
  };
  const report = await runBench(bench, log);
  if (output) {
    // Formatted as the project's Prettier would, so the file reads well as text too.
    const options = (await resolveConfig(output)) ?? {};
    await writeFile(output, await format(renderResults(report), { ...options, parser: 'markdown' }));
    log(`results written to ${output}`);
  }
  if (json) await writeFile(json, JSON.stringify(report, null, 1));
  console.log(`\n${summary(report)}\n\nTargets:\n${targetLines(report).join('\n')}`);
}

// Ctrl-C: exit, which stops the services (processes.ts kills them on exit).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
