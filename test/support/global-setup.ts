import 'reflect-metadata';
import { isReachable, startEmbeddedPostgres, type PostgresServer } from '../../hub/postgres';

const MACHINE_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

declare global {
  var embeddedTestPostgres: PostgresServer | undefined;
}

/**
 * Integration tests run against a real PostgreSQL: the machine's server when it answers, else an
 * embedded one under .data/test-postgres. Workers find it in TEST_DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  // TEST_POSTGRES=embedded forces the embedded server, as on a machine without PostgreSQL.
  if (process.env.TEST_POSTGRES !== 'embedded' && (await isReachable(MACHINE_SERVER))) {
    process.env.TEST_DATABASE_URL = MACHINE_SERVER;
    return;
  }
  const server = await startEmbeddedPostgres({ name: 'test-postgres', port: 54330 });
  globalThis.embeddedTestPostgres = server;
  process.env.TEST_DATABASE_URL = server.url;
}
