import type { Browser } from 'playwright-core';
import { vandaag } from '../platform/dag';
import type { PostgresTransport } from '../platform/signalen/postgres-transport';

import { formatTijdstip } from '../web/src/format';
import { SIGNALENINBOX } from '../web/src/pages/signalen/queries';
import { axeViolations, describeInBrowser, launchBrowser, screenshot } from './support/browser';
import { startTestSignaalstroom, type TestSignaalstroom } from './support/signaalstroom';
import { persona, signedIn, startWebHub, type WebHub } from './support/web-hub';

const PLAATSING = /* GraphQL */ `
  mutation Plaatsing($input: StartPlaatsingInput!) {
    startPlaatsing(input: $input) {
      id
    }
  }
`;

interface Signaal {
  id: string;
  bsn: string;
  omschrijving: string;
  status: string;
  gezienDoor: string | null;
  gezienOp: string | null;
  afgehandeldDoor: string | null;
  afgehandeldOp: string | null;
}

/** Waits for a condition the system reaches on its own; the deadline only ends a broken run. */
async function wachtOp<T>(wat: string, probeer: () => Promise<T | null | undefined>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probeer();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${wat}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeInBrowser('web client: the signals page (vroegsignalering)', () => {
  let web: WebHub;
  let browser: Browser;
  let transport: PostgresTransport;
  let stroom: TestSignaalstroom;

  const inbox = async (personaId: string): Promise<Signaal[]> => {
    const { data, errors } = await web.hub.query(
      SIGNALENINBOX,
      {},
      { as: persona(personaId).caller, purpose: 'uitvoering' },
    );
    expect(errors).toBeUndefined();
    return data?.signaleninbox.werkInkomen as Signaal[];
  };

  beforeAll(async () => {
    stroom = await startTestSignaalstroom('websignalen', { pollIntervalMs: 200 });
    transport = stroom.transport;
    web = await startWebHub('websignalen', { signalen: { transport, relayIntervalMs: 50 } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await stroom?.close();
  });

  test('a placement for a resident on a benefit appears on the open page of the client manager, announced, without reload; marking it keeps focus in its row', async () => {
    // Roles that receive signals see the link; others do not.
    const klant = await signedIn(browser, web, 'schuldhulpverlener', '/');
    await klant.page.getByRole('link', { name: 'Signalen' }).first().waitFor();
    await klant.page.context().close();
    const analist = await signedIn(browser, web, 'analist', '/');
    expect(await analist.page.getByRole('link', { name: 'Signalen' }).count()).toBe(0);
    await analist.page.context().close();

    const { page, consoleErrors } = await signedIn(browser, web, 'klantmanager', '/');
    await page.getByRole('navigation').getByRole('link', { name: 'Signalen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
    await page.getByText(`Er zijn bij Werk en Inkomen geen signalen voor u.`).waitFor();
    // The page subscribes; once the gateway has the stream open upstream, the signal can come.
    await page.locator('[data-stroom=live]').waitFor();
    await wachtOp('the page subscribed at werk-inkomen', () =>
      Promise.resolve(web.hub.subgraphs['werk-inkomen'].openStreams > 0),
    );
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { zonderHerladen: boolean }).zonderHerladen = true;
    });

    const [uitkering] = await web.hub.asOwner<{ gemeente: string }>(
      'werk-inkomen',
      'select gemeente from uitkering where bsn = $1 and einddatum is null order by ingangsdatum desc limit 1',
      [web.bsn],
    );
    const [werkgever] = await web.hub.asOwner<{ id: number }>(
      'werkplein',
      'select id from werkgever order by id limit 1',
    );
    const started = await web.hub.query(
      PLAATSING,
      {
        input: {
          bsn: web.bsn,
          gemeente: uitkering?.gemeente,
          werkgeverId: String(werkgever?.id),
          soort: 'REGULIER',
          metLks: false,
          startdatum: vandaag(),
        },
      },
      { as: 'adviseurWerk' },
    );
    expect(started.errors).toBeUndefined();

    const tabel = page.getByRole('table', { name: /Signalen bij Werk en Inkomen/ });
    await tabel.waitFor();
    const rij = tabel.locator('tbody tr').filter({ hasText: web.bsn });
    expect(await rij.count()).toBe(1);
    expect(
      await page.evaluate(() => (window as unknown as { zonderHerladen?: boolean }).zonderHerladen),
    ).toBe(true);
    const signaal = (await inbox('klantmanager')).find((s) => s.bsn === web.bsn) as Signaal;
    expect(await rij.innerText()).toContain(signaal.omschrijving);
    expect(await rij.locator('[data-status]').innerText()).toBe('Nieuw');
    // Announced politely to screen readers.
    const melding = page.locator('[data-melding]');
    expect(await melding.getAttribute('aria-live')).toBe('polite');
    expect(await melding.innerText()).toBe(`Nieuw signaal bij Werk en Inkomen: ${signaal.omschrijving}`);
    expect(await tabel.locator('th[scope=col]').count()).toBe(8);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'signalen-live');

    // Keyboard: after marking, focus stays in the row (its remaining action), then on the part's heading.
    await rij.getByRole('button', { name: 'Markeer als gezien' }).focus();
    await page.keyboard.press('Enter');
    await rij.locator('[data-status=GEZIEN]').waitFor();
    const gefocust = (): Promise<string> =>
      page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    await wachtOp('focus back in the row', async () => (await gefocust()) === 'Markeer als afgehandeld');
    expect(await melding.innerText()).toBe('Signaal gemarkeerd als gezien.');
    const gezien = (await inbox('klantmanager')).find((s) => s.id === signaal.id) as Signaal;
    expect(gezien).toMatchObject({ status: 'GEZIEN', gezienDoor: 'demo-klantmanager' });
    expect(await rij.innerText()).toContain(`demo-klantmanager, ${formatTijdstip(gezien.gezienOp ?? '')}`);

    await page.keyboard.press('Enter');
    await rij.locator('[data-status=AFGEHANDELD]').waitFor();
    await wachtOp(
      'focus on the part of Werk en Inkomen',
      async () => (await gefocust()) === 'Werk en Inkomen',
    );
    const af = (await inbox('klantmanager')).find((s) => s.id === signaal.id) as Signaal;
    expect(af).toMatchObject({ status: 'AFGEHANDELD', afgehandeldDoor: 'demo-klantmanager' });
    expect(await rij.innerText()).toContain(`demo-klantmanager, ${formatTijdstip(af.afgehandeldOp ?? '')}`);
    expect(await rij.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'signalen');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('when the stream cannot be opened the page says so and falls back to reloading', async () => {
    const { page, consoleErrors } = await signedIn(browser, web, 'klantmanager', '/');
    // The gateway refuses the stream (as a proxy that does not pass it would): the inbox still loads.
    await page.route('**/graphql', async (route) => {
      if (route.request().headers().accept?.includes('text/event-stream')) {
        await route.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad gateway' });
      } else await route.fallback();
    });
    await page.getByRole('navigation').getByRole('link', { name: 'Signalen' }).click();
    await page.locator('[data-stroom=herladen]').waitFor();
    await page.getByRole('table', { name: /Signalen bij Werk en Inkomen/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The browser logs the refused request itself; the page adds no errors of its own.
    expect(consoleErrors.filter((error) => !/502|Bad Gateway/i.test(error))).toEqual([]);
    await page.context().close();
  });
});
