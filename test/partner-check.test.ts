import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { SCHEMA_DIR } from '../platform/paths';
import { coordinatesOf, FieldUsageRecorder, readFieldUsage } from '../gateway/field-usage';
import { readClientManifests, type ClientManifest } from '../gateway/trusted-documents';
import { composeSchema } from '../scripts/composition';
import { runPartnerCheck } from '../scripts/partner-check';
import { checkPartnerProposal } from '../scripts/registry/partner-check';
import { startTestHub } from './support/hub';

describe('partner:check: may a proposed subgraph schema go to production?', () => {
  let dir: string;
  let werkplein: string;
  let clients: ClientManifest[];
  const DAY = 86_400_000;

  /** Runs the command line; returns its exit code and report. */
  async function cli(...argv: string[]): Promise<{ code: number; report: string }> {
    let report = '';
    const code = await runPartnerCheck(argv, (text) => (report += text), {});
    return { code, report };
  }

  /** Writes a proposal: today's werkplein schema changed by `edit`. */
  async function proposal(name: string, edit: (sdl: string) => string): Promise<string> {
    const file = join(dir, `${name}.graphql`);
    const changed = edit(werkplein);
    expect(changed).not.toBe(werkplein);
    await writeFile(file, changed);
    return file;
  }

  /** Field usage as the gateway records it: the coordinates of a registered document, per client. */
  async function usageOf(client: string, operationName: string, at: Date): Promise<string> {
    const usageDir = join(dir, `usage-${client}-${at.getTime()}`);
    const { apiSchema } = await composeSchema();
    const operation = clients
      .find((manifest) => manifest.client === client)
      ?.operations.find((candidate) => candidate.name === operationName);
    if (!operation) throw new Error(`no ${operationName} of ${client}`);
    const recorder = new FieldUsageRecorder(usageDir, 'gateway-a.json');
    recorder.record(client, coordinatesOf(apiSchema, parse(operation.body)), at);
    await recorder.close();
    return usageDir;
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'partner-check-'));
    werkplein = await readFile(join(SCHEMA_DIR, 'werkplein.graphql'), 'utf8');
    clients = await readClientManifests();
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('approves a safe change (a new field) with exit code 0 and lists it as safe', async () => {
    const file = await proposal('safe', (sdl) =>
      sdl.replace(
        '  sector: String!\n',
        '  sector: String!\n  """Website of the employer."""\n  website: String\n',
      ),
    );
    const { code, report } = await cli('werkplein', '--schema', file, '--usage', join(dir, 'none'));
    expect(report).toContain("SAFE      Field 'website' was added to object type 'Werkgever'");
    expect(report).toContain('Composition with the other partners: ok');
    expect(report).toMatch(/against the new API schema: all \d+ valid/);
    expect(report).toContain('Verdict: APPROVED');
    expect(code).toBe(0);
  });

  it('refuses removing a field a client used in the last 30 days, even when it was deprecated', async () => {
    const usage = await usageOf('web', 'Casusoverleg', new Date(Date.now() - 3 * DAY));
    const deprecated = werkplein.replace(
      '  naam: String!\n',
      '  naam: String! @deprecated(reason: "Use handelsnaam")\n',
    );
    const result = await checkPartnerProposal({
      partner: 'werkplein',
      proposal: deprecated.replace('  naam: String! @deprecated(reason: "Use handelsnaam")\n', ''),
      registered: { ...(await registeredWith('werkplein', deprecated)) },
      days: 30,
      usage: await readFieldUsage(usage),
      clients: [],
    });
    expect(result.approved).toBe(false);
    expect(result.refusals).toEqual([
      expect.stringMatching(/^Werkgever\.naam: breaking, and used in the last 30 days by web \(1x\)$/),
    ]);
    expect(result.report).toContain(
      "BREAKING  Field 'naam' (deprecated) was removed from object type 'Werkgever'",
    );
  });

  it('approves removing a deprecated field whose last use is older than --days', async () => {
    const usage = await usageOf('web', 'Casusoverleg', new Date(Date.now() - 40 * DAY));
    const deprecated = werkplein.replace(
      '  naam: String!\n',
      '  naam: String! @deprecated(reason: "Use handelsnaam")\n',
    );
    const result = await checkPartnerProposal({
      partner: 'werkplein',
      proposal: deprecated.replace('  naam: String! @deprecated(reason: "Use handelsnaam")\n', ''),
      registered: await registeredWith('werkplein', deprecated),
      days: 30,
      usage: await readFieldUsage(usage),
      clients: [],
    });
    expect(result.report).toContain('no client used Werkgever.naam in the last 30 days');
    expect(result.approved).toBe(true);
  });

  it('refuses, exit code 1, removing a field that nobody used but that was not deprecated first', async () => {
    const file = await proposal('undeprecated', (sdl) =>
      sdl.replace(
        '  """Number in the trade register of the Kamer van Koophandel."""\n  kvkNummer: String!\n',
        '',
      ),
    );
    const { code, report } = await cli('werkplein', '--schema', file, '--usage', join(dir, 'none'));
    expect(report).toContain('no client used Werkgever.kvkNummer in the last 30 days');
    expect(report).toContain(
      "refused: Werkgever.kvkNummer is not deprecated in today's schema; deprecate it first",
    );
    expect(report).toMatch(/all \d+ valid/);
    expect(report).toContain('Verdict: REFUSED');
    expect(code).toBe(1);
  });

  it('refuses, exit code 1, a proposal that does not compose with the other partners, with the composition errors', async () => {
    // Werk-inkomen's Gemeente.naam is String!: another type for it in werkplein cannot compose.
    const file = await proposal('conflict', (sdl) =>
      sdl.replace(
        'type Gemeente @key(fields: "code") {\n  code: String!\n',
        'type Gemeente @key(fields: "code") {\n  code: String!\n  naam: Int\n',
      ),
    );
    const { code, report } = await cli('werkplein', '--schema', file, '--usage', join(dir, 'none'));
    expect(report).toContain('Composition with the other partners: FAILED');
    expect(report).toMatch(/Gemeente\.naam/);
    expect(report).toContain('the proposal does not compose with the other partners');
    expect(code).toBe(1);
  });

  it("reads a running subgraph's _service { sdl } with --url, signed with that partner's proof key as the gateway signs", async () => {
    const key = randomBytes(32).toString('hex');
    process.env.WERKPLEIN_PROOF_KEY = key;
    const hub = await startTestHub('partnercheck').finally(() => delete process.env.WERKPLEIN_PROOF_KEY);
    try {
      let report = '';
      const code = await runPartnerCheck(
        ['werkplein', '--url', hub.subgraphs.werkplein.url, '--usage', join(dir, 'none')],
        (text) => (report += text),
        { WERKPLEIN_PROOF_KEY: key },
      );
      expect(report).toContain('Changes to the API schema clients see: 0');
      expect(code).toBe(0);
      // Without the partner's key the subgraph does not answer, and the check says so.
      const refused = await cli('werkplein', '--url', hub.subgraphs.werkplein.url);
      expect(refused.report).toMatch(/gave no _service \{ sdl \}/);
      expect(refused.code).toBe(2);
    } finally {
      await hub.close();
    }
  });

  it("reads a new partner's proposal from its own server's _service { sdl } with --url", async () => {
    const server: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify(query.includes('_service') ? { data: { _service: { sdl: NIEUW } } } : {}),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
      const { code, report } = await cli('werkbedrijf', '--url', url, '--usage', join(dir, 'none'));
      expect(report).toContain('Composition with the other partners: ok (werkbedrijf is a new partner)');
      expect(report).toContain("SAFE      Field 'werkbedrijfPlaatsen' was added to object type 'Gemeente'");
      expect(code).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it.each([
    [[], 'name one partner'],
    [['werkplein'], 'give either --schema or --url'],
    [['werkplein', '--schema', '/nonexistent.graphql'], 'cannot read /nonexistent.graphql'],
    [['werkplein', '--schema', 'x', '--days', '0'], '--days takes a whole number'],
    [['werkplein', '--verbose'], "Unknown option '--verbose'"],
  ])('answers %j with exit code 2 and the usage', async (argv, message) => {
    const { code, report } = await cli(...argv);
    expect(report).toContain(message);
    expect(report).toContain('usage: npm run partner:check --');
    expect(code).toBe(2);
  });
});

/** A new partner's subgraph: one field on the shared Gemeente. */
const NIEUW = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Gemeente @key(fields: "code") {
    code: String!
    """
    Places at the new partner's sheltered workshops.
    """
    werkbedrijfPlaatsen: Int
  }
`;

/** Today's registered subgraph schemas, with one partner's replaced. */
async function registeredWith(partner: string, sdl: string): Promise<Record<string, string>> {
  const { subgraphs } = await composeSchema();
  return { ...subgraphs, [partner]: sdl };
}
