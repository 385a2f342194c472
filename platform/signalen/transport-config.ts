import { dropDatabase, ensureDatabase } from '../database';
import type { HubConfig } from '../config';
import { logger } from '../logger';
import { NatsTransport } from './nats-transport';
import { PostgresTransport } from './postgres-transport';
import type { SignaalTransport } from './transport';

/**
 * The transport the configuration names: NATS JetStream with `NATS_URL`, else the PostgreSQL stream of
 * `SIGNALEN_DATABASE_URL`, else (where the hub administers a server) the database `<prefix>signalen`
 * on it, created when missing. Null when none applies: the partner then publishes into its outbox only,
 * and its relay hands the events over once a transport is configured.
 */
export async function openSignaalTransport(
  config: HubConfig,
  adminUrl: string | null = config.databaseUrl,
  options: { reset?: boolean } = {},
): Promise<SignaalTransport | null> {
  if (config.signalen.natsUrl) {
    return NatsTransport.connect(config.signalen.natsUrl);
  }
  if (config.signalen.databaseUrl) return new PostgresTransport(config.signalen.databaseUrl);
  if (!adminUrl) {
    logger.info('no NATS_URL or SIGNALEN_DATABASE_URL: events stay in the outbox until one is set');
    return null;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${config.databasePrefix}signalen`;
  // Starting the partners' databases over starts the stream over: their consumers begin at its start.
  if (options.reset) await dropDatabase(url.toString());
  await ensureDatabase(url.toString());
  return new PostgresTransport(url.toString());
}
