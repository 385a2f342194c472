import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { MAX_STREAM_MS } from '../platform/service';
import type { HubContext } from './context';

const noop = (): void => undefined;

/**
 * `source` until `einde` settles: then its last result (if any) and the end. The client's going away
 * (`return()`) ends it at once, whatever `source` is waiting for, and ends `source` (the upstream stream).
 */
function tot(
  source: AsyncIterable<ExecutionResult>,
  einde: Promise<ExecutionResult | null>,
  opgeruimd: () => void,
): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let klaar = false;
  let stop = noop;
  const gestopt = new Promise<IteratorResult<ExecutionResult>>(
    (resolve) => (stop = () => resolve({ value: undefined, done: true })),
  );
  const laatste = einde.then((last) => ({ last }));
  const finish = (): void => {
    if (klaar) return;
    klaar = true;
    stop();
    opgeruimd();
    void iterator.return?.()?.catch(noop);
  };
  return {
    async next(): Promise<IteratorResult<ExecutionResult>> {
      if (klaar) return { value: undefined, done: true };
      const next = iterator.next();
      // Left pending when the stream ends first; its failure then is no one's to hear.
      next.catch(noop);
      const step = await Promise.race([next, laatste, gestopt]);
      if ('last' in step) {
        finish();
        return step.last ? { value: step.last, done: false } : { value: undefined, done: true };
      }
      if (step.done) finish();
      return step;
    },
    return(): Promise<IteratorResult<ExecutionResult>> {
      finish();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * The gateway's bounds on subscription streams: one ends when its caller's token expires (with an
 * UNAUTHENTICATED event: sign in and subscribe again), after `MAX_STREAM_MS`, and when the gateway
 * closes (it completes: subscribe again, at another replica), so that a graceful shutdown does not
 * wait for streams that never end. The subgraph bounds its streams by the same rules on its own.
 */
export class GatewayStreams {
  private readonly open = new Set<() => void>();

  /** Ends every open stream now (the gateway closes). */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }

  get size(): number {
    return this.open.size;
  }

  plugin(): GatewayPlugin<HubContext> {
    return {
      onSubscribe: ({ args }) => ({
        onSubscribeResult: ({ result, setResult }) => {
          if (!(Symbol.asyncIterator in result)) return;
          const tokenExpiresAt = (args.contextValue as HubContext).tokenExpiresAt ?? 0;
          let close = noop;
          const einde = new Promise<ExecutionResult | null>((resolve) => {
            const expiresIn = tokenExpiresAt * 1000 - Date.now();
            const timer = setTimeout(
              () =>
                resolve(
                  expiresIn <= MAX_STREAM_MS
                    ? {
                        errors: [
                          new GraphQLError('Your token expired: sign in again and subscribe again.', {
                            extensions: { code: 'UNAUTHENTICATED' },
                          }),
                        ],
                      }
                    : null,
                ),
              Math.max(Math.min(expiresIn, MAX_STREAM_MS), 0),
            );
            close = () => {
              clearTimeout(timer);
              resolve(null);
            };
          });
          this.open.add(close);
          setResult(tot(result, einde, () => (this.open.delete(close), close())));
        },
      }),
    };
  }
}
