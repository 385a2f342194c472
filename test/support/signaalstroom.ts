import { randomBytes } from 'node:crypto';
import { dropDatabase } from '../../platform/database';
import { PostgresTransport, type PostgresTransportOptions } from '../../platform/signalen/postgres-transport';
import { provisionSignaalstroom } from '../../platform/signalen/stroom-database';

export interface TestSignaalstroom {
  /** The transport, connected as the stream's runtime role, as the services connect. */
  transport: PostgresTransport;
  /** As the runtime role. */
  url: string;
  /** As the stream's owner: tests write there what no publisher would. */
  ownerUrl: string;
  /** Closes the transport and drops the database. */
  close(): Promise<void>;
}

/**
 * A fresh stream database `keten_<namespace>_<name>_stroom` on the test server, made as `npm start`
 * makes `<prefix>signalen`: an owner that made the table, and a runtime role (a fresh password).
 */
export async function startTestSignaalstroom(
  name: string,
  options: PostgresTransportOptions = {},
): Promise<TestSignaalstroom> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the integration tests through jest');
  const database = `keten_${process.env.TEST_DATABASE_NAMESPACE || 't'}_${name}_stroom`;
  const { url, migrationUrl } = await provisionSignaalstroom(
    server,
    database,
    randomBytes(12).toString('hex'),
    {
      reset: true,
    },
  );
  const transport = new PostgresTransport(url, options);
  await transport.controleer();
  const admin = new URL(server);
  admin.pathname = `/${database}`;
  return {
    transport,
    url,
    ownerUrl: migrationUrl,
    close: async () => {
      await transport.sluit();
      await dropDatabase(admin.toString());
    },
  };
}
