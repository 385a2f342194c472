/**
 * Writes a new migration for one subgraph from the difference between its entities and its migrated
 * schema: `npm run migration:create -- swb`. Needs a PostgreSQL server (DATABASE_URL, default the local
 * one); works in a scratch database that it drops afterwards.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { dropDatabase, ensureDatabase, ormOptions } from '../platform/database';
import { SUBGRAPHS } from '../subgraphs';

async function main(): Promise<void> {
  const name = process.argv[2] as SubgraphName;
  if (!SUBGRAPH_NAMES.includes(name))
    throw new Error(`Usage: create-migration <${SUBGRAPH_NAMES.join('|')}>`);
  const server = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  server.pathname = `/keten_migration_${name.replace(/-/g, '_')}`;
  await dropDatabase(server.toString());
  await ensureDatabase(server.toString());
  const folder = join(__dirname, '..', '..', 'subgraphs', name, 'migrations');
  const module = SUBGRAPHS[name];
  const options = ormOptions(server.toString(), module);
  const orm = await MikroORM.init({
    ...options,
    migrations: {
      ...options.migrations,
      path: folder,
      pathTs: folder,
      emit: 'ts',
      fileName: (ts) => `Migration${ts}`,
    },
  });
  try {
    const migrator = orm.getMigrator();
    await migrator.up();
    const result = await migrator.createMigration(folder);
    console.log(
      result.fileName
        ? `wrote ${result.fileName}: add it to the migrations in the partner's index.ts`
        : 'no changes',
    );
  } finally {
    await orm.close();
    await dropDatabase(server.toString());
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
