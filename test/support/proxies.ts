import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { SubgraphName } from '../../platform/config';
import { startTcpProxy, type TcpProxy } from '../../bench/tcp-proxy';

// The soak cuts the database through the same hop: it lives with the bench, which is built into dist/.
export { startTcpProxy, type TcpProxy };

/** A request that passed a recorder: the headers and the exact body as they came in. */
export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface HttpRecorder {
  url: string;
  /** Where requests go on to; set once the target listens. */
  target: string | null;
  requests: RecordedRequest[];
  /** Holds requests (recorded, not passed on) until the returned release is called. */
  hold(): () => void;
  /** Settles when the next request comes in. */
  nextRequest(): Promise<void>;
  /** Called before a request goes on: a test changes its headers there, as a party on the path could. */
  beforeForward: ((request: RecordedRequest) => void) | null;
  /** Cuts every open connection (as a subgraph that dies would), and goes on taking new ones. */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * An HTTP hop that records every request (as someone on the path between gateway and subgraph sees it)
 * and passes it on unchanged to `target`.
 */
export async function startHttpRecorder(): Promise<HttpRecorder> {
  let held: Promise<void> = Promise.resolve();
  const waiting: (() => void)[] = [];
  const recorder: HttpRecorder = {
    url: '',
    target: null,
    requests: [],
    hold() {
      let release = (): void => undefined;
      held = new Promise((resolve) => (release = resolve));
      return () => release();
    },
    nextRequest: () => new Promise((resolve) => waiting.push(resolve)),
    beforeForward: null,
    dropConnections: () => undefined,
    close: () => Promise.resolve(),
  };
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void forward());
    const forward = async (): Promise<void> => {
      const body = Buffer.concat(chunks).toString('utf8');
      const recorded = { headers: { ...req.headers }, body };
      recorder.requests.push(recorded);
      waiting.splice(0).forEach((resolve) => resolve());
      await held;
      recorder.beforeForward?.(recorded);
      const headers = Object.fromEntries(
        Object.entries(recorded.headers).filter(
          (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== 'host',
        ),
      );
      // The caller going away ends the request on: a stream behind the hop ends with it.
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      fetch(recorder.target ?? '', {
        method: req.method,
        headers,
        body: req.method === 'POST' ? body : undefined,
        signal: gone.signal,
      })
        .then(async (response) => {
          res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? '' });
          // Passed on as it comes, so a stream (a subscription) stays one.
          const reader = response.body?.getReader();
          for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
            res.write(chunk.value);
          }
          res.end();
        })
        .catch(() => (res.headersSent ? res.end() : res.writeHead(502).end()));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  recorder.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  recorder.dropConnections = () => server.closeAllConnections();
  recorder.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return recorder;
}

export interface SilentServer {
  url: string;
  close(): Promise<void>;
}

/** An HTTP server that takes every request and never answers: a subgraph that hangs. */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const server = createHttpServer(() => undefined);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A hop in front of the test database server, which a test can cut: see `databaseThrough`. */
export function startDatabaseProxy(): Promise<TcpProxy> {
  const server = new URL(process.env.TEST_DATABASE_URL ?? '');
  return startTcpProxy(server.hostname, Number(server.port || 5432));
}

/** `routeDatabase` of a test hub: `subgraph` reaches its database through `proxy`, the others directly. */
export function databaseThrough(
  proxy: TcpProxy,
  subgraph: SubgraphName,
): (name: SubgraphName, url: string) => string | undefined {
  return (name, url) => {
    if (name !== subgraph) return undefined;
    const viaProxy = new URL(url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    return viaProxy.toString();
  };
}
