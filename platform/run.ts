import 'reflect-metadata';
import { loadConfig, subgraphDatabaseUrl } from './config';
import type { RunningHttpService } from './http';
import { standaloneSubgraphKeys } from './auth/setup';
import { startSubgraph, type SubgraphModule } from './subgraph';

/** Stops the service on SIGINT/SIGTERM, so a container or Ctrl-C shuts down cleanly. */
export function stopOnSignal(service: Pick<RunningHttpService, 'close'>): void {
  const stop = (): void => {
    service.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Entry point of one subgraph as its own process (a container, a partner's own data centre). */
export function runSubgraph(module: SubgraphModule): void {
  const config = loadConfig();
  standaloneSubgraphKeys(config.auth, module.name)
    .then((keys) =>
      startSubgraph(module, {
        port: config.subgraphs[module.name].port,
        databaseUrl: subgraphDatabaseUrl(config, module.name),
        keys,
      }),
    )
    .then(
      (running) => {
        console.log(JSON.stringify({ msg: 'subgraph listening', subgraph: module.name, port: running.port }));
        stopOnSignal(running);
      },
      (error: unknown) => {
        console.error(
          JSON.stringify({ msg: 'subgraph failed to start', subgraph: module.name, error: String(error) }),
        );
        process.exit(1);
      },
    );
}
