/**
 * Configuration of the peer gateways (Hive Gateway, with and without its Rust query planner) in the
 * benchmark, loaded by `hive-gateway supergraph ... -c dist/bench/hive-gateway.config.js`. Our
 * subgraphs answer only requests with the gateway's proof for that subgraph and body: the one plugin
 * here signs it (see `peer-proofs.ts`), nothing else of ours runs in the peers. Like ours, they do not
 * merge identical subgraph requests in flight.
 */
import type { defineConfig } from '@graphql-hive/gateway';
import { BENCH_STATEMENT_HEADER, peerProofSigner } from './peer-proofs';

type GatewayConfig = Parameters<typeof defineConfig>[0];

const sign = peerProofSigner();

export const gatewayConfig: GatewayConfig = {
  plugins: () => [
    {
      onFetch({ executionRequest, setFetchFn, fetchFn }) {
        const subgraph = executionRequest?.subgraphName;
        const request = (executionRequest?.context as { request?: Request } | undefined)?.request;
        if (!subgraph || !request) return;
        setFetchFn(async (url, init, ...rest) => {
          const body = typeof init?.body === 'string' ? init.body : '';
          const headers = sign(
            subgraph,
            body,
            request.headers.get(BENCH_STATEMENT_HEADER),
            request.headers.get('traceparent'),
          );
          return fetchFn(url, { ...init, headers: { ...init?.headers, ...headers } }, ...rest);
        });
      },
    },
  ],
  // As in ours: every subgraph request carries its own caller's proof and is logged on its own, so
  // identical requests in flight are not merged (merging hands one caller's answer to another).
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
  // The supergraph file does not change during a run: look at it once an hour, not every 10 seconds.
  pollingInterval: 3_600_000,
  logging: 'warn',
};
