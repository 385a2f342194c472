import { loadConfig, SUBGRAPH_NAMES, type HubConfig, type SubgraphName } from '../platform/config';
import { subgraphDatabase, type SubgraphDatabase } from '../platform/database';
import { startEmbeddedPostgres, type PostgresServer } from './postgres';

export interface HubDatabases {
  databases: Record<SubgraphName, SubgraphDatabase>;
  /** The embedded server, when one was started; stopped with the hub. */
  embedded: PostgresServer | null;
}

/**
 * The database of every subgraph: its own URLs, or its database on DATABASE_URL's server, or, when
 * nothing is configured, on an embedded PostgreSQL server under `.data/`. On a server the hub
 * administers it creates each database with its owner and runtime role; `reset` drops them first.
 */
export async function resolveDatabases(
  config: HubConfig = loadConfig(),
  options: { reset?: boolean } = {},
): Promise<HubDatabases> {
  const allOwn = SUBGRAPH_NAMES.every((name) => config.subgraphs[name].databaseUrl);
  let embedded: PostgresServer | null = null;
  let effective = config;
  if (!config.databaseUrl && !allOwn) {
    embedded = await startEmbeddedPostgres({ name: 'postgres', port: config.embeddedPostgresPort });
    effective = { ...config, databaseUrl: embedded.url };
  }
  try {
    const entries = await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => [name, await subgraphDatabase(effective, name, options)] as const),
    );
    return { databases: Object.fromEntries(entries) as Record<SubgraphName, SubgraphDatabase>, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
