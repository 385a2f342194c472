import { runtimePassword } from '../database';
import { databaseRoles } from '../database-roles';
import type { HubConfig } from '../config';
import { logger } from '../logger';
import { NatsTransport } from './nats-transport';
import { PostgresTransport } from './postgres-transport';
import { maakSignaalstroom, provisionSignaalstroom } from './stroom-database';
import type { SignaalTransport } from './transport';

/**
 * The transport the configuration names: NATS JetStream with `NATS_URL`, else the PostgreSQL stream of
 * `SIGNALEN_DATABASE_URL` (its runtime role; with `SIGNALEN_MIGRATION_DATABASE_URL` its owner first
 * makes the table), else (where the hub administers a server) the database `<prefix>signalen` on it,
 * created when missing with an owner and a runtime role of its own. Null when none applies: the partner
 * then publishes into its outbox only, and its relay hands the events over once a transport is
 * configured. A stream without its table, or a connection that could rewrite it, is refused here.
 */
export async function openSignaalTransport(
  config: HubConfig,
  adminUrl: string | null = config.databaseUrl,
  options: { reset?: boolean } = {},
): Promise<SignaalTransport | null> {
  const { signalen } = config;
  if (signalen.natsUrl) {
    return NatsTransport.connect(signalen.natsUrl);
  }
  const allowPrivilegedRole = config.allowPrivilegedDatabaseRole;
  if (signalen.databaseUrl) {
    if (signalen.migrationDatabaseUrl) {
      const role = decodeURIComponent(new URL(signalen.databaseUrl).username);
      if (!role) throw new Error('SIGNALEN_DATABASE_URL must name its role (the user).');
      await maakSignaalstroom(signalen.migrationDatabaseUrl, role);
    }
    return open(new PostgresTransport(signalen.databaseUrl, { allowPrivilegedRole }));
  }
  if (signalen.migrationDatabaseUrl) {
    throw new Error(
      'SIGNALEN_MIGRATION_DATABASE_URL needs SIGNALEN_DATABASE_URL, the runtime role’s connection.',
    );
  }
  if (!adminUrl) {
    logger.info('no NATS_URL or SIGNALEN_DATABASE_URL: events stay in the outbox until one is set');
    return null;
  }
  const database = `${config.databasePrefix}signalen`;
  // Starting the partners' databases over starts the stream over: their consumers begin at its start.
  const { url } = await provisionSignaalstroom(
    adminUrl,
    database,
    await runtimePassword(database, signalen.databasePassword),
    options,
  );
  logger.info({ role: databaseRoles(database).runtime }, 'signals on the PostgreSQL stream');
  return open(new PostgresTransport(url, { allowPrivilegedRole }));
}

async function open(transport: PostgresTransport): Promise<PostgresTransport> {
  try {
    await transport.controleer();
  } catch (error) {
    await transport.sluit().catch(() => undefined);
    throw error;
  }
  return transport;
}
