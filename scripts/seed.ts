/**
 * `npm run seed -- --scale N [--seed S]`: creates and migrates the five partner databases, generates
 * the synthetic population and bulk-loads it (replacing what was there). Scale 1 is the calibrated
 * region, N > 1 adds N-1 synthetic copies, a scale below 1 a small demo. Needs DATABASE_URL (an
 * administrative connection: databases and roles are created) or, per subgraph, <NAME>_DATABASE_URL and
 * <NAME>_MIGRATION_DATABASE_URL; it migrates and loads as each database's owner. Prints timings per
 * phase and the rows per table.
 */
import 'reflect-metadata';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { migrateDatabase, ownerUrls, subgraphDatabase, type SubgraphDatabase } from '../platform/database';
import { isPopulated, loadPopulation } from '../generator/load';
import { DEMO_SCALE } from '../hub/demo';
import { DEFAULT_SEED, generatePopulationParts, validateScale } from '../generator/population';
import type { Population } from '../generator/tables';
import { SUBGRAPHS } from '../subgraphs';

interface Arguments {
  scale: number;
  seed: string;
  /** Leave data that is there alone (the one-shot seed job of docker-compose). */
  ifEmpty: boolean;
}

const USAGE = 'usage: npm run seed -- [--scale N | --demo] [--seed S] [--if-empty]';

function parseArguments(argv: readonly string[]): Arguments {
  const result: Arguments = { scale: 1, seed: DEFAULT_SEED, ifEmpty: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--demo' || flag === '--if-empty') {
      if (flag === '--demo') result.scale = DEMO_SCALE;
      else result.ifEmpty = true;
      continue;
    }
    if ((flag === '--scale' || flag === '--seed') && value === undefined)
      throw new Error(`${flag} needs a value`);
    if (flag === '--scale') result.scale = Number(value);
    else if (flag === '--seed') result.seed = value as string;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument "${flag}" (${USAGE})`);
    i++;
  }
  validateScale(result.scale);
  return result;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Creates missing databases and roles, and migrates each as its owner. */
async function migrate(): Promise<Record<SubgraphName, string>> {
  const config = loadConfig();
  const databases = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => {
        const database = await subgraphDatabase(config, name);
        await migrateDatabase(database, SUBGRAPHS[name]);
        return [name, database] as const;
      }),
    ),
  ) as Record<SubgraphName, SubgraphDatabase>;
  return ownerUrls(databases);
}

async function main(): Promise<void> {
  const args = parseArguments(process.argv.slice(2));
  let started = Date.now();
  const urls = await migrate();
  console.log(`databases created and migrated in ${seconds(Date.now() - started)}`);
  if (args.ifEmpty && (await isPopulated(urls['werk-inkomen']))) {
    console.log('data present, left as it is (--if-empty)');
    return;
  }

  // Generation is timed apart from loading: the parts are generated lazily while the loader pulls them.
  let generateMs = 0;
  const parts = generatePopulationParts({ seed: args.seed, scale: args.scale });
  function* timed(): Generator<Population> {
    for (;;) {
      const before = Date.now();
      const next = parts.next();
      generateMs += Date.now() - before;
      if (next.done) return;
      yield next.value;
    }
  }
  const regions = args.scale <= 1 ? 1 : args.scale;
  started = Date.now();
  const rows = await loadPopulation(timed(), urls, {
    onPart: (index) => {
      if (regions > 1 && ((index + 1) % 10 === 0 || index + 1 === regions)) {
        console.log(`  region ${index + 1}/${regions} loaded (${seconds(Date.now() - started)})`);
      }
    },
  });
  const totalMs = Date.now() - started;
  console.log(
    `seed "${args.seed}", scale ${args.scale}: generated in ${seconds(generateMs)}, ` +
      `loaded in ${seconds(totalMs - generateMs)} (${seconds(totalMs)} together)`,
  );
  let total = 0;
  for (const [partner, tables] of Object.entries(rows)) {
    for (const [table, count] of Object.entries(tables)) {
      total += count;
      console.log(`  ${partner.padEnd(13)} ${table.padEnd(19)} ${String(count).padStart(10)}`);
    }
  }
  console.log(`  ${'total'.padEnd(33)} ${String(total).padStart(10)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
