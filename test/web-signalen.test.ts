import type { Browser } from 'playwright-core';
import type { PostgresTransport } from '../platform/signalen/postgres-transport';
import { vandaag } from '../subgraphs/werk-inkomen/casusoverleg/casusoverleg.toegang';
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

  test('the client manager sees the signal of a placement for a resident on a benefit, marks it seen and handled, and the table follows', async () => {
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
    const signaal = await wachtOp('the signal in the Werk en Inkomen inbox', async () =>
      (await inbox('klantmanager')).find((s) => s.bsn === web.bsn),
    );

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
    const tabel = page.getByRole('table', { name: /Signalen bij Werk en Inkomen/ });
    await tabel.waitFor();
    const rij = tabel.locator('tbody tr').filter({ hasText: web.bsn });
    expect(await rij.count()).toBe(1);
    expect(await rij.innerText()).toContain(signaal.omschrijving);
    expect(await rij.locator('[data-status]').innerText()).toBe('Nieuw');
    expect(await tabel.locator('th[scope=col]').count()).toBe(8);
    expect(await axeViolations(page)).toEqual([]);

    await rij.getByRole('button', { name: 'Markeer als gezien' }).click();
    await rij.locator('[data-status=GEZIEN]').waitFor();
    const gezien = (await inbox('klantmanager')).find((s) => s.id === signaal.id) as Signaal;
    expect(gezien).toMatchObject({ status: 'GEZIEN', gezienDoor: 'demo-klantmanager' });
    expect(await rij.innerText()).toContain(`demo-klantmanager, ${formatTijdstip(gezien.gezienOp ?? '')}`);

    await rij.getByRole('button', { name: 'Markeer als afgehandeld' }).click();
    await rij.locator('[data-status=AFGEHANDELD]').waitFor();
    const af = (await inbox('klantmanager')).find((s) => s.id === signaal.id) as Signaal;
    expect(af).toMatchObject({ status: 'AFGEHANDELD', afgehandeldDoor: 'demo-klantmanager' });
    expect(await rij.innerText()).toContain(`demo-klantmanager, ${formatTijdstip(af.afgehandeldOp ?? '')}`);
    expect(await rij.getByRole('button').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'signalen');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
