/** The partner subgraphs, in the order the gateway lists them. */
export const SUBGRAPH_NAMES = ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

const DEFAULT_PORTS: Record<SubgraphName, number> = {
  'werk-inkomen': 4001,
  swb: 4002,
  werkplein: 4003,
  schuldhulp: 4004,
  werkcentrum: 4005,
};

export interface SubgraphConfig {
  name: SubgraphName;
  /** Port the subgraph listens on. Env `<NAME>_PORT`, default 4001..4005. */
  port: number;
  /** URL the gateway calls. Env `<NAME>_URL`, default `http://localhost:<port>/graphql`. */
  url: string;
  /** Full connection URL of this subgraph's own database. Env `<NAME>_DATABASE_URL`. */
  databaseUrl: string | null;
}

export interface HubConfig {
  /** Env `GATEWAY_PORT`, default 4000. */
  gatewayPort: number;
  /**
   * URL of a PostgreSQL server that hosts the subgraph databases that have no URL of their own.
   * Env `DATABASE_URL`; when unset (and no subgraph has its own URL) `npm start` runs an embedded server.
   */
  databaseUrl: string | null;
  /** Prefix of the database names created on `databaseUrl`. Env `DATABASE_PREFIX`, default `keten_`. */
  databasePrefix: string;
  /** Port of the embedded PostgreSQL server. Env `EMBEDDED_PG_PORT`, default 54329. */
  embeddedPostgresPort: number;
  subgraphs: Record<SubgraphName, SubgraphConfig>;
}

/** `werk-inkomen` → `WERK_INKOMEN`, the prefix of that subgraph's variables. */
export function envPrefix(name: SubgraphName): string {
  return name.replace(/-/g, '_').toUpperCase();
}

function port(value: string | undefined, fallback: number, variable: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
    throw new Error(`${variable} must be a port number, got "${value}"`);
  }
  return parsed;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): HubConfig {
  const subgraphs = {} as Record<SubgraphName, SubgraphConfig>;
  for (const name of SUBGRAPH_NAMES) {
    const prefix = envPrefix(name);
    const subgraphPort = port(env[`${prefix}_PORT`], DEFAULT_PORTS[name], `${prefix}_PORT`);
    subgraphs[name] = {
      name,
      port: subgraphPort,
      url: env[`${prefix}_URL`] || `http://localhost:${subgraphPort}/graphql`,
      databaseUrl: env[`${prefix}_DATABASE_URL`] || null,
    };
  }
  return {
    gatewayPort: port(env.GATEWAY_PORT, 4000, 'GATEWAY_PORT'),
    databaseUrl: env.DATABASE_URL || null,
    databasePrefix: env.DATABASE_PREFIX ?? 'keten_',
    embeddedPostgresPort: port(env.EMBEDDED_PG_PORT, 54329, 'EMBEDDED_PG_PORT'),
    subgraphs,
  };
}

/** Name of a subgraph's own database on a shared server: `keten_werk_inkomen`, ... */
export function databaseName(name: SubgraphName, prefix: string): string {
  return `${prefix}${name.replace(/-/g, '_')}`;
}

/** The connection URL of one subgraph's database: its own URL, or its database on the shared server. */
export function subgraphDatabaseUrl(config: HubConfig, name: SubgraphName): string {
  const own = config.subgraphs[name].databaseUrl;
  if (own) return own;
  if (!config.databaseUrl) throw new Error(`No database configured for subgraph ${name}`);
  const url = new URL(config.databaseUrl);
  url.pathname = `/${databaseName(name, config.databasePrefix)}`;
  return url.toString();
}
