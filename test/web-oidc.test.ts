import { createHash } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { oidcSignIn } from '../gateway/web-client';
import { userTokenPolicy } from '../platform/auth/setup';
import { DEFAULT_AUDIENCE, loadConfig } from '../platform/config';
import { axeViolations, describeInBrowser, launchBrowser, newPage, screenshot } from './support/browser';
import { startTestHub, type TestHub } from './support/hub';
import { startOidcProvider, type TestOidcProvider } from './support/oidc-provider';
import { PERSONAS } from './support/personas';

/** A synthetic employee of the identity provider: a KLANTMANAGER of Werk en Inkomen (wi-bhh). */
const GEBRUIKER = 'k.mulder';
const WACHTWOORD = 'zomer-aan-de-dinkel-7';
const VERKEERD_INGERICHT = 's.devries';
const SIGN_IN = { name: 'Aanmelden bij uw organisatie' } as const;

describeInBrowser("web client: sign-in at the organisation's identity provider (OIDC, PKCE)", () => {
  let idp: TestOidcProvider;
  let hub: TestHub;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    idp = await startOidcProvider({
      audience: DEFAULT_AUDIENCE,
      accounts: {
        [GEBRUIKER]: { password: WACHTWOORD, naam: 'K. Mulder', employee: PERSONAS.klantmanagerBhh },
        // A role that does not belong to the organisation: the provider signs it, the hub refuses it.
        [VERKEERD_INGERICHT]: {
          password: WACHTWOORD,
          naam: 'S. de Vries',
          employee: {
            employeeId: 'shv-9',
            organisation: 'stadsbank',
            roles: ['KLANTMANAGER'],
            gemeenten: [],
          },
        },
      },
    });
    // The hub configured as for production: the provider's JWKS, issuer and OIDC client from env.
    const { auth } = loadConfig({
      AUTH_JWKS_URL: idp.jwksUrl,
      AUTH_ISSUER: idp.issuer,
      WEB_OIDC_ISSUER: idp.issuer,
      WEB_OIDC_CLIENT_ID: idp.clientId,
    });
    hub = await startTestHub('oidc', undefined, {
      userTokens: await userTokenPolicy(auth),
      signIn: () => oidcSignIn(auth),
    });
    baseUrl = new URL(hub.gateway.url).origin;
    await idp.serve(baseUrl);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    await idp?.close();
  });
  afterEach(() => {
    expect(idp.errors).toEqual([]);
  });

  /** Opens `path` signed out, in a fresh context: the sign-in page in OIDC mode. */
  async function signInPage(path: string): Promise<{ page: Page; consoleErrors: string[] }> {
    const opened = await newPage(browser);
    await opened.page.goto(`${baseUrl}${path}`);
    await opened.page.getByRole('button', SIGN_IN).waitFor();
    return opened;
  }

  /** Fills the provider's login form and sends it. */
  async function logIn(page: Page, gebruiker = GEBRUIKER): Promise<void> {
    await page.getByLabel('Gebruikersnaam').fill(gebruiker);
    await page.getByLabel('Wachtwoord').fill(WACHTWOORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
  }

  const tokenRequests = (): number => idp.requests.filter((r) => r === 'POST /token').length;

  test('the hub names the provider to the client and lets the client reach it, nothing more', async () => {
    const response = await fetch(`${baseUrl}/client-config.json`);
    expect(await response.json()).toEqual({
      aanmelden: 'oidc',
      oidc: {
        issuer: idp.issuer,
        clientId: idp.clientId,
        scope: 'openid profile',
        resource: DEFAULT_AUDIENCE,
      },
    });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`connect-src 'self' ${idp.issuer};`);
    expect(csp).toContain(`form-action 'self' ${idp.issuer};`);
  });

  test('a deep link survives the round trip: code flow with PKCE, token in memory only, accepted by the hub', async () => {
    const { page, consoleErrors } = await signInPage('/casusoverleggen');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aanmelden-oidc');

    const authorization = page.waitForRequest((r) => r.url().startsWith(`${idp.issuer}/auth?`));
    await page.getByRole('button', SIGN_IN).click();
    const asked = new URL((await authorization).url()).searchParams;
    expect(Object.fromEntries(asked)).toEqual({
      client_id: idp.clientId,
      redirect_uri: `${baseUrl}/aanmelden/terug`,
      response_type: 'code',
      scope: 'openid profile',
      resource: DEFAULT_AUDIENCE,
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });

    const tokenResponse = page.waitForResponse(
      (r) => r.url() === `${idp.issuer}/token` && r.request().method() === 'POST',
    );
    const hubCheck = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/graphql` && r.request().method() === 'POST',
    );
    await logIn(page);
    const exchanged = await tokenResponse;
    // The code is redeemed with the verifier of the challenge, by a public client (no secret).
    const redeemed = new URLSearchParams(exchanged.request().postData() ?? '');
    expect(
      createHash('sha256')
        .update(redeemed.get('code_verifier') ?? '')
        .digest('base64url'),
    ).toBe(asked.get('code_challenge'));
    expect(Object.fromEntries(redeemed)).toMatchObject({
      grant_type: 'authorization_code',
      client_id: idp.clientId,
      redirect_uri: `${baseUrl}/aanmelden/terug`,
      resource: DEFAULT_AUDIENCE,
    });
    expect(redeemed.has('client_secret')).toBe(false);
    const token = ((await exchanged.json()) as { access_token: string }).access_token;
    // A JWT for the gateway's audience with the employee's claims, as the gateway verifies it.
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt' });
    expect(decodeJwt(token)).toMatchObject({
      iss: idp.issuer,
      aud: DEFAULT_AUDIENCE,
      sub: PERSONAS.klantmanagerBhh.employeeId,
      org: 'wi-bhh',
      roles: ['KLANTMANAGER'],
      gemeenten: PERSONAS.klantmanagerBhh.gemeenten,
    });
    // The page's own GraphQL request carries the token and the hub accepts it.
    const checked = await hubCheck;
    expect(checked.status()).toBe(200);
    expect(checked.request().headers().authorization).toBe(`Bearer ${token}`);
    expect(await checked.json()).toEqual({ data: { __typename: 'Query' } });

    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    await page.getByRole('heading', { name: 'Casusoverleggen' }).waitFor();
    expect(await page.locator('.hub-kop__gebruiker').textContent()).toContain('KLANTMANAGER');
    // Back on the deep link, with no code, state or token in the address bar.
    const landed = new URL(page.url());
    expect([landed.pathname, landed.search, landed.hash]).toEqual(['/casusoverleggen', '', '']);
    expect(page.url()).not.toContain(token);
    // Nothing of the session in the client's storage or cookies (the provider's own cookies on
    // 127.0.0.1 are its session's, httpOnly, and hold no token).
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);
    for (const cookie of await page.context().cookies(baseUrl)) {
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.value).not.toContain(token);
      expect(cookie.value).not.toContain(token.split('.')[2]);
    }

    // The same token works for real work through the subgraphs.
    const answer = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-doelbinding': 'casusoverleg',
      },
      body: JSON.stringify({ query: '{ mijnCasusoverleggen { id } }' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ data: { mijnCasusoverleggen: [] } });

    // The start page offers what the role may do.
    await page.getByRole('link', { name: 'Twente ketenhub' }).click();
    await page.locator('.hub-taken').getByRole('link', { name: 'Casusoverleggen' }).waitFor();
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('cancelling at the provider (access_denied) says so and offers to try again', async () => {
    const { page, consoleErrors } = await signInPage('/casusoverleggen');
    await page.getByRole('button', SIGN_IN).click();
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await page.getByRole('alert').filter({ hasText: 'het aanmelden werd afgebroken' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aanmelden-oidc-afgebroken');

    await page.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
    await page.getByRole('button', SIGN_IN).click();
    await logIn(page);
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/casusoverleggen');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  /**
   * The provider's answer to someone else's sign-in (an attacker's, in a browser of their own): a
   * genuine code and state, which that browser never redeems.
   */
  async function anotherSignInsCallback(): Promise<URL> {
    const { page } = await signInPage('/');
    await page.route(`${idp.issuer}/token`, (route) => route.abort('blockedbyclient'));
    const callback = page.waitForRequest((r) => r.url().startsWith(`${baseUrl}/aanmelden/terug?`));
    await page.getByRole('button', SIGN_IN).click();
    await logIn(page);
    const url = new URL((await callback).url());
    await page.context().close();
    return url;
  }

  test.each([
    ['a state that is not this tab’s', (_url: URL) => undefined],
    ['no state', (url: URL) => url.searchParams.delete('state')],
  ])('a callback with %s is refused, and its code never redeemed', async (_name, tamper) => {
    const planted = await anotherSignInsCallback();
    expect(planted.searchParams.get('code')).toBeTruthy();
    tamper(planted);
    // This tab started a sign-in of its own, then gets the planted answer.
    const { page } = await signInPage('/');
    await page.getByRole('button', SIGN_IN).click();
    await page.getByLabel('Gebruikersnaam').waitFor();
    const before = tokenRequests();
    await page.goto(planted.toString());
    await page
      .getByRole('alert')
      .filter({ hasText: 'de controlewaarde "state" ontbreekt of klopt niet' })
      .waitFor();
    expect(tokenRequests()).toBe(before);
    expect(new URL(page.url()).search).toBe('');
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });

  test('a token the hub does not accept is reported at sign-in, not on a page later', async () => {
    const { page, consoleErrors } = await signInPage('/');
    await page.getByRole('button', SIGN_IN).click();
    const hubCheck = page.waitForResponse(
      (r) => r.url() === `${baseUrl}/graphql` && r.request().method() === 'POST',
    );
    await logIn(page, VERKEERD_INGERICHT);
    expect((await hubCheck).status()).toBe(401);
    await page
      .getByRole('alert')
      .filter({
        hasText: 'de ketenhub accepteert het toegangstoken niet (The bearer token lacks valid claims',
      })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Afmelden' }).count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    // Nothing went wrong but the refused request itself (which the browser reports as a 401).
    expect(consoleErrors.filter((message) => !message.includes('401 (Unauthorized)'))).toEqual([]);
    await page.context().close();
  });

  test('a callback this tab did not start is refused', async () => {
    const { page } = await newPage(browser);
    await page.goto(`${baseUrl}/aanmelden/terug?code=abc&state=def`);
    await page.getByRole('alert').filter({ hasText: 'geen aanmelding gestart' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('link', { name: 'Opnieuw aanmelden' }).click();
    await page.getByRole('button', SIGN_IN).waitFor();
    await page.context().close();
  });

  test('an unreachable provider is reported on the sign-in page, and signing in works once it is back', async () => {
    const { page } = await signInPage('/casusoverleggen');
    await page.route(`${idp.issuer}/.well-known/openid-configuration`, (route) =>
      route.abort('connectionrefused'),
    );
    await page.getByRole('button', SIGN_IN).click();
    await page
      .getByRole('alert')
      .filter({
        hasText: `De inlogdienst van uw organisatie (${new URL(idp.issuer).host}) is niet bereikbaar`,
      })
      .waitFor();
    expect(await page.getByRole('button', SIGN_IN).isEnabled()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.unroute(`${idp.issuer}/.well-known/openid-configuration`);
    await page.getByRole('button', SIGN_IN).click();
    await logIn(page);
    await page.getByRole('button', { name: 'Afmelden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/casusoverleggen');
    await page.context().close();
  });
});
