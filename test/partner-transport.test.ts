import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FSC_TRANSACTION_HEADER, isTransactionId, newTransactionId } from '../platform/fsc';
import { captureLogs } from '../platform/logger';
import { createTestCa, type Certificate, type TestCa } from './support/certificates';
import { startTestHub, type TestHub } from './support/hub';
import { startHttpRecorder, type HttpRecorder } from './support/proxies';

const CIJFERS = /* GraphQL */ `
  query Cijfers {
    gemeente(code: "GM0164") {
      swb(periode: { jaar: 2024 }) {
        trajectenGestart {
          waarde
        }
      }
      werkplein(periode: { jaar: 2024 }) {
        plaatsingenGestart {
          waarde
        }
      }
    }
  }
`;
const AS_ANALIST = { as: 'analist', purpose: 'beleidsinformatie' } as const;

/** A POST over HTTPS with the given trust and client certificate: its status, or the TLS error. */
function post(url: string, tls: { ca: Buffer; cert?: Buffer; key?: Buffer }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', ...tls, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ query: '{ __typename }' }));
  });
}

/** The claims of a JWT, unverified: what a partner reads in the gateway's proof. */
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('Transport to a partner at its own premises: mutual TLS and an FSC transaction id per request', () => {
  let folder: string;
  let ca: TestCa;
  let otherCa: TestCa;
  let serverCertificate: Certificate;
  let gatewayCertificate: Certificate;
  let hub: TestHub;
  let werkplein: HttpRecorder;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pki-'));
    ca = await createTestCa(folder, 'swb-ca');
    otherCa = await createTestCa(folder, 'other-ca');
    const server = (serverCertificate = await ca.issue('swb-server', 'server'));
    gatewayCertificate = await ca.issue('gateway-for-swb', 'client');
    werkplein = await startHttpRecorder();
    // swb requires mutual TLS; werkplein is reached through a hop that sees what goes over the wire.
    hub = await startTestHub('transport', undefined, {
      subgraphTls: { swb: { cert: server.cert, key: server.key, clientCa: ca.cert } },
      partnerTls: { swb: { ca: ca.cert, cert: gatewayCertificate.cert, key: gatewayCertificate.key } },
      routeSubgraph: (name, url) => {
        if (name !== 'werkplein') return url;
        werkplein.target = url;
        return werkplein.url;
      },
    });
  });

  afterAll(async () => {
    await hub?.close();
    await werkplein?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('reaches swb over mutual TLS, and swb answers its part', async () => {
    expect(hub.subgraphs.swb.url).toMatch(/^https:/);
    const answer = await hub.query(CIJFERS, {}, AS_ANALIST);
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.gemeente.swb.trajectenGestart).toEqual({ waarde: expect.any(Number) });
  });

  it('is refused by swb in the TLS handshake without a client certificate, or with one of another CA', async () => {
    const url = hub.subgraphs.swb.url;
    await expect(post(url, { ca: ca.cert })).rejects.toMatchObject({
      code: expect.stringMatching(/CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|ECONNRESET/),
    });
    const stranger = await otherCa.issue('stranger', 'client');
    await expect(post(url, { ca: ca.cert, cert: stranger.cert, key: stranger.key })).rejects.toMatchObject({
      code: expect.stringMatching(/UNKNOWN_CA|ECONNRESET/),
    });
    // With the right certificate the handshake succeeds, and swb still wants the gateway's proof.
    expect(await post(url, { ca: ca.cert, cert: gatewayCertificate.cert, key: gatewayCertificate.key })).toBe(
      401,
    );
  });

  it('gives every subgraph request its own UUIDv7 transaction id, logged by the gateway and the partner beside the trace id', async () => {
    const traceId = 'c0ffee'.padEnd(32, '1');
    const logs = captureLogs();
    let answer;
    try {
      answer = await hub.query(
        CIJFERS,
        {},
        { ...AS_ANALIST, headers: { traceparent: `00-${traceId}-${'2'.repeat(16)}-01` } },
      );
    } finally {
      logs.stop();
    }
    expect(answer.errors).toBeUndefined();

    const sent = logs.lines.filter((line) => line.msg === 'subgraph request' && line.traceId === traceId);
    expect(sent.map((line) => line.partner).sort()).toEqual(['swb', 'werk-inkomen', 'werkplein']);
    const ids = sent.map((line) => line.fscTransactionId);
    expect(ids.every(isTransactionId)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const line of sent) {
      // The partner logs the same transaction id with the same trace id.
      const received = logs.lines.filter(
        (other) => other.msg === 'request' && other.service === line.partner && other.traceId === traceId,
      );
      expect(received.map((other) => other.fscTransactionId)).toEqual([line.fscTransactionId]);
    }

    // On the wire: the header, and the same id in the proof the gateway signed.
    const onTheWire = werkplein.requests.at(-1);
    const header = onTheWire?.headers[FSC_TRANSACTION_HEADER];
    expect(header).toBe(sent.find((line) => line.partner === 'werkplein')?.fscTransactionId);
    expect(claimsOf(String(onTheWire?.headers['x-gateway-proof'])).fsc_tid).toBe(header);
  });

  it('is refused by a partner when the transaction id is swapped on the path, and the rest of the answer stands', async () => {
    werkplein.beforeForward = (request) => {
      request.headers[FSC_TRANSACTION_HEADER] = newTransactionId();
    };
    try {
      const answer = await hub.query(CIJFERS, {}, AS_ANALIST);
      expect(answer.data?.gemeente.swb.trajectenGestart).toEqual({ waarde: expect.any(Number) });
      expect(answer.data?.gemeente.werkplein).toBeNull();
      expect(answer.errors).toEqual([
        expect.objectContaining({
          path: ['gemeente'],
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'werkplein' }),
        }),
      ]);
    } finally {
      werkplein.beforeForward = null;
    }
  });

  it('gives no answer of a partner whose certificate it does not trust, or that wants a certificate it lacks, and the rest stands', async () => {
    const server = { cert: serverCertificate.cert, key: serverCertificate.key, clientCa: ca.cert };
    const refused = await startTestHub('transport_refused', undefined, {
      subgraphTls: { swb: server, werkcentrum: server },
      partnerTls: {
        // swb's server certificate is not of the CA this gateway trusts for swb.
        swb: { ca: otherCa.cert, cert: gatewayCertificate.cert, key: gatewayCertificate.key },
        // werkcentrum is trusted, but the gateway has no client certificate for it.
        werkcentrum: { ca: ca.cert },
      },
    });
    const logs = captureLogs();
    try {
      const answer = await refused.query(
        /* GraphQL */ `
          query Cijfers {
            gemeente(code: "GM0164") {
              swb(periode: { jaar: 2024 }) {
                trajectenGestart {
                  waarde
                }
              }
              werkcentrum(periode: { jaar: 2024 }) {
                gestart {
                  waarde
                }
              }
              werkplein(periode: { jaar: 2024 }) {
                plaatsingenGestart {
                  waarde
                }
              }
            }
          }
        `,
        {},
        AS_ANALIST,
      );
      expect(answer.data?.gemeente.werkplein.plaatsingenGestart).toEqual({ waarde: expect.any(Number) });
      expect(answer.data?.gemeente.swb).toBeNull();
      expect(answer.data?.gemeente.werkcentrum).toBeNull();
      expect(answer.errors?.map((error) => String(error.extensions?.serviceName)).sort()).toEqual([
        'swb',
        'werkcentrum',
      ]);
      expect(answer.errors?.every((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
      // The operator reads why in the gateway's log line of each of those requests.
      const outcomes = logs.lines
        .filter(
          (line) =>
            line.msg === 'subgraph request' &&
            line.partner !== 'werkplein' &&
            line.partner !== 'werk-inkomen',
        )
        .map((line) => [line.partner, typeof line.outcome, line.level]);
      expect(outcomes.sort()).toEqual([
        ['swb', 'string', 40],
        ['werkcentrum', 'string', 40],
      ]);
    } finally {
      logs.stop();
      await refused.close();
    }
  });
});
