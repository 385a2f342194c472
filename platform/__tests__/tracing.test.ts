import { SpanKind, SpanStatusCode, TraceFlags } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { maskSpan, tracingConfig, withoutLiterals } from '../tracing';

describe('tracingConfig: traces leave the process only when the operator says where', () => {
  it('is off without OpenTelemetry variables', () => {
    expect(tracingConfig({})).toBeNull();
    expect(tracingConfig({ OTEL_SERVICE_NAME: 'ketenhub-gateway' })).toBeNull();
  });

  it('exports over OTLP with an endpoint, or when OTLP is named', () => {
    expect(tracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toEqual({
      exporter: 'otlp',
      serviceName: null,
    });
    expect(
      tracingConfig({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
        OTEL_SERVICE_NAME: 'swb-subgraph',
      }),
    ).toEqual({ exporter: 'otlp', serviceName: 'swb-subgraph' });
    expect(tracingConfig({ OTEL_TRACES_EXPORTER: 'otlp' })?.exporter).toBe('otlp');
  });

  it('stays off when switched off, endpoint or not', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(tracingConfig({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeNull();
    expect(tracingConfig({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBeNull();
  });

  it('refuses an exporter it does not have, rather than tracing nowhere', () => {
    expect(() => tracingConfig({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(
      'OTEL_TRACES_EXPORTER: use otlp or none (not jaeger).',
    );
  });
});

describe('withoutLiterals: an SQL statement as a span may show it', () => {
  it('replaces the values the ORM wrote into a statement, and keeps its shape', () => {
    expect(
      withoutLiterals(
        `select "bsn", "t0"."naam" from "inwoner" as "t0" where "bsn" in ('910000123', 'it''s') and "gemeente" in ('GM0164') limit 10`,
      ),
    ).toBe(
      `select "bsn", "t0"."naam" from "inwoner" as "t0" where "bsn" in (?, ?) and "gemeente" in (?) limit ?`,
    );
    expect(withoutLiterals(`insert into x (a, b, c) values (910000123, 1.5e3, E'\\x00')`)).toBe(
      `insert into x (a, b, c) values (?, ?, E?)`,
    );
  });

  it('keeps placeholders of bound parameters', () => {
    expect(withoutLiterals('select * from verwerking where trace_id = $1 and span_id = $12')).toBe(
      'select * from verwerking where trace_id = $1 and span_id = $12',
    );
  });
});

describe('maskSpan: no BSN leaves the process in a span', () => {
  const bsn = '910000123';
  const span: ReadableSpan = {
    name: `lookup ${bsn}`,
    kind: SpanKind.CLIENT,
    spanContext: () => ({ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: TraceFlags.SAMPLED }),
    startTime: [1, 0],
    endTime: [2, 0],
    status: { code: SpanStatusCode.ERROR, message: `Inwoner ${bsn} not found` },
    attributes: {
      'graphql.document': `{ inwoner(bsn: "${bsn}") { naam } }`,
      'bsn.number': Number(bsn),
      list: [bsn, 'ok'],
      numbers: [Number(bsn), 7],
      'http.response.status_code': 200,
    },
    links: [],
    events: [{ name: 'exception', time: [1, 5], attributes: { 'exception.message': `no ${bsn}` } }],
    duration: [1, 0],
    ended: true,
    resource: resourceFromAttributes({ 'service.name': 'gateway' }),
    instrumentationScope: { name: 'test' },
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };

  it('masks every 9-digit number in the name, attributes, events and status, and keeps the rest', () => {
    const masked = maskSpan(span);
    expect(JSON.stringify([masked.name, masked.attributes, masked.events, masked.status])).not.toContain(bsn);
    expect(masked.attributes).toEqual({
      'graphql.document': '{ inwoner(bsn: "[bsn]") { naam } }',
      'bsn.number': '[bsn]',
      list: ['[bsn]', 'ok'],
      numbers: ['[bsn]', 7],
      'http.response.status_code': 200,
    });
    expect(masked.spanContext()).toEqual(span.spanContext());
    expect(masked.resource).toBe(span.resource);
    expect(masked.status).toEqual({ code: SpanStatusCode.ERROR, message: 'Inwoner [bsn] not found' });
  });
});
