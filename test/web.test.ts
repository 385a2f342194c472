import type { Browser } from 'playwright-core';
import { DEMO_PERSONAS } from '../hub/personas';
import { axeViolations, describeInBrowser, launchBrowser, newPage, screenshot } from './support/browser';
import { signedIn, startWebHub, type WebHub } from './support/web-hub';

describeInBrowser('web client: serving, sign-in, shell', () => {
  let web: WebHub;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebHub('web');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  test('the gateway serves the client at / with a strict content security policy', async () => {
    const response = await fetch(`${web.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await response.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${web.baseUrl}${script}`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // A page of the client opened directly is the client; a missing file is not.
    expect((await fetch(`${web.baseUrl}/casusoverleggen/abc`)).status).toBe(200);
    expect((await fetch(`${web.baseUrl}/assets/nope.js`)).status).toBe(404);
  });

  test('the demo sign-in signs only known personas, over JSON', async () => {
    const post = (body: string, type = 'application/json') =>
      fetch(`${web.baseUrl}/demo/aanmelden`, { method: 'POST', headers: { 'content-type': type }, body });
    expect((await post('{"persona":"nobody"}')).status).toBe(400);
    expect((await post('persona=analist', 'application/x-www-form-urlencoded')).status).toBe(415);
    const signed = await post('{"persona":"analist"}');
    expect(signed.status).toBe(200);
    const { token } = (await signed.json()) as { token: string };
    const answer = await fetch(web.hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-doelbinding': 'beleidsinformatie',
      },
      body: JSON.stringify({ query: '{ gemeenten { code } }' }),
    });
    expect((await answer.json()).data.gemeenten.length).toBeGreaterThan(0);
  });

  test('the sign-in page lists every persona and passes axe', async () => {
    const { page, consoleErrors } = await newPage(browser);
    await page.goto(`${web.baseUrl}/`);
    const buttons = page.locator('button[data-persona]');
    await buttons.first().waitFor();
    expect(await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('data-persona')))).toEqual([
      ...DEMO_PERSONAS.map((p) => p.id),
      'inwoner',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'aanmelden');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test.each([
    ['analist', ['Regionaal dashboard']],
    ['klantmanager', ['Casusoverleggen', 'Signalen']],
    ['trajectbegeleider', ['Casusoverleggen']],
    ['schuldhulpverlener', ['Casusoverleggen', 'Signalen']],
    ['privacy-officer', ['Gebruiksrapportage en logboek']],
    ['inwoner', ['Wie bekeek mijn gegevens']],
  ])('signed in as %s, the start page offers %j', async (id, tasks) => {
    const { page, consoleErrors } = await signedIn(browser, web, id);
    await page.locator('.hub-taken').getByRole('link', { name: tasks[0] }).waitFor();
    expect(await page.locator('.hub-taken a').allTextContents()).toEqual(tasks);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a deep link survives sign-in, and signing out forgets the token', async () => {
    const { page } = await signedIn(browser, web, 'klantmanager', '/niet-bestaand');
    expect(new URL(page.url()).pathname).toBe('/niet-bestaand');
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.locator('button[data-persona]').first().waitFor();
    // Nothing of the session outlives the page: no storage, no cookie.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);
    await page.context().close();
  });
});
