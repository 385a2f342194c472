import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { SUBGRAPH_NAMES } from '../platform/config';
import { captureLogs } from '../platform/logger';
import { flushTracing, startTracing, stopTracing } from '../platform/tracing';
import { fixtureBsns, insertResidents } from './support/fixtures';
import { startTestHub, type TestHub } from './support/hub';

/** One resident's record at every partner: the gateway calls all five subgraphs. */
const INWONER = /* GraphQL */ `
  query Inwoner($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      naam
      uitkeringen {
        regeling
      }
      trajecten {
        soort
      }
      plaatsingen {
        soort
      }
      schuldhulpstatus {
        fase
      }
      ontwikkeltrajecten {
        soort
      }
    }
  }
`;

const serviceOf = (span: ReadableSpan): unknown => span.resource.attributes['service.name'];
const parentOf = (span: ReadableSpan): string | undefined => span.parentSpanContext?.spanId;

/** Every string an exporter would send of these spans: names, attributes, events, status. */
function exportedText(spans: ReadableSpan[]): string {
  return JSON.stringify(
    spans.map((span) => [span.name, span.attributes, span.events, span.status, span.resource.attributes]),
  );
}

describe('Traces: one request is one trace over the gateway, every subgraph and its SQL', () => {
  const exporter = new InMemorySpanExporter();
  let hub: TestHub;
  const [bsn] = fixtureBsns(1, 1700) as [string];

  beforeAll(async () => {
    // As OTEL_EXPORTER_OTLP_ENDPOINT would, with an exporter the test reads instead of a collector.
    expect(startTracing({ service: 'gateway', exporter, env: {} })).toBe(true);
    hub = await startTestHub('tracing', (orms) => insertResidents(orms, 'GM0164', [bsn]));
  });
  afterAll(async () => {
    await hub?.close();
    await stopTracing();
  });

  /** The spans of one request, sent under a trace of the caller's (W3C `traceparent`). */
  async function traced(document: string, variables?: Record<string, unknown>) {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    await flushTracing();
    exporter.reset();
    const logs = captureLogs('info');
    let response;
    try {
      response = await hub.query(document, variables, {
        headers: { traceparent: `00-${traceId}-${callerSpanId}-01` },
      });
    } finally {
      logs.stop();
    }
    await flushTracing();
    return { traceId, callerSpanId, response, spans: exporter.getFinishedSpans(), logs: logs.lines };
  }

  it('connects the gateway, each partner and its SQL statements in one tree of the caller’s trace', async () => {
    const { traceId, callerSpanId, response, spans, logs } = await traced(INWONER, { bsn });
    expect(response.errors).toBeUndefined();
    expect(response.data?.inwoner.schuldhulpstatus.fase).toBe('STABILISATIE');

    // One trace, the caller's, and one tree: every span's parent is in it, but for the root, whose
    // parent is the caller's span.
    expect(new Set(spans.map((span) => span.spanContext().traceId))).toEqual(new Set([traceId]));
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const roots = spans.filter((span) => !byId.has(parentOf(span) ?? ''));
    expect(roots).toHaveLength(1);
    const [root] = roots as [ReadableSpan];
    expect(parentOf(root)).toBe(callerSpanId);
    expect(root).toMatchObject({ name: 'POST /graphql', kind: SpanKind.SERVER });
    expect(serviceOf(root)).toBe('gateway');

    const ancestors = (span: ReadableSpan): ReadableSpan[] => {
      const chain: ReadableSpan[] = [];
      for (let at = byId.get(parentOf(span) ?? ''); at; at = byId.get(parentOf(at) ?? '')) chain.push(at);
      return chain;
    };
    // Each partner answers in a server span whose parent is the gateway's fetch of it.
    const servers = spans.filter((span) => span.kind === SpanKind.SERVER && serviceOf(span) !== 'gateway');
    expect(new Set(servers.map(serviceOf))).toEqual(new Set(SUBGRAPH_NAMES));
    for (const server of servers) {
      const fetch = byId.get(parentOf(server) ?? '');
      expect(fetch).toMatchObject({ name: 'http.fetch', kind: SpanKind.CLIENT });
      expect(serviceOf(fetch as ReadableSpan)).toBe('gateway');
      const execution = ancestors(server).find((span) => span.name.startsWith('subgraph.execute'));
      expect(execution?.name).toBe(`subgraph.execute (${String(serviceOf(server))})`);
      expect(ancestors(server).at(-1)).toBe(root);
      // The subgraph's GraphQL operation is a child of its server span.
      expect(
        spans.some((span) => parentOf(span) === server.spanContext().spanId && span.name === 'graphql.query'),
      ).toBe(true);
    }

    // Every partner's SQL statements sit under its own server span: its reads and its processing log.
    const statements = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    for (const server of servers) {
      const own = statements.filter((span) => ancestors(span).includes(server));
      expect(own.length).toBeGreaterThan(0);
      for (const span of own) expect(serviceOf(span)).toBe(serviceOf(server));
    }
    expect(statements.every((span) => servers.some((server) => ancestors(span).includes(server)))).toBe(true);
    expect(
      statements.some((span) => /insert into verwerking \(/.test(String(span.attributes['db.query.text']))),
    ).toBe(true);

    // Logs, processing log and trace name the same request: the gateway's log line carries the trace
    // id, and each partner's processing log line the span id of its server span.
    expect(logs.find((line) => line.msg === 'request' && line.service === 'gateway')?.traceId).toBe(traceId);
    for (const server of servers) {
      const rows = await hub.asOwner(
        serviceOf(server) as (typeof SUBGRAPH_NAMES)[number],
        'select distinct span_id, parent_span_id from verwerking where trace_id = $1',
        [traceId],
      );
      expect(rows).toEqual([
        { span_id: server.spanContext().spanId, parent_span_id: root.spanContext().spanId },
      ]);
    }
  });

  it('records no BSN: not in the document, its variables, a span name nor an SQL statement', async () => {
    // The BSN once as a variable, once written in the document itself.
    const asVariable = await traced(INWONER, { bsn });
    const inDocument = await traced(
      INWONER.replace('query Inwoner($bsn: BSN!)', 'query').replace('$bsn', `"${bsn}"`),
    );
    for (const { response, spans } of [asVariable, inDocument]) {
      expect(response.errors).toBeUndefined();
      expect(spans.length).toBeGreaterThan(10);
      expect(exportedText(spans)).not.toContain(bsn);
    }
    // The document is there, with the BSN masked as in the logs.
    const documents = inDocument.spans.map((span) => span.attributes['graphql.document']).filter(Boolean);
    expect(documents.some((text) => String(text).includes('inwoner(bsn: "[bsn]")'))).toBe(true);
    // SQL statements carry their text without values: the values are bound parameters, and whatever
    // literal a text holds is masked too (no BSN, gemeente or employee id of the processing log).
    const statements = [...asVariable.spans, ...inDocument.spans].flatMap((span) => {
      const text = span.attributes['db.query.text'];
      return typeof text === 'string' ? [text] : [];
    });
    expect(statements.length).toBeGreaterThan(10);
    expect(statements.filter((text) => /\[bsn\]|GM0164|km-hengelo|'/.test(text))).toEqual([]);
    expect(statements).toContainEqual(
      expect.stringMatching(
        /from "inwoner" where "bsn" = \$1::bpchar and "gemeente" = any\(\$2::bpchar\[\]\)/,
      ),
    );
  });
});
