import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { fastifyApolloDrainPlugin, fastifyApolloHandler } from '@as-integrations/fastify';
import type { MikroORM } from '@mikro-orm/postgresql';
import fastify, { type FastifyRequest } from 'fastify';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { PubSub } from 'type-graphql';
import type { Verwerkingsactiviteit } from './audit/activities';
import { LogWriter } from './audit/log-writer';
import type { Toegangsregels } from './auth/policy';
import type { Signaalregel } from './signalen/regel';
import { PROOF_HEADER, proofVerifier, type VerifiedStatement } from './auth/proofs';
import { isProofReplay, PROOF_ALREADY_USED, sweepProofUses } from './auth/proof-uses';
import { FSC_TRANSACTION_HEADER } from './fsc';
import { shutdownDeadlineMs, type SubgraphName } from './config';
import { createRequestContext, type RequestContext, type SubgraphKeys } from './context';
import { subgraphApolloDefaults } from './subgraph-apollo';
import { isDatabaseUnavailable } from './database-errors';
import { openDatabase, type DatabaseDefinition, type SubgraphDatabase } from './database';
import { formatError } from './errors';
import { logger, requestLogPlugin } from './logger';
import { METRICS_PATH, serveMetrics, SubgraphMetrics } from './metrics';
import { MAX_BODY_BYTES, SLOW_CLIENT_LIMITS, withinDeadline, type RunningHttpService } from './service';
import { Signaalmeldingen } from './signalen/meldingen';
import { subscriptionServer, wantsEventStream } from './subscriptions';
import { serverTlsOptions, type ServerTls } from './tls';
import { traceRoute, tracingPlugins } from './tracing';

/** What a partner folder exports (see `definePartner`): its name, database, access rules, register and schema. */
export interface SubgraphModule extends DatabaseDefinition {
  name: SubgraphName;
  regels: Toegangsregels;
  /** Its register of processing activities, as its resolvers log them. */
  register: Record<string, Verwerkingsactiviteit>;
  /** The signal rules whose signals this partner receives (see platform/signalen). */
  signaalregels?: readonly Signaalregel[];
  /** Its schema; `pubSub` tells its subscriptions of new signals (see `Signaalmeldingen`). */
  buildSchema(pubSub?: PubSub): Promise<GraphQLSchema>;
}

export interface RunningSubgraph extends RunningHttpService {
  name: SubgraphName;
  orm: MikroORM;
  /** Where `/metrics` answers: its own port, or the service's. */
  metricsPort: number;
  /** How many subscription streams it serves now. */
  readonly openStreams: number;
}

export interface StartSubgraphOptions {
  port: number;
  database: SubgraphDatabase;
  keys: SubgraphKeys;
  /** An already opened ORM (tests and `npm start` open it to seed first); closed on `close()`. */
  orm?: MikroORM;
  /** Interface to listen on; default all. */
  host?: string;
  /** Serve HTTPS with this certificate; with a client CA, mutual TLS (default plain HTTP). */
  tls?: ServerTls;
  /** How long `close()` waits for requests in flight (default `SHUTDOWN_DEADLINE_MS`, 25 s). */
  shutdownDeadlineMs?: number;
  /** Serve `/metrics` on this port of its own (`METRICS_PORT`); default on `port`. */
  metricsPort?: number | null;
}

/**
 * How often a replica sweeps expired proof ids from the partner's database. Every replica sweeps, so no
 * one need lead it: a sweep is one bounded statement, and sweeps that meet delete each row once.
 */
const PROOF_SWEEP_INTERVAL_MS = 30_000;

/**
 * Writes the request's processing log and records its proof's use before the answer leaves, with the
 * subgraph's one `LogWriter` (group commit). When it cannot be written the answer is withheld: no
 * processing goes unlogged (fail closed). A proof that another replica recorded first withholds it as
 * well, as UNAUTHENTICATED: the request was a replay.
 */
function auditPlugin(writer: LogWriter): ApolloServerPlugin<RequestContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: async ({ contextValue, response }) => {
          try {
            await contextValue.audit.flush(writer);
          } catch (error) {
            const service = contextValue.regels.subgraph;
            if (isProofReplay(error)) {
              logger.warn({ service, traceId: contextValue.traceId }, 'replayed proof refused');
              response.http.status = 401;
              response.body = {
                kind: 'single',
                singleResult: {
                  errors: [{ message: PROOF_ALREADY_USED, extensions: { code: 'UNAUTHENTICATED' } }],
                },
              };
              return;
            }
            logger.error({ service, err: error }, 'processing log not written');
            // With the database gone the log cannot be written either; the cause is what the client hears.
            const databaseGone = isDatabaseUnavailable(error);
            response.http.status = 503;
            response.body = {
              kind: 'single',
              singleResult: {
                errors: [
                  databaseGone
                    ? {
                        message: `Subgraph ${service} cannot reach its database; its part of the answer is missing.`,
                        extensions: { code: 'PARTNER_UNAVAILABLE', serviceName: service },
                      }
                    : {
                        message: 'The processing log could not be written; the answer is withheld.',
                        extensions: { code: 'PROCESSING_LOG_UNAVAILABLE' },
                      },
                ],
              },
            };
          }
        },
      }),
  };
}

/** The raw body of a request: the gateway's proof is bound to these exact bytes. */
const rawBodies = new WeakMap<FastifyRequest, string>();

/**
 * A subgraph's errors for its clients: known codes pass (see `formatError`); a database that does not
 * answer is named as such, with the partner, so the gateway can say which part is missing and why.
 */
function subgraphErrorFormatter(
  name: SubgraphName,
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    if (isDatabaseUnavailable(error)) {
      logger.warn({ service: name, err: error }, 'database unavailable');
      return {
        message: `Subgraph ${name} cannot reach its database; its part of the answer is missing.`,
        path: formatted.path,
        extensions: { code: 'PARTNER_UNAVAILABLE', serviceName: name },
      };
    }
    const masked = formatError(formatted);
    if (masked.extensions?.code === 'INTERNAL_SERVER_ERROR') {
      logger.error({ service: name, path: formatted.path, err: error }, 'unexpected error');
    }
    return masked;
  };
}

/**
 * Starts one subgraph: opens (and migrates) its own database and serves its schema over HTTP with
 * Fastify and Apollo's Fastify integration. Every request must carry the gateway's proof for this
 * subgraph and this body (`x-gateway-proof`); anything else is UNAUTHENTICATED.
 */
export async function startSubgraph(
  module: SubgraphModule,
  options: StartSubgraphOptions,
): Promise<RunningSubgraph> {
  const orm = options.orm ?? (await openDatabase(options.database, module));
  // Every replica hears of the signals stored in its partner's database, whichever replica stored them.
  // Only a partner that receives signals listens (one connection of its own). LISTEN is session state:
  // the session URL, past a pooler in transaction mode, which would not deliver the notifications.
  const meldingen = new Signaalmeldingen(
    module.signaalregels?.length
      ? { database: { connectionString: options.database.sessionUrl ?? options.database.url } }
      : {},
  );
  await meldingen.start();
  const schema = await module.buildSchema(meldingen);
  const metrics = new SubgraphMetrics(module.name, orm);
  const app = fastify({
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: 65_000,
    // A client that trickles its request holds a socket: bounded as at the gateway.
    requestTimeout: SLOW_CLIENT_LIMITS.requestTimeoutMs,
    logger: false,
    // With a client CA, a client without a certificate from it is refused in the TLS handshake.
    https: options.tls ? serverTlsOptions(options.tls) : null,
  });
  app.server.headersTimeout = SLOW_CLIENT_LIMITS.headersTimeoutMs;
  const writer = new LogWriter(orm.em, metrics.logWriteFailed);
  const formatError = subgraphErrorFormatter(module.name);
  const defaults = subgraphApolloDefaults<RequestContext>();
  const server = new ApolloServer<RequestContext>({
    ...defaults,
    schema,
    formatError,
    plugins: [
      ...defaults.plugins,
      fastifyApolloDrainPlugin(app),
      metrics.plugin(auditPlugin(writer)),
      requestLogPlugin<RequestContext>(module.name),
      ...tracingPlugins<RequestContext>(),
    ],
  });
  await server.start();
  const verifyProof = proofVerifier(module.name, options.keys.proof);

  // JSON is parsed here, and the text kept, so the proof can be checked against the bytes received.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    rawBodies.set(request, body as string);
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('Request body is not valid JSON.'), { statusCode: 400 }), undefined);
    }
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) logger.error({ service: module.name, err: error }, 'unexpected error');
    return reply.code(status).send({
      errors: [
        status === 413
          ? { message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }
          : status < 500
            ? { message: error.message, extensions: { code: 'BAD_REQUEST' } }
            : { message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
      ],
    });
  });
  traceRoute(app, module.name, 'POST', '/graphql');
  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ready = await orm.isConnected().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable' });
  });
  app.get('/.well-known/jwks.json', () => options.keys.signing.publicJwks);
  if (options.metricsPort == null) {
    app.get(METRICS_PATH, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  }
  const verify = (request: FastifyRequest): VerifiedStatement => {
    const proof = request.headers[PROOF_HEADER];
    const transactionId = request.headers[FSC_TRANSACTION_HEADER];
    try {
      return verifyProof(
        typeof proof === 'string' ? proof : undefined,
        rawBodies.get(request) ?? '',
        typeof transactionId === 'string' ? transactionId : undefined,
      );
    } catch (error) {
      // Anyone but the gateway knocking (or a replay) shows in the metrics, not only in the answer.
      metrics.proofRefused(typeof proof === 'string' ? 'refused' : 'missing');
      throw error;
    }
  };
  const apollo = fastifyApolloHandler(server, {
    // A refused proof rejects the promise, which the integration answers as UNAUTHENTICATED.
    context: (request) =>
      new Promise((resolve) => {
        const statement = verify(request);
        // The trace id is taken from the gateway's proof, never from a header alone.
        resolve(createRequestContext({ statement, em: orm.em, regels: module.regels, keys: options.keys }));
      }),
  });
  const subscriptions = subscriptionServer({
    subgraph: module.name,
    schema,
    orm,
    regels: module.regels,
    keys: options.keys,
    writer,
    formatError,
  });
  app.post<{ Reply: string }>('/graphql', async function (request, reply) {
    if (!wantsEventStream(request)) return apollo.call(this, request, reply);
    // The proof first, exactly as for any request: refused, nothing is subscribed.
    let statement: VerifiedStatement;
    try {
      statement = verify(request);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'Unauthenticated.';
      return reply
        .code(401)
        .type('application/json')
        .send(JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }));
    }
    return subscriptions.serve(request, reply, statement);
  });
  await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  const sweeping = setInterval(() => {
    sweepProofUses(orm.em).catch((error: unknown) =>
      logger.warn({ service: module.name, err: error }, 'expired proof ids not swept'),
    );
  }, PROOF_SWEEP_INTERVAL_MS);
  sweeping.unref();
  const metricsListener =
    options.metricsPort != null
      ? await serveMetrics(metrics.registry, { port: options.metricsPort, host: options.host })
      : null;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  let closing: Promise<void> | undefined;
  return {
    url: `${options.tls ? 'https' : 'http'}://localhost:${port}/graphql`,
    port,
    name: module.name,
    orm,
    metricsPort: metricsListener?.port ?? port,
    get openStreams() {
      return subscriptions.open;
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(sweeping);
        // Fastify answers 503 to new requests while it closes (so /readyz says not ready) and lets
        // those in flight finish; past the deadline they are cut. Open streams end at once: their
        // clients subscribe again at another replica.
        const appClosed = app.close();
        subscriptions.closeAll();
        await meldingen.stop();
        await withinDeadline(appClosed, options.shutdownDeadlineMs ?? shutdownDeadlineMs(), () =>
          app.server.closeAllConnections(),
        );
        await appClosed;
        await metricsListener?.close();
        await server.stop();
        await orm.close();
      })()),
  };
}
