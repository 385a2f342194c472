import {
  context,
  createContextKey,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type AttributeValue,
  type Attributes,
  type Context,
  type Span,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Client } from 'pg';
import { maskBsn, maskNumber } from './logger';

/**
 * OpenTelemetry traces: one trace per request over the gateway, each subgraph and its SQL, propagated
 * as W3C `traceparent`. Off unless configured (`OTEL_TRACES_EXPORTER=otlp` or an OTLP endpoint); while
 * off, nothing is patched or wrapped and a request pays nothing for it.
 */

/** How traces leave the process, from the standard OpenTelemetry variables. */
export type TracingConfig = { exporter: 'otlp'; serviceName: string | null } | null;

export function tracingConfig(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim().toLowerCase();
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  const serviceName = env.OTEL_SERVICE_NAME?.trim() || null;
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return null;
  if (exporter === 'none') return null;
  if (exporter && exporter !== 'otlp') {
    throw new Error(`OTEL_TRACES_EXPORTER: use otlp or none (not ${exporter}).`);
  }
  if (exporter === 'otlp' || endpoint) return { exporter: 'otlp', serviceName };
  return null;
}

/** Which service a span belongs to, when one process runs several (`npm start`, the tests). */
const SERVICE = createContextKey('ketenhub.service');

interface Tracing {
  processor: SpanProcessor;
  providers: Map<string, BasicTracerProvider>;
  /** The service of spans started outside any service's request (the process's own service). */
  defaultService: string;
  /** `service.name` of a process that runs one service, when the operator names it. */
  serviceName: string | null;
}

let tracing: Tracing | null = null;

function maskValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return maskBsn(value);
  if (typeof value === 'number') return maskNumber(value);
  if (Array.isArray(value)) {
    return value.map((item: unknown) =>
      typeof item === 'string' ? maskBsn(item) : typeof item === 'number' ? maskNumber(item) : item,
    ) as AttributeValue;
  }
  return value;
}

function maskAttributes(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).map(([key, value]) => [key, maskValue(value)]));
}

/**
 * A copy of a finished span with every 9-digit number masked, as in the logs, in its name, attributes,
 * events (an exception's message) and status: whatever a library records, no BSN leaves the process.
 */
export function maskSpan(span: ReadableSpan): ReadableSpan {
  return {
    name: maskBsn(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    startTime: span.startTime,
    endTime: span.endTime,
    status: { ...span.status, message: span.status.message && maskBsn(span.status.message) },
    attributes: maskAttributes(span.attributes),
    links: span.links.map((link) => ({
      ...link,
      attributes: link.attributes && maskAttributes(link.attributes),
    })),
    events: span.events.map((event) => ({
      ...event,
      name: maskBsn(event.name),
      attributes: event.attributes && maskAttributes(event.attributes),
    })),
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Exports through another exporter, every span masked first. */
class MaskingExporter implements SpanExporter {
  constructor(private readonly exporter: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.exporter.export(spans.map(maskSpan), done);
  }
  shutdown(): Promise<void> {
    return this.exporter.shutdown();
  }
  forceFlush(): Promise<void> {
    return this.exporter.forceFlush?.() ?? Promise.resolve();
  }
}

function providerOf(state: Tracing, service: string): BasicTracerProvider {
  let provider = state.providers.get(service);
  if (!provider) {
    const name = state.serviceName && state.providers.size === 0 ? state.serviceName : service;
    provider = new BasicTracerProvider({
      resource: detectResources({ detectors: [envDetector] }).merge(
        resourceFromAttributes({ 'service.name': name, 'service.namespace': 'ketenhub' }),
      ),
      spanProcessors: [state.processor],
    });
    state.providers.set(service, provider);
  }
  return provider;
}

/**
 * The global tracer provider: a span is recorded by the provider of the service whose request it is
 * part of (its context says which), so each service has its own `service.name` in one process too.
 */
class ServiceTracerProvider implements TracerProvider {
  constructor(private readonly state: Tracing) {}
  getTracer(name: string, version?: string): Tracer {
    const tracerOf = (ctx: Context): Tracer => {
      const service = ctx.getValue(SERVICE);
      return providerOf(
        this.state,
        typeof service === 'string' ? service : this.state.defaultService,
      ).getTracer(name, version);
    };
    return {
      startSpan: (spanName: string, options?: SpanOptions, ctx: Context = context.active()) =>
        tracerOf(ctx).startSpan(spanName, options, ctx),
      startActiveSpan: (spanName: string, ...args: unknown[]) => {
        const fn = args.pop() as (span: Span) => unknown;
        const [options, ctx = context.active()] = args as [SpanOptions | undefined, Context | undefined];
        return tracerOf(ctx).startActiveSpan(spanName, options ?? {}, ctx, fn);
      },
    };
  }
}

export interface StartTracingOptions {
  /** The service this process runs; with several (`npm start`), the gateway. */
  service: string;
  /** Where spans go instead of OTLP (tests: an in-memory exporter). */
  exporter?: SpanExporter;
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts tracing for this process when configured (or given an exporter): W3C propagation, a context
 * that follows async calls, spans of SQL statements through `pg` (statement text only, never its
 * parameters), and export in batches, each span masked. Returns whether tracing is on. Call it once,
 * before the services start.
 */
export function startTracing(options: StartTracingOptions): boolean {
  if (tracing) return true;
  const config = tracingConfig(options.env);
  if (!config && !options.exporter) return false;
  const exporter = options.exporter ?? new OTLPTraceExporter();
  const state: Tracing = {
    processor: new BatchSpanProcessor(new MaskingExporter(exporter)),
    providers: new Map(),
    defaultService: options.service,
    serviceName: config?.serviceName ?? null,
  };
  // The process's own service first: it alone takes OTEL_SERVICE_NAME.
  providerOf(state, options.service);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  const provider = new ServiceTracerProvider(state);
  trace.setGlobalTracerProvider(provider);
  instrumentPg(provider);
  tracing = state;
  return true;
}

/**
 * An SQL statement without its values. The hub binds them (`platform/sql.ts`), but a statement the ORM
 * still sends with its values in the text, or a literal written into a statement, would carry them: its
 * string and number literals become `?`, as pg_stat_statements shows a statement. Placeholders (`$1`)
 * and identifiers stay.
 */
export function withoutLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, '?').replace(/(?<![\w$])\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '?');
}

/**
 * SQL spans through `pg`'s own instrumentation, applied to the `pg` that the ORM's query builder loads
 * (it is loaded before tracing could hook `require`, and jest has its own): only statements of a
 * traced request, with their text without values (see `withoutLiterals`) and never bound parameters.
 */
function instrumentPg(provider: TracerProvider): void {
  const instrumentation = new PgInstrumentation({
    enabled: false,
    requireParentSpan: true,
    ignoreConnectSpans: true,
    enhancedDatabaseReporting: false,
    requestHook: (span, { query }) => span.setAttribute('db.query.text', withoutLiterals(query.text)),
  });
  instrumentation.setTracerProvider(provider);
  for (const definition of instrumentation.getModuleDefinitions()) {
    if (definition.name === 'pg') definition.patch?.({ Client });
  }
}

export function tracingEnabled(): boolean {
  return tracing !== null;
}

/** Sends the spans still buffered (tests read them; a stopping process hands them over). */
export async function flushTracing(): Promise<void> {
  await tracing?.processor.forceFlush();
}

/** Flushes and stops export; the last step of a stopping process. */
export async function stopTracing(): Promise<void> {
  const state = tracing;
  if (!state) return;
  tracing = null;
  await state.processor.shutdown();
  trace.disable();
  propagation.disable();
  context.disable();
}

/** Trace and span id of the span active here, when tracing is on. */
export function activeTrace(): { traceId: string; spanId: string } | null {
  if (!tracing) return null;
  const span = trace.getSpanContext(context.active());
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : null;
}

/** The W3C `traceparent` of the span active here, when tracing is on. */
export function activeTraceparent(): string | null {
  if (!tracing) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

type RouteHandler = (this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) => unknown;

/**
 * A server span around one route of a subgraph (its GraphQL route): it continues the gateway's
 * `traceparent` and is active while the request runs, so the operation and its SQL statements are its
 * children. Call it before the route is added.
 */
export function traceRoute(app: FastifyInstance, service: string, method: string, url: string): void {
  if (!tracing) return;
  app.addHook('onRoute', (route) => {
    if (route.url === url && route.method === method) route.handler = traced(service, route.handler);
  });
}

function traced(service: string, handler: RouteHandler): RouteHandler {
  return function (request, reply) {
    const parent = propagation
      .extract(ROOT_CONTEXT, request.headers as Record<string, string>)
      .setValue(SERVICE, service);
    const route = request.routeOptions.url ?? '';
    const span = trace.getTracer('ketenhub').startSpan(
      `${request.method} ${route}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method, 'http.route': route },
      },
      parent,
    );
    const end = (error?: unknown): void => {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (error !== undefined) span.recordException(error instanceof Error ? error : 'unknown error');
      if (error !== undefined || reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    return context.with(trace.setSpan(parent, span), async () => {
      try {
        const result: unknown = await handler.call(this, request, reply);
        end();
        return result;
      } catch (error) {
        end(error);
        throw error;
      }
    });
  };
}

/**
 * The GraphQL operation span of a subgraph request, a child of its server span: operation name and
 * type and the error codes, never the document or its variables (entity representations carry BSNs).
 */
export function tracingPlugins<T extends BaseContext>(): ApolloServerPlugin<T>[] {
  if (!tracing) return [];
  return [
    {
      requestDidStart: () => {
        const span = trace.getTracer('ketenhub').startSpan('graphql.operation', { kind: SpanKind.INTERNAL });
        return Promise.resolve({
          didResolveOperation: ({ operation, operationName }) => {
            if (!operation) return Promise.resolve();
            span.updateName(`graphql.${operation.operation}${operationName ? ` ${operationName}` : ''}`);
            span.setAttribute('graphql.operation.type', operation.operation);
            if (operationName) span.setAttribute('graphql.operation.name', operationName);
            return Promise.resolve();
          },
          willSendResponse: ({ errors }) => {
            if (errors?.length) {
              span.setAttribute(
                'hive.graphql.error.codes',
                errors.map(({ extensions }) =>
                  typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR',
                ),
              );
            }
            span.end();
            return Promise.resolve();
          },
        });
      },
    },
  ];
}
