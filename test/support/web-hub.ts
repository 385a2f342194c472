import type { Browser, Page } from 'playwright-core';
import { demoBsns, ensureDemoCasusoverleg, loadDemoPopulation } from '../../hub/demo';
import { demoSignIn } from '../../hub/demo-sign-in';
import { DEMO_PERSONAS } from '../../hub/personas';
import { startTestHub, type TestHub, type TestHubOptions } from './hub';
import { newPage } from './browser';

export interface WebHub {
  hub: TestHub;
  /** Where the web client is served: the gateway's `/`. */
  baseUrl: string;
  /** The demo resident (data at all five partners), the demo persona `inwoner`. */
  bsn: string;
  /** The demo case conference about that resident. */
  casusoverlegId: string;
  close(): Promise<void>;
}

export function persona(id: string): (typeof DEMO_PERSONAS)[number] {
  const found = DEMO_PERSONAS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no demo persona ${id}`);
  return found;
}

/**
 * The hub as `npm start` runs it, on fresh test databases: the demo population, the demo case
 * conference, and the web client with the persona sign-in (signed by the test issuer).
 */
export async function startWebHub(name: string, options: TestHubOptions = {}): Promise<WebHub> {
  let bsn: string | null = null;
  const hub = await startTestHub(
    name,
    async (_orms, urls) => {
      await loadDemoPopulation(urls);
      bsn = (await demoBsns(urls, 1))[0] ?? null;
    },
    { signIn: (issuer) => demoSignIn(issuer, () => Promise.resolve(bsn)), ...options },
  );
  const resident = bsn as string | null;
  if (!resident) throw new Error('the demo population has no resident known to all five partners');
  const participant = async (id: string) => {
    const { caller } = persona(id);
    return {
      token: await hub.token(caller),
      employeeId: caller.employeeId,
      organisation: caller.organisation,
    };
  };
  const klantmanager = await participant('klantmanager');
  const casusoverlegId = await ensureDemoCasusoverleg(hub.gateway.url, klantmanager.token, resident, [
    await participant('trajectbegeleider'),
    await participant('schuldhulpverlener'),
  ]);
  return {
    hub,
    baseUrl: new URL('/', hub.gateway.url).toString().replace(/\/$/, ''),
    bsn: resident,
    casusoverlegId,
    close: () => hub.close(),
  };
}

/** Opens `path` in a fresh browser context and signs in there as a demo persona; the page then shows `path`. */
export async function signedIn(
  browser: Browser,
  web: WebHub,
  personaId: string,
  path = '/',
): Promise<{ page: Page; consoleErrors: string[] }> {
  const opened = await newPage(browser);
  await opened.page.goto(`${web.baseUrl}${path}`);
  await opened.page.locator(`button[data-persona="${personaId}"]`).click();
  await opened.page.getByRole('button', { name: 'Afmelden' }).waitFor();
  return opened;
}
