import { setFlagsFromString } from 'node:v8';
import { logger } from './logger';
import type { RunningHttpService } from './service';
import { stopTracing } from './tracing';

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

/** The process events `guardProcess` listens to; `process` itself in a service. */
export interface ProcessEvents {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
}

/**
 * Faults that escaped every request go through the structured (BSN-masking) log, never as a raw stack
 * on stderr. A promise rejected without a handler is logged and the service keeps serving: one stray
 * promise must not take every partner's answers down (Node would exit). An exception thrown outside
 * any handler leaves the process in an unknown state: it is logged as fatal, the service drains as on
 * SIGTERM, and the process exits with 1 so that its supervisor starts a fresh one.
 */
export function guardProcess(
  service: Pick<RunningHttpService, 'close'>,
  name: string,
  events: ProcessEvents = process,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  events.on('unhandledRejection', (reason) => {
    logger.error({ service: name, err: reason }, 'unhandled promise rejection');
  });
  let failing = false;
  events.on('uncaughtException', (error) => {
    logger.fatal({ service: name, err: error }, 'uncaught exception: stopping');
    if (failing) return;
    failing = true;
    service.close().then(
      () => exit(1),
      () => exit(1),
    );
  });
}

/**
 * Has V8 collect the old generation once it has grown to 1.5 times what survived the previous
 * collection, instead of the factor it picks itself (up to 4). What a service allocates per request
 * is short-lived: under load V8's own choice let the gateway reach about 300 MB around some 60 MB of
 * live data, and collecting sooner costs no CPU the bench can tell apart (bench/RESULTS.md). V8 reads
 * the factor at every collection, so setting it once the process runs holds. For a service's own
 * process only: the embedded hub (`npm start`) leaves its host process as Node set it up.
 */
export function limitHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50');
}
