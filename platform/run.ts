import 'reflect-metadata';
import { loadConfig } from './config';
import { subgraphDatabase } from './database';
import { logger } from './logger';
import { standaloneSubgraphKeys } from './auth/setup';
import { startSignaaldienst } from './signalen/dienst';
import { alsLeider } from './signalen/leiding';
import { openSignaalTransport } from './signalen/transport-config';
import { startSubgraph, type SubgraphModule } from './subgraph';
import { readServerTls } from './tls';
import { startTracing } from './tracing';
import { guardProcess, limitHeapGrowth, stopOnSignal } from './process';

/** Entry point of one subgraph as its own process (a container, a partner's own data centre). */
export function runSubgraph(module: SubgraphModule): void {
  limitHeapGrowth();
  const config = loadConfig();
  standaloneSubgraphKeys(config.auth, module.name)
    .then(async (keys) => {
      startTracing({ service: module.name });
      const database = await subgraphDatabase(config, module.name);
      const running = await startSubgraph(module, {
        port: config.subgraphs[module.name].port,
        database,
        keys,
        tls: config.serverTls ? await readServerTls(config.serverTls) : undefined,
        metricsPort: config.metricsPort,
      });
      // Signals beside the subgraph, on NATS_URL or SIGNALEN_DATABASE_URL; else the outbox waits.
      const transport = await openSignaalTransport(config, null);
      // One replica leads: its relay and consumer run, the others wait to take over.
      const signalen = transport
        ? alsLeider(database.sessionUrl ?? database.url, `signalen-${module.name}`, () =>
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
        guardProcess(running, module.name);
      },
      (error: unknown) => {
        logger.fatal({ service: module.name, err: error }, 'subgraph failed to start');
        process.exit(1);
      },
    );
}
