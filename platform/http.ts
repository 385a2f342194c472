import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Largest request body accepted; GraphQL documents of real clients are far smaller. */
export const MAX_BODY_BYTES = 1_000_000;

export interface RunningHttpService {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions<TContext extends BaseContext> {
  port: number;
  host?: string;
  /** Builds the request context; an error thrown here becomes the response (e.g. UNAUTHENTICATED). */
  context: (headers: HeaderMap) => Promise<TContext>;
  /** Readiness check for `/readyz`, e.g. a database ping. */
  ready?: () => Promise<boolean>;
  /** Public keys of this service, served at `/.well-known/jwks.json`. */
  jwks?: () => object;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function graphQLError(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/**
 * Serves an Apollo Server over plain node:http at `/graphql`, with `/healthz` (the process runs) and
 * `/readyz` (its dependencies answer) beside it. Bodies are capped; a bad body is a 400, never a crash.
 */
export async function serveGraphQL<TContext extends BaseContext>(
  server: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<RunningHttpService> {
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      const ok = options.ready ? await options.ready().catch(() => false) : true;
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'unavailable' });
    }
    if (path === '/.well-known/jwks.json' && options.jwks) return sendJson(res, 200, options.jwks());
    if (path !== '/graphql') return sendJson(res, 404, { error: 'not found' });

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLarge)
          return graphQLError(res, 413, 'Request body too large.', 'BAD_REQUEST');
        throw error;
      }
      try {
        body = raw ? JSON.parse(raw) : {};
      } catch {
        return graphQLError(res, 400, 'Request body is not valid JSON.', 'BAD_REQUEST');
      }
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: req.method?.toUpperCase() ?? 'GET',
        headers,
        search: new URL(req.url ?? '/', 'http://localhost').search,
        body,
      },
      context: () => options.context(headers),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) graphQLError(res, 500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
      else res.end();
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
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.close((error) => (error ? reject(error) : resolve()));
        http.closeAllConnections();
      }),
  };
}
