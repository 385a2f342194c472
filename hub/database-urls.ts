import {
  loadConfig,
  SUBGRAPH_NAMES,
  subgraphDatabaseUrl,
  type HubConfig,
  type SubgraphName,
} from '../platform/config';
import { startEmbeddedPostgres, type PostgresServer } from './postgres';

export interface HubDatabases {
  urls: Record<SubgraphName, string>;
  /** The embedded server, when one was started; stopped with the hub. */
  embedded: PostgresServer | null;
}

/**
 * The database of every subgraph: its own URL, or its database on DATABASE_URL's server, or, when
 * nothing is configured, on an embedded PostgreSQL server under `.data/`.
 */
export async function resolveDatabases(config: HubConfig = loadConfig()): Promise<HubDatabases> {
  const allOwn = SUBGRAPH_NAMES.every((name) => config.subgraphs[name].databaseUrl);
  let embedded: PostgresServer | null = null;
  let effective = config;
  if (!config.databaseUrl && !allOwn) {
    embedded = await startEmbeddedPostgres({ name: 'postgres', port: config.embeddedPostgresPort });
    effective = { ...config, databaseUrl: embedded.url };
  }
  const urls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, subgraphDatabaseUrl(effective, name)]),
  ) as Record<SubgraphName, string>;
  return { urls, embedded };
}
