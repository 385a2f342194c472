import 'reflect-metadata';
import { loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import { gatewayProofKeys, userTokenPolicy } from '../platform/auth/setup';
import { logger } from '../platform/logger';
import { guardProcess, limitHeapGrowth, stopOnSignal } from '../platform/process';
import { registeredDocuments, startGateway } from './server';
import { oidcSignIn } from './web-client';
import { readClientTls } from '../platform/tls';
import { startTracing } from '../platform/tracing';

/** Entry point of the gateway as its own process; subgraph URLs come from `<NAME>_URL`. */
async function main(): Promise<void> {
  limitHeapGrowth();
  const config = loadConfig();
  startTracing({ service: 'gateway' });
  const gateway = await startGateway({
    supergraph: config.supergraph,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, config.subgraphs[name].url])),
    port: config.gatewayPort,
    auth: await userTokenPolicy(config.auth),
    proofKeys: await gatewayProofKeys(config.auth),
    web: { signIn: oidcSignIn(config.auth) },
    partnerTls: Object.fromEntries(
      await Promise.all(
        SUBGRAPH_NAMES.flatMap((name) => {
          const tls = config.subgraphs[name].tls;
          return tls ? [readClientTls(tls).then((material) => [name, material] as const)] : [];
        }),
      ),
    ),
    rateLimits: config.rateLimits,
    documents: await registeredDocuments(config.gateway.allowArbitraryDocuments),
    fieldUsageDir: config.gateway.fieldUsageDir,
    metricsPort: config.metricsPort,
  });
  logger.info(
    { service: 'gateway', port: gateway.port, metricsPort: gateway.metricsPort },
    'gateway listening',
  );
  stopOnSignal(gateway, 'gateway');
  guardProcess(gateway, 'gateway');
}

main().catch((error: unknown) => {
  logger.fatal({ service: 'gateway', err: error }, 'gateway failed to start');
  process.exit(1);
});
