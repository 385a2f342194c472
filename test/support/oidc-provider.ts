import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { OidcContext } from 'oidc-provider';
import type { Caller } from '../../platform/auth/principals';

/** Someone who can sign in at the test's identity provider: a synthetic employee. */
export interface OidcAccount {
  password: string;
  /** Display name (ID token claim `name`). */
  naam: string;
  /** What the access token says: `sub`, `org`, `roles`, `gemeenten`. */
  employee: Caller;
}

export interface TestOidcProvider {
  /** Issuer identifier: `http://127.0.0.1:<port>`, discovered at `/.well-known/openid-configuration`. */
  issuer: string;
  jwksUrl: string;
  clientId: string;
  /** Method and path of every request the provider got, in order (never a query or a body). */
  requests: string[];
  /** Errors the provider ran into while answering. */
  errors: unknown[];
  /**
   * Registers the web client, served at `clientOrigin` (its redirect URI `/aanmelden/terug` there),
   * and starts answering: until then the issuer's URL is known but every request gets a 503.
   */
  serve(clientOrigin: string): Promise<void>;
  close(): Promise<void>;
}

export interface TestOidcProviderOptions {
  /** The resource (RFC 8707) whose access tokens are JWTs: the gateway's audience. */
  audience: string;
  /** Accounts by user name. */
  accounts: Record<string, OidcAccount>;
  clientId?: string;
}

/** The scope the gateway's resource server offers; the hub itself checks roles, not scopes. */
const RESOURCE_SCOPE = 'ketenhub';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, fout?: string): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  return `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Inloggen bij uw organisatie (test)</title></head>
<body><main>
<h1>Inloggen bij uw organisatie</h1>
${fout ? `<p role="alert">${escapeHtml(fout)}</p>` : ''}
<form method="post" action="${base}/login">
<p><label for="gebruikersnaam">Gebruikersnaam</label>
<input id="gebruikersnaam" name="gebruikersnaam" autocomplete="username" required></p>
<p><label for="wachtwoord">Wachtwoord</label>
<input id="wachtwoord" name="wachtwoord" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Inloggen</button></p>
</form>
<form method="post" action="${base}/afbreken"><p><button type="submit">Annuleren</button></p></form>
</main></body></html>`;
}

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function html(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}

/**
 * A real OpenID Connect provider (oidc-provider) on a free port of 127.0.0.1, as an organisation's
 * identity provider would be set up for the ketenhub's web client: one public client (no secret, PKCE
 * with S256 required), access tokens for the gateway's audience as signed JWTs (ES256) carrying the
 * employee's `org`, `roles` and `gemeenten`, CORS for the client's origin only, and a login page of
 * its own (user name and password, or cancel). Keys are generated here, per run.
 */
export async function startOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'ketenhub-web';
  const requests: string[] = [];
  const errors: unknown[] = [];
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | null = null;
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${new URL(request.url ?? '/', 'http://x').pathname}`);
    if (handler) handler(request, response);
    else html(response, 503, 'Not serving yet.');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const serve = async (clientOrigin: string): Promise<void> => {
    // ESM only: loaded as a module (jest runs with --experimental-vm-modules).
    const { default: Provider, errors: oidcErrors } = await import('oidc-provider');
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const signingKey = {
      ...(await exportJWK(privateKey)),
      kid: `test-${Date.now()}`,
      alg: 'ES256',
      use: 'sig',
    };
    const byAccountId = new Map(Object.values(options.accounts).map((a) => [a.employee.employeeId, a]));

    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          token_endpoint_auth_method: 'none',
          redirect_uris: [new URL('/aanmelden/terug', clientOrigin).toString()],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          id_token_signed_response_alg: 'ES256',
        },
      ],
      jwks: { keys: [signingKey] },
      cookies: { keys: [randomBytes(32).toString('hex')] },
      pkce: { required: () => true },
      claims: { openid: ['sub'], profile: ['name'] },
      features: {
        devInteractions: { enabled: false },
        resourceIndicators: {
          enabled: true,
          getResourceServerInfo: (_ctx: OidcContext, resource: string) => {
            if (resource !== options.audience) throw new oidcErrors.InvalidTarget();
            return {
              scope: RESOURCE_SCOPE,
              audience: options.audience,
              accessTokenFormat: 'jwt',
              accessTokenTTL: 10 * 60,
              jwt: { sign: { alg: 'ES256' } },
            };
          },
        },
      },
      // The client is this organisation's own: its employees are not asked for consent.
      loadExistingGrant: async (ctx: OidcContext) => {
        const { client, session, result, provider: self } = ctx.oidc;
        if (!client || !session?.accountId) return undefined;
        const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
        const grant =
          (grantId ? await self.Grant.find(grantId) : undefined) ??
          new self.Grant({ accountId: session.accountId, clientId: client.clientId });
        grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '));
        for (const [resource, server] of Object.entries(ctx.oidc.resourceServers)) {
          grant.addResourceScope(resource, server.scope);
        }
        await grant.save();
        return grant;
      },
      findAccount: (_ctx: OidcContext, sub: string) => {
        const account = byAccountId.get(sub);
        return (
          account && {
            accountId: sub,
            claims: () => ({ sub, name: account.naam }),
          }
        );
      },
      extraTokenClaims: (_ctx: OidcContext, token: { kind: string; accountId?: string }) => {
        const account = token.kind === 'AccessToken' && token.accountId && byAccountId.get(token.accountId);
        if (!account) return undefined;
        const { organisation, roles, gemeenten } = account.employee;
        return { org: organisation, roles, gemeenten };
      },
      clientBasedCORS: (_ctx: OidcContext, origin: string) => origin === clientOrigin,
      interactions: {
        url: (_ctx: OidcContext, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
      },
      ttl: {
        AccessToken: 10 * 60,
        AuthorizationCode: 60,
        IdToken: 10 * 60,
        Interaction: 10 * 60,
        Session: 60 * 60,
        Grant: 60 * 60,
      },
    });
    provider.on('server_error', (_ctx, error) => errors.push(error));

    const callback = provider.callback();
    const interaction = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
      const [, , , action] = new URL(request.url ?? '/', issuer).pathname.split('/');
      const details = await provider.interactionDetails(request, response);
      if (details.prompt.name !== 'login') {
        return html(response, 501, `Prompt ${escapeHtml(details.prompt.name)} is not part of this provider.`);
      }
      if (request.method === 'GET' && action === undefined)
        return html(response, 200, loginPage(details.uid));
      if (request.method === 'POST' && action === 'afbreken') {
        return provider.interactionFinished(
          request,
          response,
          { error: 'access_denied', error_description: 'De gebruiker brak het inloggen af.' },
          { mergeWithLastSubmission: false },
        );
      }
      if (request.method === 'POST' && action === 'login') {
        const form = await formBody(request);
        const account = options.accounts[form.get('gebruikersnaam') ?? ''];
        if (!account || account.password !== form.get('wachtwoord')) {
          return html(response, 401, loginPage(details.uid, 'Gebruikersnaam of wachtwoord klopt niet.'));
        }
        return provider.interactionFinished(
          request,
          response,
          { login: { accountId: account.employee.employeeId } },
          { mergeWithLastSubmission: false },
        );
      }
      return html(response, 405, 'Not here.');
    };
    handler = (request, response) => {
      if (!(request.url ?? '').startsWith('/interaction/')) return callback(request, response);
      interaction(request, response).catch((error: unknown) => {
        errors.push(error);
        if (!response.headersSent) html(response, 400, 'Deze aanmelding is verlopen of onbekend.');
        else response.end();
      });
    };
  };

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    requests,
    errors,
    serve,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
