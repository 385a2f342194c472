import type { Browser, Page } from 'playwright-core';

import { vandaag } from '../platform/dag';
import { dagenTot, formatCenten, formatDatum, formatTijdstip } from '../web/src/format';
import { organisatieNaam, partnerNaam } from '../web/src/partners';
import {
  CASUSOVERLEG,
  CASUSOVERLEG_LOGBOEK,
  MIJN_CASUSOVERLEGGEN,
  type Casusinzage,
  type CasuslogboekAntwoord,
  type Casusoverleg,
  type OverlegInLijst,
  type Toestemming,
} from '../web/src/pages/casusoverleg/queries';
import { ACTIESTATUS, WIJZE, woord } from '../web/src/pages/casusoverleg/woorden';
import { axeViolations, describeInBrowser, launchBrowser, newPage, screenshot } from './support/browser';
import type { GraphQLResponse } from './support/hub';
import { databaseThrough, startDatabaseProxy, type TcpProxy } from './support/proxies';
import { persona, signedIn, startWebHub, type WebHub } from './support/web-hub';

/** A calendar day relative to today, as the hub counts days (Europe/Amsterdam). */
const dag = (offset: number): string => vandaag(new Date(Date.now() + offset * 86_400_000));

const OPEN = /* GraphQL */ `
  mutation Open($input: OpenCasusoverlegInput!) {
    openCasusoverleg(input: $input) {
      id
    }
  }
`;

const DEELNEMER = /* GraphQL */ `
  mutation Deelnemer($id: ID!, $medewerker: String!, $organisatie: String!) {
    voegDeelnemerToe(casusoverlegId: $id, medewerker: $medewerker, organisatie: $organisatie) {
      id
    }
  }
`;

const TOESTEMMING = /* GraphQL */ `
  mutation Toestemming($id: ID!, $input: ToestemmingInput!) {
    legToestemmingVast(casusoverlegId: $id, input: $input) {
      id
    }
  }
`;

const AGENDAPUNT = /* GraphQL */ `
  mutation Agendapunt($id: ID!, $onderwerp: String!) {
    voegAgendapuntToe(casusoverlegId: $id, onderwerp: $onderwerp) {
      id
    }
  }
`;

const ACTIE = /* GraphQL */ `
  mutation Actie($id: ID!, $input: ActieInput!) {
    voegActieToe(casusoverlegId: $id, input: $input) {
      id
    }
  }
`;

const ACTIESTATUS_WIJZIGEN = /* GraphQL */ `
  mutation ActieStatus($id: ID!, $status: ActieStatus!) {
    wijzigActieStatus(actieId: $id, status: $status) {
      id
    }
  }
`;

/** Which partner's section on the page holds each field of the resident's situation (the schema's split). */
const PARTNER_VAN: Record<string, string> = {
  naam: 'inwoner',
  geboortedatum: 'inwoner',
  uitkeringen: 'werk-inkomen',
  loonkostensubsidies: 'werk-inkomen',
  inburgeringen: 'werk-inkomen',
  trajecten: 'swb',
  swDienstverbanden: 'swb',
  plaatsingen: 'werkplein',
  schuldhulptrajecten: 'schuldhulp',
  vroegsignalen: 'schuldhulp',
  ontwikkeltrajecten: 'werkcentrum',
};

type Lijsten = Omit<Casusinzage, 'naam' | 'geboortedatum'>;

/** What each row of a partner's list must show, from the API's own values, formatted as people read them. */
const RIJ: { [K in keyof Lijsten]-?: (rij: NonNullable<Lijsten[K]>[number]) => string[] } = {
  uitkeringen: (u) => [
    woord('regeling', u.regeling),
    formatDatum(u.ingangsdatum),
    formatCenten(u.bedragPerMaandCenten),
  ],
  loonkostensubsidies: (l) => [l.werkgever, formatDatum(l.startdatum)],
  inburgeringen: (i) => [woord('leerroute', i.leerroute), formatDatum(i.startdatum)],
  trajecten: (t) => [woord('trajectsoort', t.soort), formatDatum(t.startdatum)],
  swDienstverbanden: (d) => [woord('dienstverband', d.soort), formatDatum(d.startdatum)],
  plaatsingen: (p) => [woord('plaatsing', p.soort), p.werkgever.naam, formatDatum(p.startdatum)],
  schuldhulptrajecten: (s) => [
    formatDatum(s.aanmelddatum),
    woord('fase', s.fase),
    formatCenten(s.totaleSchuldCenten),
  ],
  vroegsignalen: (v) => [woord('vroegsignaal', v.soort), formatDatum(v.datum), formatCenten(v.bedragCenten)],
  ontwikkeltrajecten: (o) => [woord('ontwikkeltraject', o.soort), formatCenten(o.budgetCenten)],
};

describeInBrowser('web client: case conference pages (casusoverleg)', () => {
  let web: WebHub;
  let browser: Browser;
  /** Between werkcentrum and its database: cut, the partner cannot answer. */
  let werkcentrumDatabase: TcpProxy;
  /** A conference on consent for Werk en Inkomen, SWB and the Stadsbank only (made by this test). */
  let deelsId: string;
  /** A conference whose consent ran out (made by this test, its dates moved back). */
  let verlopenId: string;
  /** A conference on the Wgshv, a statute in force (made by this test). */
  let wettelijkId: string;

  /** The API as a demo persona, for purpose casusoverleg, as the page asks it. */
  const api = (id: string, document: string, variables: Record<string, unknown> = {}) =>
    web.hub.query(document, variables, { as: persona(id).caller, purpose: 'casusoverleg' });

  const zonderFouten = async (response: Promise<GraphQLResponse>): Promise<Record<string, any>> => {
    const { data, errors } = await response;
    if (errors?.length) throw new Error(errors.map((e) => e.message).join('; '));
    return data ?? {};
  };

  /** Opens a conference about the demo resident with SWB and the Stadsbank, their consent recorded by SWB. */
  const openOpToestemming = async (titel: string, toestemming: Record<string, unknown>): Promise<string> => {
    const open = await zonderFouten(
      api('klantmanager', OPEN, { input: { bsn: web.bsn, titel, grondslag: 'TOESTEMMING' } }),
    );
    const id = open.openCasusoverleg.id as string;
    for (const deelnemer of ['trajectbegeleider', 'schuldhulpverlener']) {
      const { employeeId, organisation } = persona(deelnemer).caller;
      await zonderFouten(
        api('klantmanager', DEELNEMER, { id, medewerker: employeeId, organisatie: organisation }),
      );
    }
    await zonderFouten(
      api('trajectbegeleider', TOESTEMMING, {
        id,
        input: { wijze: 'MONDELING', bewijs: `WEB-TEST ${titel}`, ...toestemming },
      }),
    );
    return id;
  };

  /** Every address the page shows during a test; none may ever hold the BSN. */
  const adressen = (page: Page): string[] => {
    const seen = [page.url()];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) seen.push(frame.url());
    });
    return seen;
  };

  const expectGeenBsn = async (page: Page, seen: string[]): Promise<void> => {
    seen.push(page.url());
    for (const url of seen) expect(url).not.toContain(web.bsn);
    expect(await page.title()).not.toContain(web.bsn);
  };

  /** Opens a conference's page signed in as a persona, straight at its address. */
  const openPagina = async (id: string, personaId: string, titel: string) => {
    const opened = await signedIn(browser, web, personaId, `/casusoverleggen/${id}`);
    const seen = adressen(opened.page);
    await opened.page.getByRole('heading', { level: 1, name: titel }).waitFor();
    return { ...opened, seen };
  };

  /** The text of a section of the page, by its data attribute. */
  const tekst = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText();

  beforeAll(async () => {
    werkcentrumDatabase = await startDatabaseProxy();
    web = await startWebHub('casus', { routeDatabase: databaseThrough(werkcentrumDatabase, 'werkcentrum') });
    browser = await launchBrowser();

    // The demo conference gets an agenda point of SWB and two actions, one of them done.
    await zonderFouten(
      api('trajectbegeleider', AGENDAPUNT, { id: web.casusoverlegId, onderwerp: 'Traject en werkritme' }),
    );
    const budgetplan = await zonderFouten(
      api('schuldhulpverlener', ACTIE, {
        id: web.casusoverlegId,
        input: { eigenaarOrganisatie: 'stadsbank', omschrijving: 'Budgetplan opstellen', deadline: dag(14) },
      }),
    );
    await zonderFouten(
      api('trajectbegeleider', ACTIE, {
        id: web.casusoverlegId,
        input: { eigenaarOrganisatie: 'swb', omschrijving: 'Werkritme opbouwen', deadline: dag(30) },
      }),
    );
    await zonderFouten(
      api('schuldhulpverlener', ACTIESTATUS_WIJZIGEN, { id: budgetplan.voegActieToe.id, status: 'AFGEROND' }),
    );

    deelsId = await openOpToestemming('Werk eerst, schulden daarna', {
      gegevenOp: dag(0),
      verlooptOp: dag(90),
      partners: ['werk-inkomen', 'swb', 'schuldhulp'],
    });
    verlopenId = await openOpToestemming('Verlopen toestemming', {
      gegevenOp: dag(-1),
      verlooptOp: dag(30),
      partners: ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum'],
    });
    // Time passes for this conference's consent: it was given 41 days ago and its last day was 10 days ago.
    await web.hub.asOwner(
      'werk-inkomen',
      `update toestemming set gegeven_op = gegeven_op - 40, verloopt_op = verloopt_op - 40,
              vastgelegd_op = vastgelegd_op - interval '40 days'
        where casusoverleg_id = $1`,
      [Number(verlopenId)],
    );
    const wettelijk = await zonderFouten(
      api('klantmanager', OPEN, {
        input: {
          bsn: web.bsn,
          titel: 'Schuldhulp op grond van de wet',
          grondslag: 'WETTELIJK',
          wettelijkeGrondslag: 'Wgshv',
          partners: ['werk-inkomen', 'schuldhulp'],
        },
      }),
    );
    wettelijkId = wettelijk.openCasusoverleg.id;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await werkcentrumDatabase?.close();
  });

  /** The page's consent card, participants, agenda, actions and every partner's part against the API's answer. */
  const vergelijkMetApi = async (page: Page, overleg: Casusoverleg, geopend: Date): Promise<void> => {
    const kaart = await tekst(page, '[data-toestemming]');
    const geldend = overleg.toestemmingen[0] as Toestemming;
    expect(kaart).toContain('Geldig');
    expect(kaart).toContain(formatDatum(geldend.verlooptOp));
    const dagen = Number(/nog (\d+) dagen/.exec(kaart)?.[1]);
    // The days left on the day the page opened, or on today if midnight fell in between.
    expect([dagenTot(geldend.verlooptOp, geopend), dagenTot(geldend.verlooptOp)]).toContain(dagen);
    expect(kaart).toContain(formatDatum(geldend.gegevenOp));
    expect(kaart).toContain(geldend.bewijs);
    expect(kaart).toContain(WIJZE[geldend.wijze]);
    expect(kaart).toContain(geldend.vastgelegdDoor);
    for (const partner of geldend.partners) expect(kaart).toContain(partnerNaam(partner));
    expect(kaart).toContain('niet ingetrokken');
    expect(await page.getByRole('button', { name: 'Toestemming intrekken' }).count()).toBe(1);

    const deelnemers = await page.locator('[data-tabel=deelnemers] tbody tr').allInnerTexts();
    expect(deelnemers).toHaveLength(overleg.deelnemers.length);
    overleg.deelnemers.forEach((d, index) => {
      expect(deelnemers[index]).toContain(d.medewerker);
      expect(deelnemers[index]).toContain(organisatieNaam(d.organisatie));
      expect(deelnemers[index]).toContain(woord('rol', d.rol));
    });

    expect(await page.locator('.hub-agenda li').allInnerTexts()).toEqual(
      overleg.agenda.map((punt) => punt.onderwerp),
    );
    const acties = await page.locator('[data-tabel=acties] tbody tr').allInnerTexts();
    expect(acties).toHaveLength(overleg.acties.length);
    overleg.acties.forEach((actie, index) => {
      expect(acties[index]).toContain(actie.omschrijving);
      expect(acties[index]).toContain(organisatieNaam(actie.eigenaarOrganisatie));
      expect(acties[index]).toContain(formatDatum(actie.deadline));
      expect(acties[index]).toContain(ACTIESTATUS[actie.status].tekst);
    });

    const inzage = overleg.inzage as Casusinzage;
    const inwoner = await tekst(page, 'section[data-partner=inwoner]');
    expect(inwoner).toContain(inzage.naam);
    expect(inwoner).toContain(formatDatum(inzage.geboortedatum ?? ''));
    expect(await tekst(page, '[data-sectie=over]')).toContain(overleg.bsn);

    for (const veld of Object.keys(RIJ) as (keyof Lijsten)[]) {
      const verwacht = RIJ[veld] as (rij: unknown) => string[];
      const lijst = inzage[veld] ?? [];
      const sectie = page.locator(`section[data-partner="${PARTNER_VAN[veld]}"]`);
      if (lijst.length === 0) {
        expect(await sectie.locator(`.hub-leeg[data-veld="${veld}"]`).count()).toBe(1);
        continue;
      }
      const rijen = await sectie.locator(`table[data-veld="${veld}"] tbody tr`).allInnerTexts();
      expect(rijen).toHaveLength(lijst.length);
      lijst.forEach((rij, index) => {
        for (const waarde of verwacht(rij)) expect(rijen[index]).toContain(waarde);
      });
    }
    expect(await page.locator('.hub-weggelaten').count()).toBe(0);
  };

  test.each(['klantmanager', 'trajectbegeleider', 'schuldhulpverlener'])(
    'as %s: the list of my conferences, then the demo conference with its consent, participants, agenda, actions and every partner’s part as the API gives them',
    async (id) => {
      const { page, consoleErrors } = await signedIn(browser, web, id);
      const seen = adressen(page);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Casusoverleggen' })
        .click();
      await page.locator('[data-tabel=casusoverleggen]').waitFor();

      const lijst = (await zonderFouten(api(id, MIJN_CASUSOVERLEGGEN)))
        .mijnCasusoverleggen as OverlegInLijst[];
      const rijen = await page.locator('[data-tabel=casusoverleggen] tbody tr').allInnerTexts();
      expect(rijen).toHaveLength(lijst.length);
      lijst.forEach((overleg, index) => {
        expect(rijen[index]).toContain(overleg.titel);
        expect(rijen[index]).toContain(formatDatum(overleg.geopendOp));
        expect(rijen[index]).toContain(overleg.geslotenOp ? 'Gesloten' : 'Open');
      });
      const demoRij = page.locator(`[data-tabel=casusoverleggen] tr[data-id="${web.casusoverlegId}"]`);
      expect(await demoRij.innerText()).toContain('Geldig');
      expect(await axeViolations(page)).toEqual([]);
      if (id === 'klantmanager') await screenshot(page, 'casusoverleggen');

      const demo = lijst.find((overleg) => overleg.id === web.casusoverlegId);
      const geopend = new Date();
      await demoRij.getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: demo?.titel }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/casusoverleggen/${web.casusoverlegId}`);

      // The log is asked once the conference is on screen: it holds the page's own look.
      await page.locator('[data-logboek=werkcentrum]').waitFor();
      const persoon = persona(id).caller;
      const eigenLog = await zonderFouten(api(id, CASUSOVERLEG_LOGBOEK, { id: web.casusoverlegId }));
      const logboek = (eigenLog as CasuslogboekAntwoord).casusoverleg?.logboek;
      const delen = [
        ['werkInkomen', 'werk-inkomen'],
        ['swb', 'swb'],
        ['werkplein', 'werkplein'],
        ['schuldhulp', 'schuldhulp'],
        ['werkcentrum', 'werkcentrum'],
      ] as const;
      for (const [veld, partner] of delen) {
        const gelogd = logboek?.[veld] ?? [];
        const sectie = page.locator(`[data-logboek="${partner}"]`);
        expect(await sectie.getAttribute('data-beschikbaar')).toBe('ja');
        const rijen = await sectie.locator('tbody tr').allInnerTexts();
        // Werk-inkomen logs each reading of the log as a look at the conference: the API's question, and
        // depending on the query plan the page's own, are newer than what the page shows. Nothing else is.
        const nieuwer = gelogd.length - rijen.length;
        const mogelijk = veld === 'werkInkomen' ? [1, 2] : [0];
        expect({ partner, nieuwer, mogelijk: mogelijk.includes(nieuwer) }).toEqual({
          partner,
          nieuwer,
          mogelijk: true,
        });
        const verwacht = gelogd.slice(nieuwer);
        verwacht.forEach((regel, index) => {
          expect(rijen[index]).toContain(formatTijdstip(regel.tijdstip));
          expect(rijen[index]).toContain(organisatieNaam(regel.organisatie));
          for (const veldnaam of regel.velden) expect(rijen[index]).toContain(veldnaam);
        });
        expect(await sectie.innerText()).not.toContain(web.bsn);
      }
      // This persona's look at SWB's part of the resident's situation, just now, is in SWB's log.
      const swbRijen = await page.locator('[data-logboek=swb] tbody tr').allInnerTexts();
      expect(
        swbRijen.some(
          (rij) =>
            rij.includes(organisatieNaam(persoon.organisation)) &&
            rij.includes(woord('rol', persoon.roles[0] ?? '')) &&
            rij.includes('trajecten'),
        ),
      ).toBe(true);
      expect(await page.locator('[data-logboek] caption').first().innerText()).toContain('nieuwste eerst');

      const antwoord = await api(id, CASUSOVERLEG, { id: web.casusoverlegId });
      expect(antwoord.errors).toBeUndefined();
      await vergelijkMetApi(page, antwoord.data?.casusoverleg as Casusoverleg, geopend);
      expect(await axeViolations(page)).toEqual([]);
      if (id === 'trajectbegeleider') await screenshot(page, 'casusoverleg');
      await expectGeenBsn(page, seen);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    },
  );

  test('a conference with consent for some partners marks each part outside it with the hub’s reason', async () => {
    const { page, consoleErrors, seen } = await openPagina(
      deelsId,
      'schuldhulpverlener',
      'Werk eerst, schulden daarna',
    );
    const { data, errors } = await api('schuldhulpverlener', CASUSOVERLEG, { id: deelsId });
    const geweigerd = (errors ?? []).filter((e) => e.path?.[1] === 'inzage');
    // The hub withholds the Werkplein's and the Werkcentrum's parts, each with its reason.
    expect(new Set(geweigerd.map((e) => PARTNER_VAN[String(e.path?.[2])]))).toEqual(
      new Set(['werkplein', 'werkcentrum']),
    );
    for (const error of geweigerd) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      const partner = PARTNER_VAN[String(error.path?.[2])] ?? '';
      const sectie = await tekst(page, `section[data-partner="${partner}"] .hub-weggelaten`);
      expect(sectie).toContain('Niet getoond');
      expect(sectie).toContain(error.message);
      expect(sectie).toContain(
        `Buiten de toestemming: de inwoner gaf geen toestemming om gegevens van ${partnerNaam(partner)} te delen.`,
      );
    }
    // The partners in scope show their parts as the API gives them.
    for (const veld of ['uitkeringen', 'trajecten', 'schuldhulptrajecten']) {
      const lijst = data?.casusoverleg.inzage[veld] as unknown[];
      const sectie = page.locator(`section[data-partner="${PARTNER_VAN[veld]}"]`);
      expect(await sectie.locator('.hub-weggelaten').count()).toBe(0);
      expect(
        await sectie.locator(`[data-veld="${veld}"] tbody tr, .hub-leeg[data-veld="${veld}"]`).count(),
      ).toBe(Math.max(lijst.length, 1));
    }
    expect(await tekst(page, '[data-sectie=over]')).toContain(
      `${partnerNaam('werk-inkomen')}, ${partnerNaam('swb')} en ${partnerNaam('schuldhulp')}`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'casusoverleg-buiten-toestemming');
    await expectGeenBsn(page, seen);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('an expired consent shows as expired since its last day, and the hub’s reason where the data was', async () => {
    const geopend = new Date();
    const { page, consoleErrors, seen } = await openPagina(
      verlopenId,
      'trajectbegeleider',
      'Verlopen toestemming',
    );
    const { data, errors } = await api('trajectbegeleider', CASUSOVERLEG, { id: verlopenId });
    const toestemming = (data?.casusoverleg as Casusoverleg).toestemmingen[0] as Toestemming;
    expect(data?.casusoverleg.inzage).toBeNull();
    const reden = errors?.find((e) => e.path?.join('.') === 'casusoverleg.inzage');
    expect(reden?.extensions?.code).toBe('FORBIDDEN');

    const kaart = await tekst(page, '[data-toestemming]');
    expect(kaart).toContain('Verlopen');
    expect(kaart).toContain(formatDatum(toestemming.verlooptOp));
    const dagen = Number(/sinds (\d+) dagen verlopen/.exec(kaart)?.[1]);
    expect([-dagenTot(toestemming.verlooptOp, geopend), -dagenTot(toestemming.verlooptOp)]).toContain(dagen);

    const situatie = await tekst(page, '[data-veld=inzage]');
    expect(situatie).toContain(reden?.message);
    expect(situatie).toContain(
      `De toestemming is verlopen: ${formatDatum(toestemming.verlooptOp)} was de laatste dag.`,
    );
    expect(await axeViolations(page)).toEqual([]);

    // The list says so too.
    await page.getByRole('link', { name: 'Alle casusoverleggen' }).click();
    const rij = page.locator(`[data-tabel=casusoverleggen] tr[data-id="${verlopenId}"]`);
    await rij.waitFor();
    expect(await rij.innerText()).toContain('Verlopen');
    await expectGeenBsn(page, seen);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a conference on a statute names the statute and its article, and marks the partners outside it', async () => {
    const { page, consoleErrors, seen } = await openPagina(
      wettelijkId,
      'klantmanager',
      'Schuldhulp op grond van de wet',
    );
    const { data, errors } = await api('klantmanager', CASUSOVERLEG, { id: wettelijkId });
    const wet = (data?.grondslagen as Record<string, string>[]).find((g) => g.code === 'Wgshv');
    const over = await tekst(page, '[data-sectie=over]');
    expect(over).toContain(`${wet?.naam} (Wgshv), ${wet?.artikel}`);
    expect(over).toContain('in werking');
    expect(await tekst(page, '[data-sectie=toestemming]')).toContain('Dit overleg rust op een wet');
    const geweigerd = (errors ?? []).filter((e) => e.path?.[1] === 'inzage');
    expect(new Set(geweigerd.map((e) => PARTNER_VAN[String(e.path?.[2])]))).toEqual(
      new Set(['swb', 'werkplein', 'werkcentrum']),
    );
    for (const error of geweigerd) {
      const partner = PARTNER_VAN[String(error.path?.[2])] ?? '';
      const sectie = await tekst(page, `section[data-partner="${partner}"]`);
      expect(sectie).toContain(error.message);
      expect(sectie).toContain(`Buiten de wettelijke grondslag: ${partnerNaam(partner)}`);
    }
    expect(await page.locator('section[data-partner=schuldhulp] .hub-weggelaten').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await expectGeenBsn(page, seen);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('withdrawing consent asks for confirmation; then the page shows the withdrawal and every part withheld with the hub’s reason', async () => {
    const { page, consoleErrors, seen } = await openPagina(
      deelsId,
      'trajectbegeleider',
      'Werk eerst, schulden daarna',
    );
    const intrekken = page.getByRole('button', { name: 'Toestemming intrekken' });
    await intrekken.click();
    const vraag = page.getByRole('group', { name: 'Toestemming intrekken?' });
    await vraag.waitFor();
    // The question takes the focus, so a screen reader reads it first.
    await page.waitForFunction(() => document.activeElement?.id === 'intrekken-vraag');
    expect(await axeViolations(page)).toEqual([]);
    // Cancelling records nothing.
    await vraag.getByRole('button', { name: 'Annuleren' }).click();
    await intrekken.waitFor();
    const nogGeldig = await api('trajectbegeleider', CASUSOVERLEG, { id: deelsId });
    expect(nogGeldig.data?.casusoverleg.toestemmingen[0].ingetrokkenOp).toBeNull();

    await intrekken.click();
    await page.getByRole('button', { name: 'Ja, toestemming intrekken' }).click();
    await page.getByText('De intrekking is vastgelegd').waitFor();
    await page.locator('[data-toestemming=ingetrokken]').waitFor();

    const { data, errors } = await api('trajectbegeleider', CASUSOVERLEG, { id: deelsId });
    const toestemming = (data?.casusoverleg as Casusoverleg).toestemmingen[0] as Toestemming;
    expect(toestemming.ingetrokkenOp).toEqual(expect.any(String));
    const kaart = await tekst(page, '[data-toestemming]');
    expect(kaart).toContain('Ingetrokken');
    expect(kaart).toContain(formatTijdstip(toestemming.ingetrokkenOp ?? ''));
    expect(kaart).toContain(toestemming.ingetrokkenDoor);
    expect(await page.getByRole('button', { name: 'Toestemming intrekken' }).count()).toBe(0);

    const reden = errors?.find((e) => e.path?.join('.') === 'casusoverleg.inzage');
    expect(reden?.extensions?.code).toBe('FORBIDDEN');
    const situatie = await tekst(page, '[data-veld=inzage]');
    expect(situatie).toContain(reden?.message);
    expect(situatie).toContain('De inwoner heeft de toestemming ingetrokken.');
    expect(await tekst(page, '[data-sectie=over]')).toContain('geen: er is geen geldende toestemming');
    expect(await tekst(page, '[data-tabel=verloop]')).toContain('Toestemming ingetrokken');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'casusoverleg-ingetrokken');
    await expectGeenBsn(page, seen);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a role without a case role (analist) sees the hub’s reason, on the list and on a conference', async () => {
    const { page, consoleErrors } = await signedIn(browser, web, 'analist', '/casusoverleggen');
    const seen = adressen(page);
    const lijst = await api('analist', MIJN_CASUSOVERLEGGEN);
    expect(lijst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const melding = page.getByRole('alert').filter({ hasText: 'U heeft geen toegang tot casusoverleggen' });
    await melding.waitFor();
    expect(await melding.innerText()).toContain(lijst.errors?.[0]?.message);
    expect(await melding.innerText()).toContain('Alleen medewerkers in een casusrol nemen deel');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    const { page: overlegPagina, consoleErrors: fouten } = await signedIn(
      browser,
      web,
      'analist',
      `/casusoverleggen/${web.casusoverlegId}`,
    );
    const overleg = await api('analist', CASUSOVERLEG, { id: web.casusoverlegId });
    expect(overleg.data?.casusoverleg ?? null).toBeNull();
    const weigering = overlegPagina
      .getByRole('alert')
      .filter({ hasText: 'U kunt dit casusoverleg niet inzien' });
    await weigering.waitFor();
    expect(await weigering.innerText()).toContain(overleg.errors?.[0]?.message);
    expect(await axeViolations(overlegPagina)).toEqual([]);
    await expectGeenBsn(overlegPagina, seen);
    expect([...consoleErrors, ...fouten]).toEqual([]);
    await overlegPagina.context().close();
  });

  test('an expired session asks to sign in again and keeps the conference’s address, which holds no BSN', async () => {
    const { page, consoleErrors } = await newPage(browser);
    const seen = adressen(page);
    await page.clock.install();
    await page.goto(`${web.baseUrl}/casusoverleggen/${web.casusoverlegId}`);
    await page.locator('button[data-persona="schuldhulpverlener"]').click();
    await page.locator('[data-toestemming]').waitFor();
    // The demo session lasts an hour; two hours on, the client ends it.
    await page.clock.fastForward('02:00:00');
    await page.getByText('Uw sessie is verlopen').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/casusoverleggen/${web.casusoverlegId}`);
    expect(await page.locator('[data-toestemming]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await expectGeenBsn(page, seen);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  test('a partner that cannot answer is marked as unavailable, and the rest of the conference stands', async () => {
    werkcentrumDatabase.cut();
    try {
      const { data, errors } = await api('trajectbegeleider', CASUSOVERLEG, { id: web.casusoverlegId });
      const { page, consoleErrors, seen } = await openPagina(
        web.casusoverlegId,
        'trajectbegeleider',
        (data?.casusoverleg as Casusoverleg).titel,
      );
      expect(new Set(errors?.map((e): unknown => e.extensions?.serviceName))).toEqual(
        new Set(['werkcentrum']),
      );
      await page.getByText('Niet alle ketenpartners gaven antwoord').waitFor();
      expect(
        await page.getByRole('alert').filter({ hasText: 'Niet alle ketenpartners' }).innerText(),
      ).toContain(partnerNaam('werkcentrum'));
      const werkcentrum = page.locator('section[data-partner=werkcentrum]');
      expect(await werkcentrum.getAttribute('data-beschikbaar')).toBe('nee');
      expect(await werkcentrum.innerText()).toContain('Niet beschikbaar');
      for (const error of errors ?? []) expect(await werkcentrum.innerText()).toContain(error.message);
      // The conference's log marks the partner too, and shows the others' parts.
      const werkcentrumLog = page.locator('[data-logboek=werkcentrum]');
      await page.locator('[data-logboek=werkcentrum] .hub-weggelaten').waitFor();
      expect(await werkcentrumLog.getAttribute('data-beschikbaar')).toBe('nee');
      expect(await werkcentrumLog.innerText()).toContain('Niet beschikbaar');
      for (const partner of ['werk-inkomen', 'swb', 'schuldhulp']) {
        const deel = page.locator(`[data-logboek="${partner}"]`);
        expect(await deel.getAttribute('data-beschikbaar')).toBe('ja');
        expect(await deel.locator('tbody tr').count()).toBeGreaterThan(0);
      }
      // The other partners' parts are all there.
      for (const veld of ['uitkeringen', 'trajecten', 'plaatsingen', 'schuldhulptrajecten']) {
        const lijst = data?.casusoverleg.inzage[veld] as unknown[];
        const sectie = page.locator(`section[data-partner="${PARTNER_VAN[veld]}"]`);
        expect(await sectie.getAttribute('data-beschikbaar')).toBe('ja');
        expect(
          await sectie.locator(`[data-veld="${veld}"] tbody tr, .hub-leeg[data-veld="${veld}"]`).count(),
        ).toBe(Math.max(lijst.length, 1));
      }
      expect(await axeViolations(page)).toEqual([]);
      await screenshot(page, 'casusoverleg-partner-onbereikbaar');
      await expectGeenBsn(page, seen);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    } finally {
      werkcentrumDatabase.restore();
    }
  });
});
