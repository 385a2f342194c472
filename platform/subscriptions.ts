import type { ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GraphQLError } from 'graphql';
import {
  getOperationAST,
  OperationTypeNode,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import type { LogWriter } from './audit/log-writer';
import type { Toegangsregels } from './auth/policy';
import type { VerifiedStatement } from './auth/proofs';
import type { SubgraphName } from './config';
import { createRequestContext, type SubgraphKeys } from './context';
import { isProofReplay, PROOF_ALREADY_USED } from './auth/proof-uses';
import { isDatabaseUnavailable } from './database-errors';
import { logger } from './logger';
import { MAX_STREAM_MS } from './service';

/** A comment line this often keeps proxies and load balancers from closing a quiet stream. */
export const HEARTBEAT_MS = 12_000;

/** Whether a request asks for a stream (GraphQL over SSE, distinct connections mode). */
export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

export interface SubscriptionServerOptions {
  subgraph: SubgraphName;
  schema: GraphQLSchema;
  orm: MikroORM;
  regels: Toegangsregels;
  keys: SubgraphKeys;
  /** The subgraph's processing-log writer: each event's lines are written before it is sent. */
  writer: LogWriter;
  /** Formats an error for the gateway as every answer of this subgraph does. */
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Streams end at the latest this long after they start (default `MAX_STREAM_MS`). */
  maxStreamMs?: number;
}

export interface SubscriptionServer {
  /** Serves one subscription whose proof was verified: answers and streams on the raw response. */
  serve(request: FastifyRequest, reply: FastifyReply, statement: VerifiedStatement): Promise<void>;
  /** Ends every open stream with a last error event (the subgraph is closing), so close() does not wait. */
  closeAll(): void;
  /** How many streams are open. */
  readonly open: number;
}

interface GraphQLBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

function refusal(reply: FastifyReply, status: number, message: string, code: string): FastifyReply {
  return reply.code(status).send({ errors: [{ message, extensions: { code } }] });
}

/** Why a stream ended, and what (if anything) its last event says. */
type Einde = { error: GraphQLFormattedError | null };

/**
 * GraphQL subscriptions over Server-Sent Events on the subgraph's `POST /graphql` (the GraphQL over SSE
 * protocol's distinct connections mode, as the gateway's HTTP transport sends a subscription): Apollo
 * Server serves queries and mutations, graphql-js `subscribe()` the subscriptions, with the request
 * context of the gateway's verified proof. Every event's processing-log lines are written before the
 * event is sent; when they cannot be, the stream ends with that error (fail closed). A stream ends when
 * the caller's token expires, after `MAX_STREAM_MS`, when the gateway goes away, or when the subgraph
 * closes.
 */
export function subscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const streams = new Set<(einde: Einde) => void>();
  const maxStreamMs = options.maxStreamMs ?? MAX_STREAM_MS;
  const format = (error: GraphQLError): GraphQLFormattedError =>
    options.formatError(error.toJSON(), error.originalError ?? error);
  const formatResult = (result: ExecutionResult): object => ({
    ...(result.data !== undefined && { data: result.data }),
    ...(result.errors && { errors: result.errors.map(format) }),
  });

  const serve = async (
    request: FastifyRequest,
    reply: FastifyReply,
    statement: VerifiedStatement,
  ): Promise<void> => {
    const tokenExpiresAt = statement.tokenExpiresAt;
    // A stream must not outlive the caller's authority: without the token's expiry, no stream.
    if (tokenExpiresAt === undefined || tokenExpiresAt * 1000 <= Date.now()) {
      return void refusal(reply, 401, 'Subgraphs answer requests from the gateway only.', 'UNAUTHENTICATED');
    }
    const body = (request.body ?? {}) as GraphQLBody;
    if (typeof body.query !== 'string') {
      return void refusal(reply, 400, 'A subscription needs a query.', 'BAD_REQUEST');
    }
    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (error) {
      return void refusal(reply, 400, (error as Error).message, 'GRAPHQL_PARSE_FAILED');
    }
    const invalid = validate(options.schema, document);
    if (invalid[0]) return void refusal(reply, 400, invalid[0].message, 'GRAPHQL_VALIDATION_FAILED');
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    if (getOperationAST(document, operationName)?.operation !== OperationTypeNode.SUBSCRIPTION) {
      return void refusal(reply, 400, 'text/event-stream is answered for subscriptions only.', 'BAD_REQUEST');
    }
    const context = createRequestContext({
      statement,
      em: options.orm.em,
      regels: options.regels,
      keys: options.keys,
    });
    const variableValues =
      typeof body.variables === 'object' && body.variables !== null
        ? (body.variables as Record<string, unknown>)
        : undefined;
    const result = await subscribe({
      schema: options.schema,
      document,
      variableValues,
      operationName,
      contextValue: context,
    });
    // The proof's use is recorded before anything streams, so no other replica honours it again
    // (platform/auth/proof-uses.ts); a refusal at subscribe time records it too.
    try {
      await context.audit.flush(options.writer);
    } catch (error) {
      if (isProofReplay(error)) {
        logger.warn({ service: options.subgraph, traceId: context.traceId }, 'replayed proof refused');
        return void refusal(reply, 401, PROOF_ALREADY_USED, 'UNAUTHENTICATED');
      }
      logger.error({ service: options.subgraph, err: error }, 'processing log not written');
      return void (isDatabaseUnavailable(error)
        ? refusal(
            reply,
            503,
            `Subgraph ${options.subgraph} cannot reach its database; its part of the answer is missing.`,
            'PARTNER_UNAVAILABLE',
          )
        : refusal(reply, 503, 'The processing log could not be written.', 'PROCESSING_LOG_UNAVAILABLE'));
    }
    if (!(Symbol.asyncIterator in result)) {
      // Refused at subscribe time (FORBIDDEN, say): one answer, no stream.
      return void reply.code(200).send(formatResult(result));
    }

    const iterator = result[Symbol.asyncIterator]();
    reply.hijack();
    const res: ServerResponse = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-store',
      connection: 'keep-alive',
      // Proxies that buffer (nginx) pass each event at once.
      'x-accel-buffering': 'no',
    });
    res.write(':\n\n');
    let beeindig!: (einde: Einde) => void;
    const einde = new Promise<Einde>((resolve) => (beeindig = resolve));
    streams.add(beeindig);
    // A write to a connection the gateway already dropped must not throw anywhere.
    res.on('error', () => undefined);
    const open = (): boolean => !res.writableEnded && !res.destroyed;
    const heartbeat = setInterval(() => open() && res.write(':\n\n'), HEARTBEAT_MS);
    const expired = Math.min(tokenExpiresAt * 1000 - Date.now(), maxStreamMs);
    const timer = setTimeout(
      () =>
        beeindig({
          error:
            tokenExpiresAt * 1000 - Date.now() <= 0
              ? {
                  message: 'Your token expired: sign in again and subscribe again.',
                  extensions: { code: 'UNAUTHENTICATED' },
                }
              : null,
        }),
      Math.max(expired, 0),
    );
    // The gateway (or the client behind it) went away.
    res.once('close', () => beeindig({ error: null }));
    const started = Date.now();
    let events = 0;
    const send = (event: string, data: object | null): void => {
      if (open()) res.write(`event: ${event}\ndata: ${data ? JSON.stringify(data) : ''}\n\n`);
    };
    try {
      for (;;) {
        const next = iterator.next();
        // Left pending when the stream ends first; its failure then is no one's to hear.
        next.catch(() => undefined);
        const step = await Promise.race([next, einde]);
        if ('error' in step) {
          if (step.error) send('next', { errors: [step.error] });
          break;
        }
        if (step.done) break;
        try {
          await context.audit.flush(options.writer);
        } catch (error) {
          logger.error({ service: options.subgraph, err: error }, 'processing log not written; stream ends');
          send('next', {
            errors: [
              isDatabaseUnavailable(error)
                ? {
                    message: `Subgraph ${options.subgraph} cannot reach its database; its part of the answer is missing.`,
                    extensions: { code: 'PARTNER_UNAVAILABLE', serviceName: options.subgraph },
                  }
                : {
                    message: 'The processing log could not be written; the event is withheld.',
                    extensions: { code: 'PROCESSING_LOG_UNAVAILABLE' },
                  },
            ],
          });
          break;
        }
        send('next', formatResult(step.value));
        events += 1;
      }
    } catch (error) {
      // A database gone is named with the partner; anything else is masked (and logged) as always.
      send('next', { errors: [options.formatError({ message: 'Internal server error.' }, error)] });
    } finally {
      streams.delete(beeindig);
      clearInterval(heartbeat);
      clearTimeout(timer);
      await iterator.return?.().catch(() => undefined);
      send('complete', null);
      res.end();
      // One line per stream, as the request log has one per request: never a body.
      logger.info(
        { service: options.subgraph, traceId: context.traceId, events, ms: Date.now() - started },
        'subscription ended',
      );
    }
  };

  return {
    serve,
    closeAll: () => {
      for (const beeindig of streams) {
        beeindig({
          error: {
            message: `Subgraph ${options.subgraph} is closing: subscribe again.`,
            extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: options.subgraph },
          },
        });
      }
    },
    get open() {
      return streams.size;
    },
  };
}
