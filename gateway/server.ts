import {
  createGatewayRuntime,
  Logger,
  type GatewayPlugin,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import { PinoLogWriter } from '@graphql-hive/logger/writers/pino';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { PROOF_HEADER, signProof, type ProofKey } from '../platform/auth/proofs';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../platform/config';
import type { UserTokenPolicy } from '../platform/auth/tokens';
import { logger } from '../platform/logger';
import { serveMetrics } from '../platform/metrics';
import type { ClientTls } from '../platform/tls';
import type { RunningHttpService } from '../platform/service';
import { useVerifiedCaller } from './caller';
import { verifiedRequest, type HubContext } from './context';
import { maskGatewayError, useValidationStatus } from './errors';
import { AD_HOC_CLIENT, FieldUsageRecorder, useFieldUsage } from './field-usage';
import { useScalarInputChecks } from './input-validation';
import { queryLimits } from './limits';
import { listen } from './listen';
import { GatewayMetrics } from './metrics';
import { callerRateLimiter, useRateLimits } from './rate-limits';
import { useRequestLog } from './request-log';
import { jsonResponse } from './responses';
import { GatewayStreams } from './streams';
import { useSubgraphRequests, type SubgraphRequest } from './subgraph-requests';
import { SubgraphClient } from './upstream';
import { useTracing } from './tracing';
import { SupergraphLoader, type SupergraphEvent, type SupergraphSource } from './supergraph';
import { readClientManifests, trustedDocumentsById, type TrustedDocument } from './trusted-documents';
import { useWebClient, type WebClientOptions } from './web-client';

export type { RunningHttpService };

export interface RunningGateway extends RunningHttpService {
  /** Where `/metrics` answers: its own port, or the gateway's. */
  metricsPort: number;
}

const GRAPHQL_PATH = '/graphql';
/** Longer than a subgraph needs to give up on its own database (connect 5 s, pool 10 s). */
const UPSTREAM_TIMEOUT_MS = 30_000;
/**
 * How long requests that started on a replaced supergraph may run on: a plan has a few steps, each
 * bounded by the upstream timeout.
 */
const RELOAD_DRAIN_MS = 4 * UPSTREAM_TIMEOUT_MS;

export interface GatewayOptions {
  /** Where the supergraph is read, and how often a new one is looked for. */
  supergraph: SupergraphSource;
  /** Told what became of each supergraph found (tests wait on it); each is logged as well. */
  onSupergraph?: (event: SupergraphEvent) => void;
  /** Where each subgraph runs; overrides the URLs written into the supergraph. */
  subgraphUrls: Record<string, string>;
  port: number;
  host?: string;
  /** How employees' bearer tokens are verified. */
  auth: UserTokenPolicy;
  /** The key of the proofs to each subgraph, one per subgraph. */
  proofKeys: Record<string, ProofKey>;
  /** How long a subgraph request may take before its part is given up (default 30 s). */
  upstreamTimeoutMs?: number;
  /** The web client served at `/` and its sign-in (default: served, no sign-in offered). */
  web?: WebClientOptions;
  /** Per subgraph reached over (mutual) TLS: the CA it is trusted by, the gateway's certificate for it. */
  partnerTls?: Partial<Record<string, ClientTls>>;
  /** How long `close()` waits for requests in flight (default `SHUTDOWN_DEADLINE_MS`, 25 s). */
  shutdownDeadlineMs?: number;
  /** Requests per caller and organisation (default: the default limits, counted in memory). */
  rateLimits?: RateLimitConfig;
  /**
   * The registered (trusted) documents by id, and whether other documents run: false in production
   * (`ALLOW_ARBITRARY_DOCUMENTS`). Default: the registry's documents, others allowed.
   */
  documents?: TrustedDocumentsOptions;
  /** Folder of the field usage file (default: none recorded). */
  fieldUsageDir?: string | null;
  /** Serve `/metrics` on this port of its own (`METRICS_PORT`); default on `port`. */
  metricsPort?: number | null;
}

export interface TrustedDocumentsOptions {
  trusted: Map<string, TrustedDocument>;
  allowArbitrary: boolean;
}

/** The registry's trusted documents (registry/clients). */
export async function registeredDocuments(allowArbitrary: boolean): Promise<TrustedDocumentsOptions> {
  return { trusted: trustedDocumentsById(await readClientManifests()), allowArbitrary };
}

/**
 * GraphQL is answered over POST only: a GET would carry the document and its variables (BSNs) in the
 * URL, which access logs and proxies keep.
 */
function usePostOnly(): GatewayPlugin<HubContext> {
  return {
    onRequest(payload) {
      if (payload.url.pathname === GRAPHQL_PATH && payload.request.method !== 'POST') {
        const response = jsonResponse(
          payload.fetchAPI,
          405,
          'GraphQL is answered over POST only.',
          'BAD_REQUEST',
        );
        response.headers.set('allow', 'POST');
        payload.endResponse(response);
      }
    },
  };
}

/** The engine's own log lines go through the project's structured (and BSN-masking) logger. */
function engineLogger(): Logger {
  return new Logger({ level: 'warn', writers: [new PinoLogWriter(logger.child({ service: 'gateway' }))] });
}

/** Tells the loader when the engine serves the supergraph it last handed over. */
function useSupergraphInService(loader: SupergraphLoader): GatewayPlugin<HubContext> {
  return {
    onSchemaChange() {
      loader.served();
    },
  };
}

/**
 * The federation gateway on Hive Gateway's runtime with its Rust query planner: it verifies the caller,
 * checks the document, plans the query over the subgraphs and calls each of them over HTTP with the
 * gateway's proof of that one request. The engine polls the supergraph source; a new supergraph serves
 * new requests while those in flight finish on the one they started with.
 */
export function createGateway(
  options: GatewayOptions,
  documents: TrustedDocumentsOptions,
  fieldUsage: FieldUsageRecorder | null,
  loader = new SupergraphLoader(options.supergraph, options.subgraphUrls, options.onSupergraph),
  client = new SubgraphClient(options.partnerTls),
  metrics = gatewayMetrics(options, documents),
  streams = new GatewayStreams(),
): GatewayRuntime<HubContext> {
  /** The registered client of each request that sent a registered document's id. */
  const clients = new WeakMap<Request, string>();
  /** The proof of one subgraph request: for that subgraph and body, signed with that subgraph's key. */
  const proofFor = ({ subgraph, context, body, transactionId }: SubgraphRequest): Record<string, string> => {
    const key = options.proofKeys[subgraph];
    if (!key) throw new Error(`No proof key for subgraph ${subgraph}`);
    const { caller, purpose, traceId, spanId, tokenExpiresAt } = verifiedRequest(context);
    const statement = { caller, purpose, traceId, requestId: spanId, transactionId, tokenExpiresAt };
    return { [PROOF_HEADER]: signProof(key, subgraph, statement, body) };
  };
  const rateLimiter = metrics.countRefusals(
    callerRateLimiter(options.rateLimits ?? { ...DEFAULT_RATE_LIMITS, redisUrl: null, residentKey: null }),
  );
  return createGatewayRuntime<HubContext>({
    supergraph: () => loader.load(),
    pollingInterval: options.supergraph.pollIntervalMs || undefined,
    gracefulSchemaReload: { drainTimeout: RELOAD_DRAIN_MS },
    unifiedGraphHandler,
    // Every subgraph request is one caller's, with its own proof: the engine's HTTP executor would merge
    // identical requests in flight (same URL and body), handing one caller's answer to another, unlogged.
    // A subscription goes upstream as POST with Accept text/event-stream (the executor's default would be
    // a GET, with the document in the URL and no body for the proof to bind).
    transportEntries: { '*.http': { options: { deduplicateInflightRequests: false, method: 'POST' } } },
    logging: engineLogger(),
    graphqlEndpoint: GRAPHQL_PATH,
    healthCheckEndpoint: '/healthz',
    readinessCheckEndpoint: '/readyz',
    landingPage: false,
    graphiql: false,
    batching: false,
    requestId: false,
    subgraphErrors: false,
    maskedErrors: { maskError: maskGatewayError },
    // A browser form or a simple request cannot reach the API without a preflight.
    csrfPrevention: { requestHeaders: ['x-graphql-csrf', 'apollo-require-preflight'] },
    // Registered clients send `documentId` (sha256 of the document, `npm run registry`); the engine's
    // persisted documents support looks it up, and refuses query texts unless they are allowed.
    persistedDocuments: {
      getPersistedOperation(id: string, request: Request) {
        const document = documents.trusted.get(id);
        if (!document) return null;
        clients.set(request, document.client);
        return document.operation.body;
      },
      allowArbitraryDocuments: documents.allowArbitrary,
      customErrors: {
        notFound: {
          message:
            'This document id is not registered at the hub: a client sends only documents of the registry (npm run registry).',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
        },
        persistedQueryOnly: {
          message:
            'This hub runs registered documents only: send the documentId of a registered document instead of a query text.',
          extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 400 } },
        },
        keyNotFound: {
          message: 'The request has neither a query nor a documentId.',
          extensions: { code: 'BAD_REQUEST', http: { status: 400 } },
        },
      },
    },
    plugins: () => [
      // First, so that every other plugin's work falls within the request's span.
      ...useTracing<HubContext>(GRAPHQL_PATH),
      ...metrics.plugins(),
      useSupergraphInService(loader),
      useWebClient(options.web ?? { signIn: null }),
      usePostOnly(),
      useRequestLog(),
      useVerifiedCaller(options.auth, GRAPHQL_PATH),
      useRateLimits(rateLimiter, GRAPHQL_PATH),
      ...queryLimits(),
      useValidationStatus(),
      useScalarInputChecks(),
      // A subgraph that hangs costs its part of the answer, not the whole request.
      useSubgraphRequests(client, proofFor, options.upstreamTimeoutMs ?? UPSTREAM_TIMEOUT_MS),
      // A subscription ends with its caller's token, and when the gateway closes.
      streams.plugin(),
      ...(fieldUsage ? [useFieldUsage(fieldUsage, (request) => clients.get(request) ?? AD_HOC_CLIENT)] : []),
    ],
  });
}

/** The gateway's metrics, labelled by the registered operations' names and the subgraphs'. */
function gatewayMetrics(options: GatewayOptions, documents: TrustedDocumentsOptions): GatewayMetrics {
  return new GatewayMetrics({
    operations: [...documents.trusted.values()].flatMap(({ operation }) => operation.name ?? []),
    subgraphs: Object.keys(options.subgraphUrls),
    servedOnPort: options.metricsPort == null,
    log: engineLogger(),
  });
}

/**
 * Starts the gateway on its port, once its supergraph is loaded: a gateway that cannot load its first
 * supergraph does not start.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const documents = options.documents ?? (await registeredDocuments(true));
  const fieldUsage = options.fieldUsageDir ? new FieldUsageRecorder(options.fieldUsageDir) : null;
  fieldUsage?.start();
  const loader = new SupergraphLoader(options.supergraph, options.subgraphUrls, options.onSupergraph);
  const client = new SubgraphClient(options.partnerTls);
  const metrics = gatewayMetrics(options, documents);
  const streams = new GatewayStreams();
  const runtime = createGateway(options, documents, fieldUsage, loader, client, metrics, streams);
  try {
    await runtime.getSchema();
    loader.served();
  } catch (error) {
    await runtime.dispose();
    await fieldUsage?.close();
    await client.close();
    throw error;
  }
  // The engine looks for a new supergraph when asked for its schema; without traffic it is asked here.
  const interval = options.supergraph.pollIntervalMs;
  const poll = interval
    ? setInterval(() => {
        Promise.resolve(runtime.getSchema()).catch(() => undefined);
      }, interval).unref()
    : undefined;
  const http = await listen(runtime, {
    port: options.port,
    host: options.host,
    shutdownDeadlineMs: options.shutdownDeadlineMs,
  });
  const metricsListener =
    options.metricsPort != null
      ? await serveMetrics(metrics.registry, { port: options.metricsPort, host: options.host })
      : null;
  let closing: Promise<void> | undefined;
  return {
    ...http,
    metricsPort: metricsListener?.port ?? http.port,
    close: () =>
      (closing ??= (async () => {
        clearInterval(poll);
        // Streams never finish on their own: they end first, so the drain waits for requests only.
        streams.closeAll();
        await http.close();
        await metricsListener?.close();
        await runtime.dispose();
        await client.close();
        await fieldUsage?.close();
      })()),
  };
}
