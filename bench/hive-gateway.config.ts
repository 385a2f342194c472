/**
 * Configuration of the peer gateways (Hive Gateway, with and without its Rust query planner) in the
 * benchmark, loaded by `hive-gateway supergraph ... -c dist/bench/hive-gateway.config.js`. Our
 * subgraphs answer only requests with a gateway statement; the driver signs one per request and the
 * peer passes it on, with the request's trace id, to every subgraph fetch.
 */
import type { defineConfig } from '@graphql-hive/gateway';
import { GATEWAY_TOKEN_HEADER } from '../platform/auth/tokens';

type GatewayConfig = Parameters<typeof defineConfig>[0];

const PROPAGATED = [GATEWAY_TOKEN_HEADER, 'traceparent'];

export const gatewayConfig: GatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) =>
      Object.fromEntries(PROPAGATED.map((name) => [name, request.headers.get(name)])),
  },
  // The supergraph file does not change during a run: look at it once an hour, not every 10 seconds.
  pollingInterval: 3_600_000,
  logging: 'warn',
};
