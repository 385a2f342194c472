import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import type { Resident } from '../platform/auth/principals';
import { axeViolations, describeInBrowser, launchBrowser, screenshot } from './support/browser';
import { databaseThrough, startDatabaseProxy, type TcpProxy } from './support/proxies';
import { persona, signedIn, startWebHub, type WebHub } from './support/web-hub';

const KETENBEELD = /* GraphQL */ `
  query ($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      naam
      trajecten {
        soort
      }
    }
  }
`;

const INZAGE = /* GraphQL */ `
  query {
    mijnInzage(first: 100) {
      werkInkomen {
        traceId
        organisatie
      }
      swb {
        traceId
        organisatie
      }
    }
  }
`;

const GEWEIGERD = /* GraphQL */ `
  query ($van: String, $tot: String) {
    gebruiksrapportage(van: $van, tot: $tot) {
      werkInkomen {
        geweigerd {
          aantal
        }
        buitenKantoortijd {
          aantal
        }
      }
    }
  }
`;

const traceparent = (traceId: string) => `00-${traceId}-${randomBytes(8).toString('hex')}-01`;

describeInBrowser('web client: the resident access report and the privacy officer pages', () => {
  let web: WebHub;
  let browser: Browser;
  /** Between werkcentrum and its database: cut, that partner cannot answer. */
  let werkcentrumDatabase: TcpProxy;
  let resident: Resident;
  /** The trace of a KLANTMANAGER's look at the resident, which the resident's report must show. */
  const lookedUp = randomBytes(16).toString('hex');

  beforeAll(async () => {
    werkcentrumDatabase = await startDatabaseProxy();
    web = await startWebHub('privacy', {
      routeDatabase: databaseThrough(werkcentrumDatabase, 'werkcentrum'),
    });
    resident = { bsn: web.bsn, roles: ['INWONER'] };
    browser = await launchBrowser();
    const look = await web.hub.query(
      KETENBEELD,
      { bsn: web.bsn },
      { as: persona('klantmanager').caller, headers: { traceparent: traceparent(lookedUp) } },
    );
    expect(look.data?.inwoner.naam).toBeTruthy();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await werkcentrumDatabase?.close();
  });

  const rowsOf = (page: Page, partner: string) =>
    page
      .locator(`[data-partner="${partner}"] tbody tr`)
      .evaluateAll((rows) =>
        rows.map((row) => Array.from(row.children, (cell) => cell.textContent?.trim() ?? '')),
      );

  test('the resident sees who looked at their data, per partner, with the look-up of the KLANTMANAGER', async () => {
    const { page, consoleErrors } = await signedIn(browser, web, 'inwoner', '/mijn-inzage');
    await page.getByRole('heading', { name: 'Wie bekeek mijn gegevens' }).waitFor();
    await page.locator('[data-partner="werk-inkomen"] table').waitFor();
    const rows = await rowsOf(page, 'werk-inkomen');
    const look = rows.find((cells) => cells.includes(lookedUp));
    expect(look?.[1]).toBe('Werk en Inkomen Borne-Hengelo-Haaksbergen');
    expect(look?.[6]).toBe('Ingezien');
    // The page shows what the API gives the resident: the same lines of that look-up at SWB too.
    const api = await web.hub.query(INZAGE, {}, { as: resident, purpose: null });
    const swbTraces = (api.data?.mijnInzage.swb as { traceId: string }[]).map((line) => line.traceId);
    expect(swbTraces).toContain(lookedUp);
    expect((await rowsOf(page, 'swb')).some((cells) => cells.includes(lookedUp))).toBe(true);
    // Never the employee, never the BSN.
    const text = await page.locator('main').innerText();
    expect(text).not.toContain(persona('klantmanager').caller.employeeId);
    expect(text).not.toContain(web.bsn);
    expect(page.url()).not.toContain(web.bsn);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'mijn-inzage');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a period chosen on the page goes into the URL; Back returns to the previous one', async () => {
    const { page } = await signedIn(browser, web, 'inwoner', '/mijn-inzage?van=2020-01-01&tot=2020-01-31');
    await page.getByText('heeft in deze periode geen gegevens van u verwerkt').first().waitFor();
    expect(await page.locator('#periode-van').inputValue()).toBe('2020-01-01');
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    await page.locator('#periode-van').fill('2020-01-01');
    await page.locator('#periode-tot').fill(today);
    await page.getByRole('button', { name: 'Toon periode' }).click();
    await page.waitForURL(`**/mijn-inzage?van=2020-01-01&tot=${today}`);
    await page.locator('[data-partner="werk-inkomen"] table').waitFor();
    await page.goBack();
    await page.waitForURL('**/mijn-inzage?van=2020-01-01&tot=2020-01-31');
    await page.getByText('heeft in deze periode geen gegevens van u verwerkt').first().waitFor();
    await page.context().close();
  });

  test('while the partners answer, the page says it is loading', async () => {
    const { page } = await signedIn(browser, web, 'inwoner');
    // The page's request is held until the loading state has been seen, then goes on to the hub.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/graphql', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole('link', { name: 'Mijn inzage' }).click();
    await page.getByRole('status').filter({ hasText: 'Uw overzicht laden' }).waitFor();
    expect(await page.locator('[data-partner]').count()).toBe(0);
    release();
    await page.locator('[data-partner="werk-inkomen"] table').waitFor();
    expect(await page.getByText('Uw overzicht laden').count()).toBe(0);
    await page.context().close();
  });

  test('a partner that cannot answer is marked, and the other partners are shown', async () => {
    werkcentrumDatabase.cut();
    try {
      const { page, consoleErrors } = await signedIn(browser, web, 'inwoner', '/mijn-inzage');
      await page.getByText('Niet alle ketenpartners gaven antwoord').waitFor();
      await page.getByText('Werkcentrum Twente is nu niet bereikbaar.', { exact: false }).first().waitFor();
      expect(await page.locator('[data-partner="werkcentrum"] table').count()).toBe(0);
      expect((await rowsOf(page, 'werk-inkomen')).some((cells) => cells.includes(lookedUp))).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'mijn-inzage-partner-onbereikbaar');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      werkcentrumDatabase.restore();
    }
  });

  test('the privacy officer sees the usage report of their own organisation, with the counts of the API', async () => {
    // A refused look-up at Werk en Inkomen: an ANALIST asking for a resident's data.
    const refused = await web.hub.query(KETENBEELD, { bsn: web.bsn }, { as: persona('analist').caller });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { page, consoleErrors } = await signedIn(browser, web, 'privacy-officer', '/gebruiksrapportage');
    await page.getByRole('heading', { name: 'Geweigerde raadplegingen' }).waitFor();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const api = await web.hub.query(
      GEWEIGERD,
      { van: '2000-01-01T00:00:00Z', tot: new Date(Date.now() + 86_400_000).toISOString() },
      { as: persona('privacy-officer').caller, purpose: 'toezicht' },
    );
    const geweigerd = api.data?.gebruiksrapportage.werkInkomen.geweigerd.aantal as number;
    expect(geweigerd).toBeGreaterThan(0);
    const section = page.getByRole('region', { name: 'Geweigerde raadplegingen' });
    expect(await section.locator('strong').first().innerText()).toBe(String(geweigerd));
    expect(await section.locator('tbody tr').count()).toBe(Math.min(geweigerd, 25));
    expect(await section.innerText()).toContain(persona('analist').caller.employeeId);
    expect(await section.innerText()).not.toContain(web.bsn);
    expect(await page.locator('#periode-tot').inputValue()).toBe(today);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'gebruiksrapportage');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test("the privacy officer answers a resident's inzageverzoek by BSN, which never enters the URL", async () => {
    const { page } = await signedIn(browser, web, 'privacy-officer', '/gebruiksrapportage');
    await page.locator('#doelbinding').selectOption('inzageverzoek');
    await page.locator('#logboek-bsn').fill(web.bsn);
    const request = page.waitForRequest(
      // The client sends the Logboek document's registered id; its filter variable tells it apart.
      (req) => req.url().endsWith('/graphql') && req.postData()?.includes('"filter"') === true,
    );
    await page.getByRole('button', { name: 'Zoeken' }).click();
    expect((await request).headers()['x-doelbinding']).toBe('inzageverzoek');
    const table = page.getByRole('table', { name: /Logregels/ });
    await table.waitFor();
    expect(await table.innerText()).toContain(lookedUp);
    expect(page.url()).not.toContain(web.bsn);
    expect(await axeViolations(page)).toEqual([]);
    // An invalid BSN is refused by the hub, and the page says why.
    await page.locator('#logboek-bsn').fill('123456789');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /BSN|11-proef/i })
      .waitFor();
    await page.context().close();
  });

  test('a session the hub no longer accepts asks to sign in again, and returns to the same page', async () => {
    const { page } = await signedIn(
      browser,
      web,
      'privacy-officer',
      '/gebruiksrapportage?van=2020-01-01&tot=2020-12-31',
    );
    await page.getByRole('heading', { name: 'Geweigerde raadplegingen' }).waitFor();
    // From now on the page's requests carry an expired token of the same issuer: the hub answers 401.
    const expired = await web.hub.token(
      persona('privacy-officer').caller,
      Math.floor(Date.now() / 1000) - 120,
    );
    await page.route('**/graphql', (route) =>
      route.continue({ headers: { ...route.request().headers(), authorization: `Bearer ${expired}` } }),
    );
    const refusal = page.waitForResponse((response) => response.url().endsWith('/graphql'));
    await page.locator('#periode-tot').fill('2020-06-30');
    await page.getByRole('button', { name: 'Toon periode' }).click();
    expect((await refusal).status()).toBe(401);
    await page.getByText('Uw sessie is verlopen').waitFor();
    expect(new URL(page.url()).search).toBe('?van=2020-01-01&tot=2020-06-30');
    expect(await axeViolations(page)).toEqual([]);
    await page.unroute('**/graphql');
    await page.locator('button[data-persona="privacy-officer"]').click();
    await page.getByRole('heading', { name: 'Geweigerde raadplegingen' }).waitFor();
    expect(await page.locator('#periode-tot').inputValue()).toBe('2020-06-30');
    await page.context().close();
  });
});
