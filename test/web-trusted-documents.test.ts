import type { Browser, Page } from 'playwright-core';
import { readClientManifests } from '../gateway/trusted-documents';
import { describeInBrowser, launchBrowser, newPage } from './support/browser';
import { startWebHub, type WebHub } from './support/web-hub';

/**
 * Opens `path` and signs in there as a demo persona (the session lives in the page's memory), keeping
 * the body of every GraphQL request the page sends.
 */
async function signedInWatching(
  browser: Browser,
  web: WebHub,
  personaId: string,
  path: string,
): Promise<{ page: Page; consoleErrors: string[]; bodies: Record<string, unknown>[] }> {
  const { page, consoleErrors } = await newPage(browser);
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/graphql' && request.method() === 'POST') {
      bodies.push(JSON.parse(request.postData() ?? '{}') as Record<string, unknown>);
    }
  });
  await page.goto(`${web.baseUrl}${path}`);
  await page.locator(`button[data-persona="${personaId}"]`).click();
  return { page, consoleErrors, bodies };
}

describeInBrowser('Web client: sends registered document ids to a hub that runs nothing else', () => {
  let web: WebHub;
  let browser: Browser;
  let registered: Map<string, string>;

  beforeAll(async () => {
    // As in production: query texts are refused, registered ids run.
    web = await startWebHub('webdocs', { allowArbitraryDocuments: false });
    browser = await launchBrowser();
    const manifests = await readClientManifests();
    registered = new Map(
      manifests
        .filter((manifest) => manifest.client === 'dashboard' || manifest.client === 'web')
        .flatMap((manifest) => manifest.operations.map((operation) => [operation.id, manifest.client])),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("shows the regional dashboard's figures, every request a registered id of the dashboard and no text", async () => {
    const { page, consoleErrors, bodies } = await signedInWatching(browser, web, 'analist', '/dashboard');
    await page.locator('.hub-tabelblok table').first().waitFor();
    expect(bodies.length).toBeGreaterThanOrEqual(2);
    for (const body of bodies) {
      expect(body.query).toBeUndefined();
      expect(registered.get(body.documentId as string)).toBe('dashboard');
    }
    expect(consoleErrors).toEqual([]);
  });

  it('shows the case conferences of a participant and the demo conference from registered ids of the web client', async () => {
    const { page, consoleErrors, bodies } = await signedInWatching(
      browser,
      web,
      'trajectbegeleider',
      `/casusoverleggen/${web.casusoverlegId}`,
    );
    await page.getByRole('heading', { level: 1, name: 'Demo: ketenaanpak werk en schulden' }).waitFor();
    expect(bodies.length).toBeGreaterThanOrEqual(1);
    for (const body of bodies) {
      expect(body.query).toBeUndefined();
      expect(registered.get(body.documentId as string)).toBe('web');
    }
    expect(consoleErrors).toEqual([]);
  });
});
