import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, describeInBrowser, launchBrowser, newPage, screenshot } from './support/browser';
import { startTcpProxy, type TcpProxy } from './support/proxies';
import { persona, signedIn, startWebHub, type WebHub } from './support/web-hub';

/** What the page calls the figures the tests look at, by the API's field of `bijstand`. */
const BIJSTAND_TABEL = 'Bijstand (Participatiewet, IOAW en IOAZ)';
const BIJSTAND_RIJEN: Record<string, string> = {
  lopendOpEinddatum: 'Lopende bijstandsuitkeringen',
  instroom: 'Instroom in de bijstand',
  uitstroom: 'Uitstroom uit de bijstand',
  uitstroomNaarWerk: 'Uitstroom uit de bijstand naar werk',
  uitstroomOverig: 'Uitstroom uit de bijstand om een andere reden',
  statushoudersOpEinddatum: 'Lopende bijstandsuitkeringen van statushouders',
};
const REGIO = 'Regio (som van de getoonde gemeenten)';

const BIJSTAND_QUERY = `query ($periode: Periode!) {
  gemeenten {
    code
    naam
    bijstand(periode: $periode) {
      ${Object.keys(BIJSTAND_RIJEN)
        .map((veld) => `${veld} { waarde onderdrukt }`)
        .join('\n')}
    }
  }
}`;

interface Aantal {
  waarde: number | null;
  onderdrukt: boolean;
}
type BijstandPerGemeente = Record<string, Record<string, Aantal>>;

function aantal(api: BijstandPerGemeente, gemeente: string, veld: string): Aantal {
  const gevonden = api[gemeente]?.[veld];
  if (!gevonden) throw new Error(`the API gave no ${veld} for ${gemeente}`);
  return gevonden;
}

/** A number as the page writes it (`1.234`), back to a number. */
const getal = (tekst: string): number => Number(tekst.replace(/\./g, '').replace(',', '.'));

/** A cell of a table on the page: what is on screen, and everything a screen reader reads in it. */
async function cel(
  page: Page,
  tabel: string,
  rij: string,
  kolom: string,
): Promise<{ zichtbaar: string; volledig: string }> {
  return page.evaluate(
    ([tabel, rij, kolom]) => {
      const table = [...document.querySelectorAll('table')].find(
        (t) => t.querySelector('.hub-tabel__titel')?.textContent === tabel,
      );
      if (!table) throw new Error(`no table ${tabel}`);
      const koppen = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
      const index = koppen.indexOf(kolom);
      const tr = [...table.querySelectorAll('tbody tr')].find(
        (r) => r.querySelector('th')?.textContent === rij,
      );
      const td = tr?.children[index];
      if (index < 0 || !td) throw new Error(`no cell ${rij} / ${kolom} in ${tabel}`);
      const zichtbaar = td.cloneNode(true) as Element;
      zichtbaar.querySelectorAll('.hub-visually-hidden').forEach((hidden) => hidden.remove());
      return { zichtbaar: (zichtbaar.textContent ?? '').trim(), volledig: (td.textContent ?? '').trim() };
    },
    [tabel, rij, kolom] as const,
  );
}

/** Every table on the page as it is on screen (hidden reasons left out), for the CSV to match. */
function tabellenOpScherm(
  page: Page,
): Promise<{ titel: string; bron: string; koppen: string[]; rijen: string[][] }[]> {
  return page.evaluate(() => {
    const zichtbaar = (element: Element): string => {
      const kopie = element.cloneNode(true) as Element;
      kopie.querySelectorAll('.hub-visually-hidden').forEach((hidden) => hidden.remove());
      return (kopie.textContent ?? '').trim();
    };
    return [...document.querySelectorAll('.hub-tabelblok table')].map((table) => ({
      titel: table.querySelector('.hub-tabel__titel')?.textContent ?? '',
      bron: /^Bron: (.*?);/.exec(table.querySelector('.hub-tabel__bron')?.textContent ?? '')?.[1] ?? '',
      koppen: [...table.querySelectorAll('thead th')].map(zichtbaar),
      rijen: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map(zichtbaar)),
    }));
  });
}

/** A CSV line split on `;`, with RFC 4180 quotes. */
function csvVelden(regel: string): string[] {
  const velden: string[] = [];
  let veld = '';
  let tussenAanhalingstekens = false;
  for (let i = 0; i < regel.length; i++) {
    const teken = regel.charAt(i);
    if (tussenAanhalingstekens) {
      if (teken === '"' && regel[i + 1] === '"') {
        veld += '"';
        i++;
      } else if (teken === '"') tussenAanhalingstekens = false;
      else veld += teken;
    } else if (teken === '"') tussenAanhalingstekens = true;
    else if (teken === ';') {
      velden.push(veld);
      veld = '';
    } else veld += teken;
  }
  velden.push(veld);
  return velden;
}

/** Waits until the figures of a selection are on the page (the summary names gemeenten and period). */
async function wachtOpCijfers(page: Page, samenvatting: string): Promise<void> {
  await page.locator('.hub-samenvatting', { hasText: samenvatting }).waitFor();
  await page.locator('.hub-tabelblok table').first().waitFor();
}

/** Which gemeente checkboxes are ticked, by label. */
function aangevinkt(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('.hub-selectie input[type=checkbox]')]
      .filter((input) => input.checked)
      .map((input) => input.labels?.[0]?.textContent?.trim() ?? ''),
  );
}

function kolomkoppen(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...(document.querySelectorAll('.hub-tabelblok table thead')[0]?.querySelectorAll('th') ?? [])].map(
      (th) => th.textContent ?? '',
    ),
  );
}

describeInBrowser('web client: the regional dashboard', () => {
  let web: WebHub;
  let browser: Browser;
  /** Between Werkcentrum and its database: cut, the partner cannot answer. */
  let werkcentrumDatabase: TcpProxy;

  const alsAnalist = { as: 'analist' as const, purpose: 'beleidsinformatie' };

  async function bijstand(periode: Record<string, number>): Promise<BijstandPerGemeente> {
    const answer = await web.hub.query(BIJSTAND_QUERY, { periode }, alsAnalist);
    expect(answer.errors).toBeUndefined();
    return Object.fromEntries(
      ((answer.data?.gemeenten ?? []) as { naam: string; bijstand: Record<string, Aantal> }[]).map((g) => [
        g.naam,
        g.bijstand,
      ]),
    );
  }

  beforeAll(async () => {
    const server = new URL(process.env.TEST_DATABASE_URL ?? '');
    werkcentrumDatabase = await startTcpProxy(server.hostname, Number(server.port || 5432));
    web = await startWebHub('dash', {
      routeDatabase: (name, url) => {
        if (name !== 'werkcentrum') return undefined;
        const viaProxy = new URL(url);
        viaProxy.hostname = '127.0.0.1';
        viaProxy.port = String(werkcentrumDatabase.port);
        return viaProxy.toString();
      },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await werkcentrumDatabase?.close();
  });

  test('an analyst compares Borne and Hengelo over 2024: the page shows what the API returns', async () => {
    const { page, consoleErrors } = await signedIn(browser, web, 'analist', '/dashboard');
    // Without a selection in the link: every dashboard gemeente and the last whole year, written into the URL.
    // The last whole year by the page's own clock (in Europe/Amsterdam, as the page runs).
    const vorigJaar = await page.evaluate(() => new Date().getFullYear() - 1);
    await page.waitForURL(`**/dashboard?gemeenten=GM0147,GM0153,GM0158,GM0164&jaar=${vorigJaar}`);
    await wachtOpCijfers(page, `Borne, Enschede, Haaksbergen en Hengelo over ${vorigJaar}`);
    expect(await page.locator('.hub-doelbinding').textContent()).toContain('beleidsinformatie');

    await page.getByLabel('Enschede').uncheck();
    await page.getByLabel('Haaksbergen').uncheck();
    await page.getByLabel('Een jaar').check();
    await page.locator('#periode-jaar').selectOption('2024');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL('**/dashboard?gemeenten=GM0147,GM0164&jaar=2024');
    await wachtOpCijfers(page, 'Borne en Hengelo over 2024');

    expect(await kolomkoppen(page)).toEqual(['Cijfer', 'Peildatum of periode', 'Borne', 'Hengelo', REGIO]);
    const caption = await page.locator('table', { hasText: BIJSTAND_TABEL }).locator('caption').textContent();
    expect(caption).toContain('Bron: Werk en Inkomen; 2024 (1 januari 2024 tot en met 31 december 2024)');

    const api = await bijstand({ jaar: 2024 });
    // The question a policy analyst asks: how many left the benefit for work in Borne, against Hengelo.
    // The demo population is large enough that both are published; the page shows what the API gives.
    for (const naam of ['Borne', 'Hengelo']) {
      const uitApi = aantal(api, naam, 'uitstroomNaarWerk');
      const opPagina = await cel(page, BIJSTAND_TABEL, 'Uitstroom uit de bijstand naar werk', naam);
      expect(uitApi.onderdrukt).toBe(false);
      expect(getal(opPagina.zichtbaar)).toBe(uitApi.waarde);
    }
    // Each row says when it counts: a flow over the year, a stock on its last day.
    expect(
      (await cel(page, BIJSTAND_TABEL, 'Uitstroom uit de bijstand naar werk', 'Peildatum of periode'))
        .zichtbaar,
    ).toBe('in 2024');
    expect(
      (await cel(page, BIJSTAND_TABEL, 'Lopende bijstandsuitkeringen', 'Peildatum of periode')).zichtbaar,
    ).toBe('op 31 december 2024');
    // The chart beside each table is an image named after its table.
    const grafieken = page.locator('.hub-tabelblok svg[role=img]');
    expect(await grafieken.count()).toBeGreaterThan(5);
    expect(
      await page.locator('.hub-tabelblok').first().locator('svg').getAttribute('aria-labelledby'),
    ).toContain('tabel-bijstand-titel');
    // Every label stays inside its chart: a long one wraps rather than being cut off at the edge.
    const buitenDeGrafiek = await page.evaluate(() =>
      [...document.querySelectorAll<SVGSVGElement>('.hub-tabelblok svg[role=img]')].flatMap((svg) =>
        [...svg.querySelectorAll<SVGTextElement>('text')]
          .filter((tekst) => {
            const vak = tekst.getBBox();
            // A glyph such as the j of 'januari' may overhang its origin by a unit.
            return vak.x < -2 || vak.x + vak.width > svg.viewBox.baseVal.width + 2;
          })
          .map((tekst) => tekst.textContent),
      ),
    );
    expect(buitenDeGrafiek).toEqual([]);

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a suppressed cell says why in words, and the region is a sum only where no gemeente is hidden', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0147,GM0158&jaar=2024',
    );
    await wachtOpCijfers(page, 'Borne en Haaksbergen over 2024');
    const api = await bijstand({ jaar: 2024 });
    let afgeschermd = 0;
    let opgeteld = 0;
    let nietTeBerekenen = 0;
    for (const [veld, rij] of Object.entries(BIJSTAND_RIJEN)) {
      const borne = aantal(api, 'Borne', veld);
      const haaksbergen = aantal(api, 'Haaksbergen', veld);
      for (const [naam, uitApi] of [
        ['Borne', borne],
        ['Haaksbergen', haaksbergen],
      ] as const) {
        const opPagina = await cel(page, BIJSTAND_TABEL, rij, naam);
        if (uitApi.onderdrukt) {
          afgeschermd++;
          expect(opPagina.zichtbaar).toBe('• afgeschermd');
          expect(opPagina.volledig).toBe(
            '• afgeschermd: een aantal van 1 tot en met 4 wordt niet getoond, zodat niemand herkenbaar is; een aantal waaruit zo’n klein aantal terug te rekenen is, ook niet',
          );
        } else {
          expect(getal(opPagina.zichtbaar)).toBe(uitApi.waarde);
        }
      }
      const regio = await cel(page, BIJSTAND_TABEL, rij, REGIO);
      if (borne.onderdrukt || haaksbergen.onderdrukt) {
        nietTeBerekenen++;
        expect(regio.zichtbaar).toBe('× niet te berekenen');
        expect(regio.volledig).toBe('× niet te berekenen: een van de gemeenten is afgeschermd');
      } else {
        opgeteld++;
        expect(getal(regio.zichtbaar)).toBe((borne.waarde ?? NaN) + (haaksbergen.waarde ?? NaN));
      }
    }
    // Haaksbergen is small: all three kinds of row are there (else this test would prove nothing).
    expect([afgeschermd > 0, opgeteld > 0, nietTeBerekenen > 0]).toEqual([true, true, true]);
    // The legend under the table says the same in words, for whoever does not hear the cell.
    const verklaring = await page
      .locator('.hub-tabelblok', { hasText: BIJSTAND_TABEL })
      .first()
      .locator('.hub-verklaring')
      .textContent();
    expect(verklaring).toContain('• afgeschermd: een aantal van 1 tot en met 4 wordt niet getoond');
    expect(verklaring).toContain('× niet te berekenen: een van de gemeenten is afgeschermd');
    // Each figure's cell is described by its source and reference date.
    const beschrijving = await page.evaluate(() => {
      const td = document.querySelector('#tabel-bijstand tbody tr td.utrecht-table__cell--numeric');
      return (td?.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent)
        .join(' ');
    });
    expect(beschrijving).toBe(
      'Bron: Werk en Inkomen; 2024 (1 januari 2024 tot en met 31 december 2024). op 31 december 2024',
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('the CSV download holds exactly the tables on screen, with their marks', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0147,GM0164&jaar=2024',
    );
    await wachtOpCijfers(page, 'Borne en Hengelo over 2024');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download deze tabellen als CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('regionaal-dashboard-2024-borne-hengelo.csv');
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const tekst = bytes.subarray(3).toString('utf8');
    expect(tekst.endsWith('\r\n')).toBe(true);
    const regels = tekst.slice(0, -2).split('\r\n').map(csvVelden);
    expect(regels[0]).toEqual([
      'Onderdeel',
      'Bron',
      'Cijfer',
      'Peildatum of periode',
      'Borne',
      'Hengelo',
      REGIO,
    ]);

    const tabellen = await tabellenOpScherm(page);
    const verwacht: string[][] = [];
    for (const tabel of tabellen) {
      // The columns after the row label are the CSV's, table by table.
      expect(tabel.koppen.slice(1)).toEqual(regels[0]?.slice(3));
      for (const rij of tabel.rijen) verwacht.push([tabel.titel, tabel.bron, ...rij]);
    }
    expect(regels.slice(1)).toEqual(verwacht);
    expect(tabellen.length).toBeGreaterThan(10);
    // Marks stay as on screen; no hidden number and no explanation text slips into the file.
    const cellen = regels.slice(1).flatMap((regel) => regel.slice(4));
    expect(cellen).toContain('• afgeschermd');
    expect(cellen).toContain('× niet te berekenen');
    expect(
      cellen.every((c) => /^(• afgeschermd|× niet te berekenen|– n\.v\.t\.|[\d.,]+%?|€\s[\d.,]+)$/.test(c)),
    ).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('the selection lives in the URL: a shared link opens it, and Back and Forward restore it', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0164,GM0158&jaar=2024&kwartaal=2',
    );
    await wachtOpCijfers(page, 'Haaksbergen en Hengelo over 2e kwartaal 2024');
    // The link is written out in the page's own order; the history gets no extra step for it.
    await page.waitForURL('**/dashboard?gemeenten=GM0158,GM0164&jaar=2024&kwartaal=2');
    expect(await aangevinkt(page)).toEqual(['Haaksbergen', 'Hengelo']);
    expect(await page.getByLabel('Een kwartaal').isChecked()).toBe(true);
    expect(await page.locator('#periode-kwartaal').inputValue()).toBe('2');
    expect(await kolomkoppen(page)).toEqual([
      'Cijfer',
      'Peildatum of periode',
      'Haaksbergen',
      'Hengelo',
      REGIO,
    ]);
    expect(await page.locator('caption', { hasText: 'Uitstroom uit de bijstand per reden' }).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Enschede').check();
    await page.getByLabel('Een maand').check();
    await page.locator('#periode-maand').selectOption('3');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL('**/dashboard?gemeenten=GM0153,GM0158,GM0164&jaar=2024&maand=3');
    await wachtOpCijfers(page, 'Enschede, Haaksbergen en Hengelo over maart 2024');
    // A month has totals only: the breakdowns are named as not published per month.
    expect(await page.locator('caption', { hasText: 'Uitstroom uit de bijstand per reden' }).count()).toBe(0);
    expect(await page.locator('#onderdeel-werk-inkomen .hub-toelichting').textContent()).toContain(
      'Niet per maand: Uitstroom uit de bijstand per reden',
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-maand');

    await page.goBack();
    await page.waitForURL('**/dashboard?gemeenten=GM0158,GM0164&jaar=2024&kwartaal=2');
    await wachtOpCijfers(page, 'Haaksbergen en Hengelo over 2e kwartaal 2024');
    expect(await aangevinkt(page)).toEqual(['Haaksbergen', 'Hengelo']);
    expect(await page.getByLabel('Een kwartaal').isChecked()).toBe(true);
    expect(await kolomkoppen(page)).toEqual([
      'Cijfer',
      'Peildatum of periode',
      'Haaksbergen',
      'Hengelo',
      REGIO,
    ]);

    await page.goForward();
    await page.waitForURL('**/dashboard?gemeenten=GM0153,GM0158,GM0164&jaar=2024&maand=3');
    await wachtOpCijfers(page, 'Enschede, Haaksbergen en Hengelo over maart 2024');
    expect(await aangevinkt(page)).toEqual(['Enschede', 'Haaksbergen', 'Hengelo']);
    expect(await page.getByLabel('Een maand').isChecked()).toBe(true);
    expect(await page.locator('#periode-maand').inputValue()).toBe('3');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a link with an unusable selection says what it ignored and shows the rest', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0164,GM9999&jaar=2024&kwartaal=7',
    );
    await wachtOpCijfers(page, 'Hengelo over 2024');
    expect(await page.locator('.utrecht-alert--warning').textContent()).toContain(
      'Genegeerd: het kwartaal "7", de gemeente "GM9999".',
    );
    expect(await aangevinkt(page)).toEqual(['Hengelo']);
    // The link is left as it was until the user chooses.
    expect(new URL(page.url()).search).toBe('?gemeenten=GM0164,GM9999&jaar=2024&kwartaal=7');
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('with the keyboard only: skip link, the form, the download, the tables', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0147,GM0164&jaar=2024',
    );
    await wachtOpCijfers(page, 'Borne en Hengelo over 2024');
    const gefocust = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const naam =
          element.getAttribute('role') === 'region'
            ? `region ${document.getElementById(element.getAttribute('aria-labelledby') ?? '')?.textContent}`
            : (element as HTMLInputElement).labels?.[0]?.textContent?.trim() || element.textContent?.trim();
        return `${element.tagName.toLowerCase()} ${naam}`;
      });

    // From the top of the page: the document's start is where sequential navigation begins.
    const vanBoven = () =>
      page.evaluate(() => {
        document.body.tabIndex = -1;
        document.body.focus();
        document.body.removeAttribute('tabindex');
      });
    await vanBoven();
    await page.keyboard.press('Tab');
    expect(await gefocust()).toBe('a Naar de inhoud');
    await page.keyboard.press('Enter');
    expect(await gefocust()).toMatch(/^main /);
    const volgorde: string[] = [];
    for (let i = 0; i < 30 && !volgorde.at(-1)?.startsWith('div region'); i++) {
      await page.keyboard.press('Tab');
      volgorde.push(await gefocust());
    }
    expect(volgorde).toEqual([
      'input Borne',
      'input Enschede',
      'input Haaksbergen',
      'input Hengelo',
      'input Een jaar',
      'select Jaar',
      'button Cijfers tonen',
      'button Download deze tabellen als CSV',
      'a Werk en Inkomen: bijstand, loonkostensubsidie en inburgering',
      'a SWB Midden Twente: re-integratie en beschut werk',
      'a Werkplein Twente: plaatsingen en vacatures',
      'a Stadsbank Oost Nederland: schuldhulp',
      'a Werkcentrum Twente: leven lang ontwikkelen',
      'div region Bijstand (Participatiewet, IOAW en IOAZ)',
    ]);

    // Operate the form: tick Enschede, choose the second quarter of 2024, show.
    await vanBoven();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await gefocust()).toBe('input Borne');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await gefocust()).toBe('input Een jaar');
    await page.keyboard.press('ArrowRight');
    expect(await gefocust()).toBe('input Een kwartaal');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('periode-kwartaal');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect(await gefocust()).toBe('button Cijfers tonen');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/dashboard?gemeenten=GM0147,GM0153,GM0164&jaar=2024&kwartaal=2');
    await wachtOpCijfers(page, 'Borne, Enschede en Hengelo over 2e kwartaal 2024');
    expect(await kolomkoppen(page)).toEqual([
      'Cijfer',
      'Peildatum of periode',
      'Borne',
      'Enschede',
      'Hengelo',
      REGIO,
    ]);
    // Focus stayed where the user was.
    expect(await gefocust()).toBe('button Cijfers tonen');
    await page.keyboard.press('Tab');
    expect(await gefocust()).toBe('button Download deze tabellen als CSV');
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('another role opens the dashboard: the hub’s reason, not a crash', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'klantmanager',
      '/dashboard?gemeenten=GM0147&jaar=2024',
    );
    const answer = await web.hub.query(
      'query ($periode: Periode!) { gemeente(code: "GM0147") { bijstand(periode: $periode) { instroom { waarde } } } }',
      { periode: { jaar: 2024 } },
      { as: persona('klantmanager').caller, purpose: 'beleidsinformatie' },
    );
    const reden = answer.errors?.[0];
    expect(reden?.extensions?.code).toBe('FORBIDDEN');
    await page.getByText('U ziet hier geen cijfers').waitFor();
    expect(await page.locator('.hub-reden').allTextContents()).toEqual([reden?.message]);
    expect(await page.locator('.hub-tabelblok').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-geen-toegang');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a partner that cannot answer: its section is marked, the rest is shown', async () => {
    const { page, consoleErrors } = await signedIn(
      browser,
      web,
      'analist',
      '/dashboard?gemeenten=GM0147,GM0164&jaar=2024',
    );
    await wachtOpCijfers(page, 'Borne en Hengelo over 2024');
    werkcentrumDatabase.cut();
    try {
      await page.getByLabel('Een kwartaal').check();
      await page.getByRole('button', { name: 'Cijfers tonen' }).click();
      await wachtOpCijfers(page, 'Borne en Hengelo over 1e kwartaal 2024');
      await page.getByText('Niet alle ketenpartners gaven antwoord').waitFor();
      expect(await page.locator('.utrecht-alert--warning').textContent()).toContain(
        'Werkcentrum Twente is nu niet bereikbaar',
      );
      const werkcentrum = page.locator('#onderdeel-werkcentrum');
      expect(await werkcentrum.locator('.hub-weggelaten').textContent()).toContain(
        'Werkcentrum Twente is nu niet bereikbaar.',
      );
      expect(await werkcentrum.locator('table').count()).toBe(0);
      // The other partners' tables stand.
      for (const partner of ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp']) {
        expect(await page.locator(`#onderdeel-${partner} table`).count()).toBeGreaterThan(0);
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'dashboard-partner-onbereikbaar');
    } finally {
      werkcentrumDatabase.restore();
    }
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('an expired session asks to sign in again and comes back to the same selection', async () => {
    const { page, consoleErrors } = await newPage(browser);
    await page.clock.install();
    await page.goto(`${web.baseUrl}/dashboard?gemeenten=GM0147,GM0164&jaar=2023`);
    await page.locator('button[data-persona="analist"]').click();
    await wachtOpCijfers(page, 'Borne en Hengelo over 2023');
    // The demo's sessions last an hour.
    await page.clock.fastForward('01:00:01');
    await page.getByText('Uw sessie is verlopen').waitFor();
    expect(new URL(page.url()).search).toBe('?gemeenten=GM0147,GM0164&jaar=2023');
    expect(await axeViolations(page)).toEqual([]);
    // The hub signs the new token on its own (real) clock: the page's clock is set back to it.
    await page.clock.setSystemTime(new Date());
    await page.locator('button[data-persona="analist"]').click();
    await wachtOpCijfers(page, 'Borne en Hengelo over 2023');
    expect(await aangevinkt(page)).toEqual(['Borne', 'Hengelo']);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
