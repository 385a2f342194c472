import 'reflect-metadata';
import { loadConfig } from './config';
import { subgraphDatabase } from './database';
import { logger } from './logger';
import type { RunningHttpService } from './service';
import { standaloneSubgraphKeys } from './auth/setup';
import { startSignaaldienst } from './signalen/dienst';
import { alsLeider } from './signalen/leiding';
import { openSignaalTransport } from './signalen/transport-config';
import { startSubgraph, type SubgraphModule } from './subgraph';
import { readServerTls } from './tls';
import { startTracing, stopTracing } from './tracing';

/**
 * Stops the service on SIGINT/SIGTERM, so a container or Ctrl-C shuts down cleanly: it drains (see
 * `RunningHttpService.close`) and exits; a second signal exits at once.
 */
export function stopOnSignal(
  service: Pick<RunningHttpService, 'close'>,
  name: string,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  const stop = (signal: NodeJS.Signals): void => {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
    process.once('SIGINT', () => exit(1));
    process.once('SIGTERM', () => exit(1));
    logger.info({ service: name, signal }, 'stopping: finishing requests in flight');
    service.close().then(
      async () => {
        // Spans still buffered are handed over before the process exits.
        await stopTracing().catch(() => undefined);
        logger.info({ service: name }, 'stopped');
        exit(0);
      },
      (error: unknown) => {
        logger.error({ service: name, err: error }, 'stopping failed');
        exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Entry point of one subgraph as its own process (a container, a partner's own data centre). */
export function runSubgraph(module: SubgraphModule): void {
  const config = loadConfig();
  standaloneSubgraphKeys(config.auth, module.name)
    .then(async (keys) => {
      startTracing({ service: module.name });
      const running = await startSubgraph(module, {
        port: config.subgraphs[module.name].port,
        database: await subgraphDatabase(config, module.name),
        keys,
        tls: config.serverTls ? await readServerTls(config.serverTls) : undefined,
        metricsPort: config.metricsPort,
      });
      // Signals beside the subgraph, on NATS_URL or SIGNALEN_DATABASE_URL; else the outbox waits.
      const transport = await openSignaalTransport(config, null);
      // One replica leads: its relay and consumer run, the others wait to take over.
      const signalen = transport
        ? alsLeider(running.orm, `signalen-${module.name}`, () =>
            startSignaaldienst({
              subgraph: module.name,
              orm: running.orm,
              transport,
              pseudonymKey: keys.pseudonym,
              regels: module.signaalregels,
            }),
          )
        : null;
      return {
        ...running,
        close: async () => {
          await signalen?.stop();
          await transport?.sluit();
          await running.close();
        },
      };
    })
    .then(
      (running) => {
        logger.info(
          {
            service: module.name,
            port: running.port,
            metricsPort: running.metricsPort,
            tls: Boolean(config.serverTls),
          },
          'subgraph listening',
        );
        stopOnSignal(running, module.name);
      },
      (error: unknown) => {
        logger.fatal({ service: module.name, err: error }, 'subgraph failed to start');
        process.exit(1);
      },
    );
}
