import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { envPrefix, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { PROJECT_ROOT, SCHEMA_DIR } from '../platform/paths';
import { BENCH_ISSUER, type BenchKeys } from './keys';
import { freePort, spawnService, type Service } from './processes';

/** The gateways compared: ours, and the peers. */
export const GATEWAYS = ['ours', 'hive', 'hive-rust'] as const;
export type GatewayName = (typeof GATEWAYS)[number];

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  ours: 'ours (@apollo/gateway)',
  hive: 'Hive Gateway',
  'hive-rust': 'Hive Gateway + Rust planner',
};

export interface SubgraphService extends Service {
  subgraph: SubgraphName;
  metricsUrl: string;
}

export interface ServicePlan {
  serverUrl: string;
  databasePrefix: string;
  keys: BenchKeys;
  workDir: string;
  ports: Record<SubgraphName | 'gateway', number>;
  metricsPorts: Record<SubgraphName, number>;
  peerPorts: Record<Exclude<GatewayName, 'ours'>, number>;
}

export async function planServices(
  options: Pick<ServicePlan, 'serverUrl' | 'databasePrefix' | 'keys' | 'workDir'>,
): Promise<ServicePlan> {
  const ports = { gateway: await freePort() } as Record<SubgraphName | 'gateway', number>;
  const metricsPorts = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) {
    ports[name] = await freePort();
    metricsPorts[name] = await freePort();
  }
  return {
    ...options,
    ports,
    metricsPorts,
    peerPorts: { hive: await freePort(), 'hive-rust': await freePort() },
  };
}

const dist = (...path: string[]): string => join(PROJECT_ROOT, 'dist', ...path);
const graphqlUrl = (port: number): string => `http://127.0.0.1:${port}/graphql`;

/** Where every process of the hub finds every subgraph. */
function subgraphUrls(plan: ServicePlan): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    env[`${envPrefix(name)}_PORT`] = String(plan.ports[name]);
    env[`${envPrefix(name)}_URL`] = graphqlUrl(plan.ports[name]);
  }
  return env;
}

/** Every subgraph's proof key, for a gateway: ours and the peers sign the proofs of their requests. */
function proofKeyEnv(plan: ServicePlan): Record<string, string> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_PROOF_KEY`, plan.keys.proofKeys[name]]),
  );
}

/** `--cpu-prof` flags when a profile is wanted, written to `dir`. */
function profileFlags(dir: string | null, name: string): string[] {
  return dir
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name}.${Date.now()}.cpuprofile`]
    : [];
}

/** Starts the five subgraphs, each as `node dist/subgraphs/<name>/main.js`, with their instrumentation. */
export async function startSubgraphs(
  plan: ServicePlan,
  profileDir: string | null = null,
): Promise<SubgraphService[]> {
  return startAll(
    SUBGRAPH_NAMES.map(async (name) => {
      const service = await spawnService({
        name,
        logFile: join(plan.workDir, `${name}.log`),
        args: [...profileFlags(profileDir, name), dist('subgraphs', name, 'main.js')],
        env: {
          NODE_ENV: 'production',
          DATABASE_URL: plan.serverUrl,
          DATABASE_PREFIX: plan.databasePrefix,
          ...subgraphUrls(plan),
          [`${envPrefix(name)}_PSEUDONYM_KEY`]: plan.keys.pseudonymKeys[name],
          [`${envPrefix(name)}_PROOF_KEY`]: plan.keys.proofKeys[name],
          BENCH_METRICS_PORT: String(plan.metricsPorts[name]),
        },
        url: graphqlUrl(plan.ports[name]),
        readyUrl: `http://127.0.0.1:${plan.ports[name]}/readyz`,
      });
      return {
        ...service,
        subgraph: name,
        metricsUrl: `http://127.0.0.1:${plan.metricsPorts[name]}/debug/metrics`,
      };
    }),
  );
}

/** Services started side by side: all of them, or (when one fails) none left running. */
export async function startAll<T extends Service>(starting: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(starting);
  const started = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.all(started.map((service) => service.stop()));
    throw failed.reason;
  }
  return started;
}

/** Starts our gateway as `node dist/gateway/main.js`, trusting the bench's issuer and signing with the bench's key. */
export function startOurGateway(plan: ServicePlan, profileDir: string | null = null): Promise<Service> {
  return spawnService({
    name: 'gateway',
    logFile: join(plan.workDir, 'gateway.log'),
    args: [...profileFlags(profileDir, 'gateway'), dist('gateway', 'main.js')],
    env: {
      NODE_ENV: 'production',
      GATEWAY_PORT: String(plan.ports.gateway),
      ...subgraphUrls(plan),
      AUTH_JWKS_FILE: plan.keys.issuerJwksFile,
      AUTH_ISSUER: BENCH_ISSUER,
      ...proofKeyEnv(plan),
    },
    url: graphqlUrl(plan.ports.gateway),
    readyUrl: `http://127.0.0.1:${plan.ports.gateway}/readyz`,
  });
}

/**
 * The checked-in supergraph with the bench's subgraph URLs in place of the default ones: the peers
 * read subgraph URLs from the supergraph only.
 */
export async function writePeerSupergraph(plan: ServicePlan): Promise<string> {
  let sdl = await readFile(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
  for (const name of SUBGRAPH_NAMES) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`subgraph ${name} not found in the supergraph`);
    sdl = sdl.replace(pattern, `$1${graphqlUrl(plan.ports[name])}$2`);
  }
  const file = join(plan.workDir, 'supergraph.graphql');
  await writeFile(file, sdl);
  return file;
}

/** Starts a Hive Gateway over the same supergraph, with or without its Rust query planner. */
export function startPeerGateway(
  plan: ServicePlan,
  name: Exclude<GatewayName, 'ours'>,
  supergraphFile: string,
): Promise<Service> {
  const port = plan.peerPorts[name];
  return spawnService({
    name,
    logFile: join(plan.workDir, `${name}.log`),
    args: [
      join(PROJECT_ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
      'supergraph',
      supergraphFile,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--config-path',
      dist('bench', 'hive-gateway.config.js'),
      ...(name === 'hive-rust' ? ['--hive-router-runtime'] : []),
    ],
    env: { NODE_ENV: 'production', ...proofKeyEnv(plan) },
    url: graphqlUrl(port),
    readyUrl: `http://127.0.0.1:${port}/readiness`,
  });
}

export interface SubgraphMetrics {
  sqlStatements: number;
  sqlByKeyword: Record<string, number>;
  requests: number;
  connections: number;
  served: [traceId: string | null, startUs: number, endUs: number][];
}

/** Reads (and drains) the instrumentation of each subgraph. */
export async function readMetrics(
  subgraphs: SubgraphService[],
): Promise<Record<SubgraphName, SubgraphMetrics>> {
  const entries = await Promise.all(
    subgraphs.map(async (service) => {
      const response = await fetch(service.metricsUrl);
      if (!response.ok) throw new Error(`metrics of ${service.name}: HTTP ${response.status}`);
      return [service.subgraph, (await response.json()) as SubgraphMetrics] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, SubgraphMetrics>;
}
