import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROLES } from '../platform/auth/principals';
import { envPrefix, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { PROJECT_ROOT, SCHEMA_DIR } from '../platform/paths';
import { BENCH_ISSUER, type BenchKeys } from './keys';
import type { ProbeMetrics } from './probe';
import { freePort, spawnService, type Service } from './processes';

/** The gateways compared: ours, and the peers (without our plugins). */
export const GATEWAYS = ['ours', 'apollo', 'hive', 'hive-rust'] as const;
export type GatewayName = (typeof GATEWAYS)[number];
export type PeerName = Exclude<GatewayName, 'ours'>;

export const GATEWAY_LABELS: Record<GatewayName, string> = {
  ours: 'ours (Hive Gateway runtime + Rust planner, our plugins)',
  apollo: 'Apollo Gateway',
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
  /** Where each subgraph's probe serves its counters. */
  probePorts: Record<SubgraphName, number>;
  peerPorts: Record<PeerName, number>;
}

export async function planServices(
  options: Pick<ServicePlan, 'serverUrl' | 'databasePrefix' | 'keys' | 'workDir'>,
): Promise<ServicePlan> {
  const ports = { gateway: await freePort() } as Record<SubgraphName | 'gateway', number>;
  const probePorts = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) {
    ports[name] = await freePort();
    probePorts[name] = await freePort();
  }
  return {
    ...options,
    ports,
    probePorts,
    peerPorts: { apollo: await freePort(), hive: await freePort(), 'hive-rust': await freePort() },
  };
}

const dist = (...path: string[]): string => join(PROJECT_ROOT, 'dist', ...path);

/** `node` flags of every process the bench starts: the probe, preloaded (see probe.ts). */
const PRELOAD = ['--require', dist('bench', 'probe.js')];
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

/**
 * Starts one subgraph as `node --require dist/bench/probe.js dist/subgraphs/<name>/main.js`: the probe
 * counts and times from outside the subgraph's code. The soak starts one again after killing it.
 */
export async function startSubgraph(
  plan: ServicePlan,
  name: SubgraphName,
  profileDir: string | null = null,
): Promise<SubgraphService> {
  const service = await spawnService({
    name,
    logFile: join(plan.workDir, `${name}.log`),
    args: [...PRELOAD, ...profileFlags(profileDir, name), dist('subgraphs', name, 'main.js')],
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: plan.serverUrl,
      DATABASE_PREFIX: plan.databasePrefix,
      ...subgraphUrls(plan),
      [`${envPrefix(name)}_PSEUDONYM_KEY`]: plan.keys.pseudonymKeys[name],
      [`${envPrefix(name)}_DATABASE_PASSWORD`]: plan.keys.databasePasswords[name],
      [`${envPrefix(name)}_PROOF_KEY`]: plan.keys.proofKeys[name],
      ...(name === 'werk-inkomen'
        ? { WERK_INKOMEN_SIGNING_KEY_FILE: plan.keys.werkInkomenSigningKeyFile }
        : {}),
      BENCH_PROBE_PORT: String(plan.probePorts[name]),
    },
    url: graphqlUrl(plan.ports[name]),
    readyUrl: `http://127.0.0.1:${plan.ports[name]}/readyz`,
  });
  return {
    ...service,
    subgraph: name,
    metricsUrl: `http://127.0.0.1:${plan.probePorts[name]}/debug/metrics`,
  };
}

/** Starts the five subgraphs side by side (see `startSubgraph`). */
export function startSubgraphs(
  plan: ServicePlan,
  profileDir: string | null = null,
): Promise<SubgraphService[]> {
  return startAll(SUBGRAPH_NAMES.map((name) => startSubgraph(plan, name, profileDir)));
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
    args: [...PRELOAD, ...profileFlags(profileDir, 'gateway'), dist('gateway', 'main.js')],
    env: {
      NODE_ENV: 'production',
      GATEWAY_PORT: String(plan.ports.gateway),
      ...subgraphUrls(plan),
      AUTH_JWKS_FILE: plan.keys.issuerJwksFile,
      AUTH_ISSUER: BENCH_ISSUER,
      ...proofKeyEnv(plan),
      // The bench's few callers send far more than any person: the limits are counted, never reached.
      ...Object.fromEntries(ROLES.map((rol) => [`RATE_LIMIT_${rol}`, '1000000000'])),
      RATE_LIMIT_ORGANISATION: '1000000000',
      // The same query texts as the peers get, which know no registry; the bench's usage stays its own.
      ALLOW_ARBITRARY_DOCUMENTS: 'true',
      FIELD_USAGE_DIR: join(plan.workDir, 'field-usage'),
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

/**
 * Starts a peer over the same supergraph: Apollo Gateway (bench/apollo-gateway.ts), or Hive Gateway
 * (its CLI, configured by bench/hive-gateway.config.ts) without or with its Rust query planner.
 */
export function startPeerGateway(
  plan: ServicePlan,
  name: PeerName,
  supergraphFile: string,
): Promise<Service> {
  const port = plan.peerPorts[name];
  const common = {
    name,
    logFile: join(plan.workDir, `${name}.log`),
    env: { NODE_ENV: 'production', ...proofKeyEnv(plan) },
    url: graphqlUrl(port),
  };
  if (name === 'apollo')
    return spawnService({
      ...common,
      args: [...PRELOAD, dist('bench', 'apollo-gateway.js'), supergraphFile, String(port)],
      // Apollo Server answers a GET only with a header that a browser's simple request cannot send.
      readyUrl: `http://127.0.0.1:${port}/graphql?query=%7B__typename%7D`,
      readyHeaders: { 'apollo-require-preflight': 'true' },
    });
  return spawnService({
    ...common,
    args: [
      ...PRELOAD,
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
    readyUrl: `http://127.0.0.1:${port}/readiness`,
  });
}

/** Reads (and drains) the probe of each subgraph. */
export async function readMetrics(subgraphs: SubgraphService[]): Promise<Record<SubgraphName, ProbeMetrics>> {
  const entries = await Promise.all(
    subgraphs.map(async (service) => {
      const response = await fetch(service.metricsUrl);
      if (!response.ok) throw new Error(`metrics of ${service.name}: HTTP ${response.status}`);
      return [service.subgraph, (await response.json()) as ProbeMetrics] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, ProbeMetrics>;
}

/**
 * Reads the probes once every subgraph has finished answering the requests it received (at most
 * `limitMs` later): a subgraph records a request's end when its answer has left, which may be just
 * after the gateway passed the answer on.
 */
export async function readMetricsWhenAnswered(
  subgraphs: SubgraphService[],
  limitMs = 3000,
): Promise<Record<SubgraphName, ProbeMetrics>> {
  const deadline = Date.now() + limitMs;
  const served = new Map<SubgraphName, ProbeMetrics['served']>();
  for (;;) {
    const metrics = await readMetrics(subgraphs);
    for (const [name, probe] of Object.entries(metrics) as [SubgraphName, ProbeMetrics][])
      served.set(name, [...(served.get(name) ?? []), ...probe.served]);
    const answered = Object.values(metrics).every((probe) => probe.answered >= probe.requests);
    if (answered || Date.now() > deadline) {
      for (const [name, probe] of Object.entries(metrics) as [SubgraphName, ProbeMetrics][])
        probe.served = served.get(name) ?? [];
      return metrics;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
