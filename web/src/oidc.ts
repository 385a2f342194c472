import * as oauth from 'oauth4webapi';
import type { OidcConfig } from './config';

/** Where the identity provider sends the browser back with the code. */
export const CALLBACK_PATH = '/aanmelden/terug';
/** Only what the round trip needs (the PKCE verifier, state, the page to return to); never a token. */
const PENDING = 'ketenhub-oidc';

interface Pending {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const redirectUri = (): string => new URL(CALLBACK_PATH, location.origin).toString();

async function discover(config: OidcConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  return oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer));
}

/** Sends the browser to the identity provider: authorization code flow with PKCE (S256). */
export async function startSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const as = await discover(config);
  if (!as.authorization_endpoint) throw new Error('The identity provider names no authorization endpoint.');
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    returnTo,
  };
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (config.resource) url.searchParams.set('resource', config.resource);
  location.assign(url.toString());
}

/** Back from the identity provider: checks state, exchanges the code with the verifier, returns the token. */
export async function completeSignIn(
  config: OidcConfig,
): Promise<{ token: string; naam?: string; returnTo: string }> {
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!saved) throw new Error('Er was geen aanmelding gestart in dit venster. Meld u opnieuw aan.');
  const pending = JSON.parse(saved) as Pending;
  const as = await discover(config);
  const client: oauth.Client = { client_id: config.clientId };
  const params = oauth.validateAuthResponse(as, client, new URL(location.href), pending.state);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(),
    pending.verifier,
    config.resource ? { additionalParameters: { resource: config.resource } } : {},
  );
  const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
    expectedNonce: pending.nonce,
    requireIdToken: config.scope.split(' ').includes('openid'),
  });
  const claims = oauth.getValidatedIdTokenClaims(result);
  const naam =
    typeof claims?.name === 'string' ? claims.name : typeof claims?.sub === 'string' ? claims.sub : undefined;
  return { token: result.access_token, naam, returnTo: pending.returnTo };
}
