import * as oauth from 'oauth4webapi';
import type { OidcConfig } from './config';

/** Where the identity provider sends the browser back with the code. */
export const CALLBACK_PATH = '/aanmelden/terug';
/** Only what the round trip needs (the PKCE verifier, state, the page to return to); never a token. */
const PENDING = 'ketenhub-oidc';
/** How long the client waits for the identity provider before it says it is not reachable. */
const TIMEOUT_MS = 15_000;

interface Pending {
  verifier: string;
  state: string;
  nonce?: string;
  returnTo: string;
}

/** A sign-in that did not succeed, in words for the user; `returnTo` is where trying again starts. */
export class AanmeldFout extends Error {
  readonly returnTo: string;
  constructor(message: string, returnTo = '/') {
    super(message);
    this.name = 'AanmeldFout';
    this.returnTo = returnTo;
  }
}

/** A page of this client: a path of this origin, never the callback itself or another host (`//host`). */
export function veiligPad(path: unknown): string {
  return typeof path === 'string' &&
    path.startsWith('/') &&
    !path.startsWith('//') &&
    !path.startsWith('/\\') &&
    !path.startsWith(CALLBACK_PATH)
    ? path
    : '/';
}

const redirectUri = (): string => new URL(CALLBACK_PATH, location.origin).toString();

/** Plain HTTP only to an identity provider on this machine (development, tests); elsewhere HTTPS. */
function requestOptions(issuer: URL): { signal: AbortSignal; [oauth.allowInsecureRequests]: boolean } {
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
  return {
    signal: AbortSignal.timeout(TIMEOUT_MS),
    [oauth.allowInsecureRequests]: issuer.protocol === 'http:' && loopback,
  };
}

const onbereikbaar = (issuer: URL, returnTo: string): AanmeldFout =>
  new AanmeldFout(
    `De inlogdienst van uw organisatie (${issuer.host}) is niet bereikbaar. Probeer het over enkele minuten opnieuw; lukt het dan nog niet, meld het dan bij uw servicedesk.`,
    returnTo,
  );

/** A failed request (network, timeout, CSP) as opposed to an answer the client did not accept. */
const isNetworkError = (error: unknown): boolean =>
  error instanceof TypeError ||
  (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'));

async function discover(config: OidcConfig, returnTo: string): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.issuer);
  let response: Response;
  try {
    response = await oauth.discoveryRequest(issuer, requestOptions(issuer));
  } catch (error) {
    if (isNetworkError(error)) throw onbereikbaar(issuer, returnTo);
    throw error;
  }
  try {
    return await oauth.processDiscoveryResponse(issuer, response);
  } catch {
    throw new AanmeldFout(
      `De inlogdienst van uw organisatie (${issuer.host}) gaf geen bruikbare configuratie (status ${response.status}). Meld het bij uw servicedesk.`,
      returnTo,
    );
  }
}

const wantsIdToken = (config: OidcConfig): boolean => config.scope.split(/\s+/).includes('openid');

/** Sends the browser to the identity provider: authorization code flow with PKCE (S256). */
export async function startSignIn(config: OidcConfig, returnTo: string): Promise<void> {
  const back = veiligPad(returnTo);
  const as = await discover(config, back);
  if (!as.authorization_endpoint) {
    throw new AanmeldFout('De inlogdienst van uw organisatie noemt geen adres om aan te melden.', back);
  }
  const pending: Pending = {
    verifier: oauth.generateRandomCodeVerifier(),
    state: oauth.generateRandomState(),
    nonce: wantsIdToken(config) ? oauth.generateRandomNonce() : undefined,
    returnTo: back,
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.scope);
  url.searchParams.set('state', pending.state);
  if (pending.nonce) url.searchParams.set('nonce', pending.nonce);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(pending.verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  if (config.resource) url.searchParams.set('resource', config.resource);
  // Per tab and gone with it; it holds nothing that signs anyone in without this browser's round trip.
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(url.toString());
}

function readPending(): Pending | null {
  const saved = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  if (!saved) return null;
  try {
    const pending = JSON.parse(saved) as Partial<Pending>;
    if (typeof pending.verifier !== 'string' || typeof pending.state !== 'string') return null;
    return { ...pending, returnTo: veiligPad(pending.returnTo) } as Pending;
  } catch {
    return null;
  }
}

/** The provider's answer in the address bar, checked against the sign-in this tab started. */
function callbackParameters(
  as: oauth.AuthorizationServer,
  client: oauth.Client,
  parameters: URLSearchParams,
  pending: Pending,
): URLSearchParams {
  try {
    return oauth.validateAuthResponse(as, client, parameters, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new AanmeldFout(
        error.error === 'access_denied'
          ? 'U bent niet aangemeld: het aanmelden werd afgebroken, of de inlogdienst gaf u geen toegang tot de ketenhub.'
          : `De inlogdienst van uw organisatie meldde een fout (${error.error}${
              error.error_description ? `: ${error.error_description}` : ''
            }).`,
        pending.returnTo,
      );
    }
    // A state that is missing or not this tab's: the answer may have been sent by someone else.
    throw new AanmeldFout(
      'Het antwoord van de inlogdienst hoort niet bij de aanmelding die u in dit venster begon (de controlewaarde "state" ontbreekt of klopt niet). Uit voorzorg bent u niet aangemeld.',
      pending.returnTo,
    );
  }
}

/** Asks the hub whether it accepts the token, so a token it refuses is reported here and not on a page. */
async function checkWithHub(token: string, returnTo: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
  } catch {
    throw new AanmeldFout(
      'De ketenhub is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
      returnTo,
    );
  }
  if (response.ok) return;
  let reden = `status ${response.status}`;
  try {
    const body = (await response.json()) as { errors?: { message?: string }[] };
    reden = body.errors?.[0]?.message ?? reden;
  } catch {
    // No JSON: the status says enough.
  }
  throw new AanmeldFout(
    `De inlogdienst meldde u aan, maar de ketenhub accepteert het toegangstoken niet (${reden}). Meld dit bij uw servicedesk.`,
    returnTo,
  );
}

/**
 * Back from the identity provider: takes `code` and `state` out of the address bar, checks state,
 * exchanges the code with the PKCE verifier and has the hub check the token, which is returned and
 * kept in memory only.
 */
export async function completeSignIn(
  config: OidcConfig,
): Promise<{ token: string; naam?: string; returnTo: string }> {
  const parameters = new URLSearchParams(location.search);
  // The code and state are used once, here; a reload or a shared link must not carry them.
  history.replaceState(history.state, '', CALLBACK_PATH);
  const pending = readPending();
  if (!pending) {
    throw new AanmeldFout(
      'Er is in dit venster geen aanmelding gestart, of die is al afgerond. Meld u opnieuw aan.',
    );
  }
  const as = await discover(config, pending.returnTo);
  const client: oauth.Client = { client_id: config.clientId };
  const callback = callbackParameters(as, client, parameters, pending);
  const issuer = new URL(config.issuer);
  let result: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      callback,
      redirectUri(),
      pending.verifier,
      {
        ...requestOptions(issuer),
        ...(config.resource ? { additionalParameters: { resource: config.resource } } : {}),
      },
    );
    result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: wantsIdToken(config),
    });
  } catch (error) {
    if (isNetworkError(error)) throw onbereikbaar(issuer, pending.returnTo);
    if (error instanceof oauth.ResponseBodyError) {
      throw new AanmeldFout(
        `De inlogdienst wees de aanmelding af (${error.error}${
          error.error_description ? `: ${error.error_description}` : ''
        }). Meld u opnieuw aan.`,
        pending.returnTo,
      );
    }
    throw new AanmeldFout(
      `Het antwoord van de inlogdienst was niet in orde (${error instanceof Error ? error.message : String(error)}).`,
      pending.returnTo,
    );
  }
  await checkWithHub(result.access_token, pending.returnTo);
  const claims = wantsIdToken(config) ? oauth.getValidatedIdTokenClaims(result) : undefined;
  const naam =
    typeof claims?.name === 'string' ? claims.name : typeof claims?.sub === 'string' ? claims.sub : undefined;
  return { token: result.access_token, naam, returnTo: pending.returnTo };
}
