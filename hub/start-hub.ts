import {
  loadConfig,
  SUBGRAPH_NAMES,
  type AuthConfig,
  type RateLimitConfig,
  type SubgraphName,
} from '../platform/config';
import { inProcessKeys, userTokenPolicy } from '../platform/auth/setup';
import type { UserTokenPolicy } from '../platform/auth/tokens';
import { openDatabase, type SubgraphDatabase } from '../platform/database';
import type { ClientTls, ServerTls } from '../platform/tls';
import { startSubgraph, type RunningSubgraph } from '../platform/subgraph';
import type { SupergraphEvent, SupergraphSource } from '../gateway/supergraph';
import { registeredDocuments, startGateway, type RunningGateway } from '../gateway/server';
import { oidcSignIn, type WebSignIn } from '../gateway/web-client';
import { SUBGRAPHS } from '../subgraphs';
import type { MikroORM } from '@mikro-orm/postgresql';
import {
  startSignaaldienst,
  type Signaaldienst,
  type SignaaldienstOptions,
} from '../platform/signalen/dienst';
import type { SignaalTransport } from '../platform/signalen/transport';

export interface HubOptions {
  /** Each subgraph's database: migrated as its owner, served as its runtime role. */
  databases: Record<SubgraphName, SubgraphDatabase>;
  /** Port per service; 0 picks a free one (tests). */
  ports: Record<SubgraphName | 'gateway', number>;
  /** Called after migrations, before any service listens: the place to load data. */
  beforeListen?: (orms: Record<SubgraphName, MikroORM>) => Promise<void>;
  host?: string;
  /** Authentication settings (identity provider, pseudonym key); default from the environment. */
  auth?: AuthConfig;
  /** Overrides how the gateway verifies employees' tokens (tests bring their own issuer). */
  userTokens?: UserTokenPolicy;
  /** Each subgraph's pseudonym key (tests generate them); default configured or kept under .data/keys. */
  pseudonymKeys?: Record<SubgraphName, Buffer>;
  /** Where the gateway reaches a subgraph that listens at `url` (tests put a hop in between). */
  routeSubgraph?: (name: SubgraphName, url: string) => string;
  /** How long the gateway waits for a subgraph (default its own, 30 s). */
  upstreamTimeoutMs?: number;
  /**
   * The web client's sign-in: `npm start` offers the demo personas; by default the configured OIDC
   * client (`WEB_OIDC_ISSUER`), else none.
   */
  signIn?: WebSignIn | null;
  /** Subgraphs that serve HTTPS, with mutual TLS where a client CA is given (tests make certificates). */
  subgraphTls?: Partial<Record<SubgraphName, ServerTls>>;
  /** How the gateway reaches those: the CA it trusts for each, its client certificate for each. */
  partnerTls?: Partial<Record<SubgraphName, ClientTls>>;
  /** Where the gateway reads its supergraph; default as configured (`SUPERGRAPH_FILE`, ...). */
  supergraph?: SupergraphSource;
  /** Told what became of each supergraph the gateway found. */
  onSupergraph?: (event: SupergraphEvent) => void;
  /** Requests per caller and organisation; default from the environment (`RATE_LIMIT_*`, `REDIS_URL`). */
  rateLimits?: RateLimitConfig;
  /** Run documents that are not registered; default `ALLOW_ARBITRARY_DOCUMENTS` (allowed unless production). */
  allowArbitraryDocuments?: boolean;
  /** Where the gateway records field usage; default `FIELD_USAGE_DIR`, null records none. */
  fieldUsageDir?: string | null;
  /** Services that serve `/metrics` on a port of their own (0 picks a free one); the rest on their own port. */
  metricsPorts?: Partial<Record<SubgraphName | 'gateway', number>>;
  /**
   * Early-warning signals: each partner's relay and consumer run beside its subgraph on this transport.
   * Default none: the partners write their outboxes only.
   */
  signalen?: HubSignalenOptions | null;
}

export interface HubSignalenOptions {
  transport: SignaalTransport;
  /** Today for the rules' legal bases (tests); default the real day. */
  vandaag?: () => string;
  onSignaal?: SignaaldienstOptions['onSignaal'];
  relayIntervalMs?: number;
}

export interface RunningHub {
  gateway: RunningGateway;
  subgraphs: Record<SubgraphName, RunningSubgraph>;
  /** Each partner's relay and consumer, when signals run. */
  signalen: Record<SubgraphName, Signaaldienst> | null;
  close(): Promise<void>;
}

/** Runs the five subgraphs and the gateway in this process; they talk to each other over HTTP. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const orms = Object.fromEntries(
    await Promise.all(
      SUBGRAPH_NAMES.map(async (name) => [
        name,
        await openDatabase(options.databases[name], SUBGRAPHS[name]),
      ]),
    ),
  ) as Record<SubgraphName, MikroORM>;
  const subgraphs = {} as Record<SubgraphName, RunningSubgraph>;
  const config = loadConfig();
  const auth = options.auth ?? config.auth;
  try {
    const keys = await inProcessKeys(auth, options.pseudonymKeys);
    await options.beforeListen?.(orms);
    for (const name of SUBGRAPH_NAMES) {
      subgraphs[name] = await startSubgraph(SUBGRAPHS[name], {
        port: options.ports[name],
        database: options.databases[name],
        orm: orms[name],
        host: options.host,
        keys: keys.subgraphs[name],
        tls: options.subgraphTls?.[name],
        metricsPort: options.metricsPorts?.[name],
      });
    }
    const gateway = await startGateway({
      supergraph: options.supergraph ?? loadConfig().supergraph,
      partnerTls: options.partnerTls,
      onSupergraph: options.onSupergraph,
      subgraphUrls: Object.fromEntries(
        SUBGRAPH_NAMES.map((name) => [
          name,
          options.routeSubgraph?.(name, subgraphs[name].url) ?? subgraphs[name].url,
        ]),
      ),
      port: options.ports.gateway,
      host: options.host,
      auth: options.userTokens ?? (await userTokenPolicy(auth)),
      proofKeys: keys.proofs,
      upstreamTimeoutMs: options.upstreamTimeoutMs,
      web: { signIn: options.signIn !== undefined ? options.signIn : oidcSignIn(auth) },
      rateLimits: options.rateLimits ?? config.rateLimits,
      documents: await registeredDocuments(
        options.allowArbitraryDocuments ?? config.gateway.allowArbitraryDocuments,
      ),
      fieldUsageDir:
        options.fieldUsageDir !== undefined ? options.fieldUsageDir : config.gateway.fieldUsageDir,
      metricsPort: options.metricsPorts?.gateway,
    });
    const signalen = options.signalen ?? null;
    const diensten = signalen
      ? (Object.fromEntries(
          SUBGRAPH_NAMES.map((name) => [
            name,
            startSignaaldienst({
              subgraph: name,
              orm: orms[name],
              transport: signalen.transport,
              pseudonymKey: keys.subgraphs[name].pseudonym,
              regels: SUBGRAPHS[name].signaalregels,
              vandaag: signalen.vandaag,
              onSignaal: signalen.onSignaal,
              relayIntervalMs: signalen.relayIntervalMs,
            }),
          ]),
        ) as Record<SubgraphName, Signaaldienst>)
      : null;
    return {
      gateway,
      subgraphs,
      signalen: diensten,
      close: async () => {
        await gateway.close();
        // Relays and consumers stop before the databases they work on close.
        if (diensten) await Promise.all(SUBGRAPH_NAMES.map((name) => diensten[name].stop()));
        await Promise.all(SUBGRAPH_NAMES.map((name) => subgraphs[name].close()));
      },
    };
  } catch (error) {
    await Promise.all(
      SUBGRAPH_NAMES.map((name) => (subgraphs[name] ? subgraphs[name].close() : orms[name].close())),
    );
    throw error;
  }
}
