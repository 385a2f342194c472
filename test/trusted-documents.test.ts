import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../platform/config';
import { readFieldUsage } from '../gateway/field-usage';
import { documentId, readClientManifests, type TrustedOperation } from '../gateway/trusted-documents';
import { startTestHub, type TestHub } from './support/hub';
import { PERSONAS } from './support/personas';

describe('Trusted documents: registered clients send a document id, the gateway runs registered operations', () => {
  let production: TestHub | null;
  let development: TestHub;
  let usageDir: string;
  let gemeenten: TrustedOperation;

  /** Posts a body to a hub's gateway as the regional analyst, for purpose beleidsinformatie. */
  async function post(hub: TestHub | null, body: Record<string, unknown>): Promise<Record<string, any>> {
    if (!hub) throw new Error('the hub is closed');
    const response = await fetch(hub.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await hub.token(PERSONAS.analist)}`,
        'x-doelbinding': 'beleidsinformatie',
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, ...((await response.json()) as Record<string, any>) };
  }

  beforeAll(async () => {
    usageDir = await mkdtemp(join(tmpdir(), 'field-usage-'));
    const dashboard = (await readClientManifests()).find((manifest) => manifest.client === 'dashboard');
    gemeenten = dashboard?.operations.find((o) => o.name === 'DashboardGemeenten') as TrustedOperation;
    production = await startTestHub('documenten', undefined, {
      allowArbitraryDocuments: false,
      fieldUsageDir: usageDir,
    });
    development = await startTestHub('documenten_dev');
  });

  afterAll(async () => {
    await Promise.all([production?.close(), development?.close()]);
    await rm(usageDir, { recursive: true, force: true });
  });

  it('refuses documents outside the registry by default in production only', () => {
    expect(loadConfig({}).gateway.allowArbitraryDocuments).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).gateway.allowArbitraryDocuments).toBe(false);
    expect(
      loadConfig({ NODE_ENV: 'production', ALLOW_ARBITRARY_DOCUMENTS: 'true' }).gateway
        .allowArbitraryDocuments,
    ).toBe(true);
    expect(() => loadConfig({ ALLOW_ARBITRARY_DOCUMENTS: 'yes' })).toThrow(
      'ALLOW_ARBITRARY_DOCUMENTS must be true or false',
    );
  });

  it("runs a registered document sent by its id (the dashboard's list of gemeenten)", async () => {
    expect(gemeenten.id).toBe(documentId(gemeenten.body));
    const answer = await post(production, { documentId: gemeenten.id, variables: {} });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.gemeenten).toEqual(expect.arrayContaining([{ code: 'GM0164', naam: 'Hengelo' }]));
    expect(answer.status).toBe(200);
  });

  it('refuses an unknown document id with a clear error', async () => {
    const answer = await post(production, {
      documentId: documentId('query Onbekend { gemeenten { code } }'),
    });
    expect(answer).toEqual({
      status: 400,
      errors: [
        {
          message:
            'This document id is not registered at the hub: a client sends only documents of the registry (npm run registry).',
          extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' },
        },
      ],
    });
  });

  it('refuses an ad-hoc document where configured so, even with the text of a registered one', async () => {
    const answer = await post(production, { query: gemeenten.body });
    expect(answer).toEqual({
      status: 400,
      errors: [
        {
          message:
            'This hub runs registered documents only: send the documentId of a registered document instead of a query text.',
          extensions: { code: 'PERSISTED_QUERY_ONLY' },
        },
      ],
    });
  });

  it('runs ad-hoc documents in development, and registered ids there too', async () => {
    const adHoc = await post(development, { query: '{ gemeenten { code } }' });
    expect(adHoc.errors).toBeUndefined();
    expect(adHoc.data.gemeenten.length).toBeGreaterThan(3);
    const registered = await post(development, { documentId: gemeenten.id });
    expect(registered.data.gemeenten).toEqual(expect.arrayContaining([{ code: 'GM0147', naam: 'Borne' }]));
  });

  it('records the schema coordinates of executed operations per client and day, refused ones not', async () => {
    await post(production, { documentId: gemeenten.id });
    // Closing flushes the counts to the gateway's file.
    await production?.close();
    production = null;
    const usage = await readFieldUsage(usageDir);
    const today = new Date().toISOString().slice(0, 10);
    // Two executions of the dashboard's document; the refused requests executed nothing.
    expect(usage).toEqual({
      [today]: { dashboard: { 'Query.gemeenten': 2, 'Gemeente.code': 2, 'Gemeente.naam': 2 } },
    });
  });
});
