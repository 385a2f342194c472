/**
 * `node dist/scripts/migrate.js <subgraph>`: migrates one partner's database as its owner
 * (`<NAME>_MIGRATION_DATABASE_URL`) and grants the runtime role of `<NAME>_DATABASE_URL` its privileges,
 * then exits. The migration Job of a Kubernetes deployment runs it before the subgraph rolls out, so
 * the subgraph itself runs without the owner's password.
 */
import 'reflect-metadata';
import { envPrefix, loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { migrateDatabase } from '../platform/database';
import { SUBGRAPHS } from '../subgraphs';

/** Migrates `name`'s database with the partner's own roles from `env`; never creates a database or role. */
export async function migratePartner(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SubgraphName> {
  if (!SUBGRAPH_NAMES.includes(name as SubgraphName)) {
    throw new Error(`usage: node dist/scripts/migrate.js <${SUBGRAPH_NAMES.join('|')}>`);
  }
  const subgraph = name as SubgraphName;
  const own = loadConfig(env).subgraphs[subgraph];
  const prefix = envPrefix(subgraph);
  if (!own.databaseUrl || !own.migrationDatabaseUrl) {
    throw new Error(`set ${prefix}_DATABASE_URL (runtime role) and ${prefix}_MIGRATION_DATABASE_URL (owner)`);
  }
  await migrateDatabase(
    { subgraph, url: own.databaseUrl, migrationUrl: own.migrationDatabaseUrl, allowPrivilegedRole: false },
    SUBGRAPHS[subgraph],
  );
  return subgraph;
}

if (require.main === module) {
  migratePartner(process.argv[2] ?? '').then(
    (subgraph) => console.log(`${subgraph}: migrated, runtime role granted`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
