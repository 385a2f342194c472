import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { AuthConfig } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { logger } from '../platform/logger';
import type { HubContext } from './context';
import { jsonResponse, type FetchAPI } from './responses';

/** Where `npm run build` writes the web client (Vite, from web/). */
export const WEB_CLIENT_DIR = join(PROJECT_ROOT, 'dist', 'web');

/** A persona of the demo sign-in, as the sign-in page lists it. */
export interface SignInPersona {
  id: string;
  label: string;
  beschrijving: string;
  rollen: string[];
}

/** Sign-in with the hub's local issuer: a persona picker, for the demo on synthetic data only. */
export interface DemoSignIn {
  kind: 'demo';
  personas(): Promise<SignInPersona[]>;
  /** A token of the local issuer for a persona; null for an unknown one. */
  sign(personaId: string): Promise<{ token: string; verlooptOp: string } | null>;
}

/** Sign-in at an identity provider: OIDC authorization code flow with PKCE, run by the client. */
export interface OidcSignIn {
  kind: 'oidc';
  issuer: string;
  clientId: string;
  /** Scopes asked for; `openid` at least. */
  scope: string;
  /** The resource (RFC 8707) the access token is for: the gateway's audience. */
  resource?: string;
}

export type WebSignIn = DemoSignIn | OidcSignIn;

/**
 * The configured OIDC client of the web client (`WEB_OIDC_*`); it asks for access tokens for the
 * gateway's audience (RFC 8707 resource), which the gateway then verifies (`AUTH_*`).
 */
export function oidcSignIn(auth: AuthConfig): OidcSignIn | null {
  return auth.webOidc ? { kind: 'oidc', ...auth.webOidc, resource: auth.audience } : null;
}

export interface WebClientOptions {
  signIn: WebSignIn | null;
  /** Built client; default dist/web. */
  dir?: string;
}

interface StaticFile {
  body: Uint8Array<ArrayBuffer>;
  type: string;
  /** Content-hashed names never change, so browsers may keep them. */
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** The built client, read once into memory: a few files, and no path from a request ever reaches the disk. */
function readClient(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(dir)) return files;
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const urlPath = `/${relative(dir, path).split(sep).join('/')}`;
        files.set(urlPath, {
          body: new Uint8Array(readFileSync(path)),
          type: TYPES[extname(name)] ?? 'application/octet-stream',
          immutable: urlPath.startsWith('/assets/'),
        });
      }
    }
  };
  walk(dir);
  return files;
}

const NOT_BUILT = `<!doctype html><html lang="nl"><meta charset="utf-8"><title>Twente ketenhub</title>
<p>The web client is not built: run <code>npm run build</code> and start the gateway again.
The GraphQL API answers at <code>/graphql</code>.</p></html>`;

/** Headers of every page and file: the client loads only itself, talks only to the hub and its issuer. */
function securityHeaders(signIn: WebSignIn | null): Record<string, string> {
  const issuerOrigin = signIn?.kind === 'oidc' ? ` ${new URL(signIn.issuer).origin}` : '';
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      `connect-src 'self'${issuerOrigin}`,
      "base-uri 'none'",
      `form-action 'self'${issuerOrigin}`,
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}

/** Paths the engine answers itself. */
const API_PATHS = new Set(['/graphql', '/healthz', '/readyz']);
export const CLIENT_CONFIG_PATH = '/client-config.json';
export const DEMO_SIGN_IN_PATH = '/demo/aanmelden';

async function demoToken(fetchAPI: FetchAPI, signIn: DemoSignIn, request: Request): Promise<Response> {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json')) {
    // A cross-site form cannot send JSON without a preflight, which this endpoint never allows.
    return jsonResponse(fetchAPI, 415, 'Send the persona as application/json.', 'BAD_REQUEST');
  }
  let personaId: unknown;
  try {
    personaId = ((await request.json()) as { persona?: unknown }).persona;
  } catch {
    return jsonResponse(fetchAPI, 400, 'The body is not JSON.', 'BAD_REQUEST');
  }
  const signed = typeof personaId === 'string' ? await signIn.sign(personaId) : null;
  if (!signed) return jsonResponse(fetchAPI, 400, 'Unknown persona.', 'BAD_USER_INPUT');
  return new fetchAPI.Response(JSON.stringify(signed), {
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/**
 * Serves the web client at `/` (any path that is not the API's answers with the client's page, so its
 * links can be opened directly), the client's configuration, and in the demo the persona sign-in.
 */
export function useWebClient(options: WebClientOptions): GatewayPlugin<HubContext> {
  const files = readClient(options.dir ?? WEB_CLIENT_DIR);
  if (!files.has('/index.html')) logger.warn({ service: 'gateway' }, 'web client not built (npm run build)');
  const headers = securityHeaders(options.signIn);
  const { signIn } = options;
  const config = async (): Promise<unknown> => {
    if (signIn?.kind === 'demo') return { aanmelden: 'demo', personas: await signIn.personas() };
    if (signIn?.kind === 'oidc') {
      const { issuer, clientId, scope, resource } = signIn;
      return { aanmelden: 'oidc', oidc: { issuer, clientId, scope, resource } };
    }
    return { aanmelden: null };
  };
  return {
    onRequest(payload) {
      const { request, url, fetchAPI } = payload;
      const path = url.pathname;
      if (API_PATHS.has(path)) return;
      const respond = (response: Response): void => {
        for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
        payload.endResponse(response);
      };
      if (path === DEMO_SIGN_IN_PATH && signIn?.kind === 'demo' && request.method === 'POST') {
        return demoToken(fetchAPI, signIn, request).then(respond);
      }
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        const response = jsonResponse(fetchAPI, 405, 'Only GET here; GraphQL is at /graphql.', 'BAD_REQUEST');
        response.headers.set('allow', 'GET, HEAD');
        return respond(response);
      }
      if (path === CLIENT_CONFIG_PATH) {
        return config().then((body) =>
          respond(
            new fetchAPI.Response(JSON.stringify(body), {
              headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
            }),
          ),
        );
      }
      const file = files.get(path);
      if (file && path !== '/index.html') {
        return respond(
          new fetchAPI.Response(file.body, {
            headers: {
              'content-type': file.type,
              'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
            },
          }),
        );
      }
      // A file that is not there (an old asset, a typo) is a 404; any other path is a page of the client.
      if (extname(path) !== '' || path.startsWith('/assets/')) {
        return respond(new fetchAPI.Response('Not found.', { status: 404 }));
      }
      const index = files.get('/index.html');
      return respond(
        new fetchAPI.Response(index?.body ?? NOT_BUILT, {
          status: index ? 200 : 503,
          headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
        }),
      );
    },
  };
}
