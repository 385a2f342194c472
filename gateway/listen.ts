import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { shutdownDeadlineMs } from '../platform/config';
import {
  MAX_BODY_BYTES,
  SLOW_CLIENT_LIMITS,
  withinDeadline,
  type RunningHttpService,
  type SlowClientLimits,
} from '../platform/service';

/** A refused body is read on (and dropped) up to this much, so the client can read its 413. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

type NodeHandler = (req: IncomingMessage, res: ServerResponse) => unknown;

/** What a fetch-style server (the gateway engine) offers to serve Node's requests. */
export interface FetchServer {
  requestListener: NodeHandler;
  fetch(request: Request): Promise<Response> | Response;
}

/**
 * Answers 413 for a body over the cap. The connection is closed afterwards, but the body is read on
 * (and dropped) for a while first: a client still sending would otherwise see a reset, not the 413.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.on('error', () => undefined);
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(
    JSON.stringify({
      errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }],
    }),
  );
}

/** A chunked body, read whole within the cap, is handed to the server as a fetch request. */
async function respondBuffered(
  server: FetchServer,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && name !== 'transfer-encoding') {
      headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  try {
    const response = await server.fetch(
      new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`), {
        method: req.method,
        headers,
        body: new Uint8Array(body),
      }),
    );
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch {
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      }),
    );
  }
}

/**
 * Serves a fetch-style server over node:http with the body cap in front: a declared length over the
 * cap is refused at once; a chunked body is counted as it arrives.
 */
export async function listen(
  server: FetchServer,
  options: { port: number; host?: string; shutdownDeadlineMs?: number; slowClients?: SlowClientLimits },
): Promise<RunningHttpService> {
  let draining = false;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  const { headersTimeoutMs, requestTimeoutMs } = options.slowClients ?? SLOW_CLIENT_LIMITS;
  const limits = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    // Node looks for requests past their time at this interval (30 s by default).
    connectionsCheckingInterval: Math.min(1000, headersTimeoutMs / 4),
  };
  const http = createServer(limits, (req, res) => {
    inFlight++;
    res.once('close', () => {
      if (--inFlight === 0) drained?.();
    });
    if (draining) {
      // A kept-alive connection may still bring a request: it is answered, and the connection closed.
      res.setHeader('connection', 'close');
      if (req.url === '/readyz') {
        res.writeHead(503, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ status: 'draining' }));
        return;
      }
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > MAX_BODY_BYTES) return refuseTooLarge(req, res);
    // Node's parser never delivers more than a declared length, so only chunked bodies need counting.
    if (!Number.isNaN(declared) || req.method === 'GET' || req.method === 'HEAD') {
      return server.requestListener(req, res);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.removeAllListeners('end');
        refuseTooLarge(req, res);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      void respondBuffered(server, req, res, Buffer.concat(chunks));
    });
  });
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    close: async () => {
      draining = true;
      const closed = new Promise<void>((resolve, reject) =>
        http.close((error) => (error ? reject(error) : resolve())),
      );
      http.closeIdleConnections();
      const finished =
        inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));
      await withinDeadline(finished, options.shutdownDeadlineMs ?? shutdownDeadlineMs(), () => undefined);
      http.closeAllConnections();
      await closed;
    },
  };
}
