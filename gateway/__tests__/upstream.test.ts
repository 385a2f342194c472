import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphClient } from '../upstream';

interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A subgraph stand-in: records what arrives, answers by path. */
class Upstream {
  readonly received: Received[] = [];
  /** Ends the event stream of `/stream` when called. */
  endStream: () => void = () => undefined;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => this.answer(req, res));
  }

  listen(): Promise<string> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(this.server.address() as AddressInfo).port}`),
      ),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      this.received.push({ method: req.method, headers: req.headers, body });
      if (req.url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('event: next\ndata: {"data":{"n":1}}\n\n');
        this.endStream = () => res.end('event: complete\ndata:\n\n');
      } else if (req.url === '/refused') {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end('{"errors":[{"message":"down","extensions":{"code":"PARTNER_UNAVAILABLE"}}]}');
      } else {
        res.setHeader('content-type', 'application/json');
        res.setHeader('x-partner', ['one', 'two']);
        res.end(JSON.stringify({ data: { echo: body } }));
      }
    });
  }
}

const init = (body: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-gateway-proof': 'proof-of-this-request' },
  body,
  signal: new AbortController().signal,
});

describe('Subgraph client: the gateway’s HTTP client to the subgraphs', () => {
  let upstream: Upstream;
  let url: string;
  let client: SubgraphClient;

  beforeEach(async () => {
    upstream = new Upstream();
    url = await upstream.listen();
    client = new SubgraphClient();
  });

  afterEach(async () => {
    await client.close();
    await upstream.close();
  });

  it('sends the method, headers and body it is given, and hands on the status, body and every header', async () => {
    const response = await client.fetch('swb', `${url}/graphql`, init('{"query":"{ a }"}'));
    expect(upstream.received).toEqual([
      {
        method: 'POST',
        headers: expect.objectContaining({ 'x-gateway-proof': 'proof-of-this-request' }),
        body: '{"query":"{ a }"}',
      },
    ]);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-partner')).toBe('one, two');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{ a }"}' } });
  });

  it('hands on a failed response with its body, for the partner’s error code', async () => {
    const response = await client.fetch('swb', `${url}/refused`, init('{}'));
    expect(response.ok).toBe(false);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: 'PARTNER_UNAVAILABLE' } }],
    });
  });

  it('hands on an event stream as it comes, before the subgraph ends it', async () => {
    const response = await client.fetch('swb', `${url}/stream`, init('{}'));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe('event: next\ndata: {"data":{"n":1}}\n\n');
    upstream.endStream();
    let rest = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      rest += decoder.decode(chunk.value);
    }
    expect(rest).toBe('event: complete\ndata:\n\n');
  });

  it('rejects a request to a subgraph that does not listen, with the transport’s code', async () => {
    const address = url;
    await upstream.close();
    await expect(client.fetch('swb', `${address}/graphql`, init('{}'))).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    upstream = new Upstream();
  });
});
