import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PROJECT_ROOT } from '../platform/paths';
import { scaffoldPartner } from '../scripts/partner-new';
import type { Composition } from '../scripts/composition';
import type { TestHub } from './support/hub';
import { parse, parseAllDocuments } from 'yaml';
import { fixtureBsns } from './support/fixtures';

/** What the project needs to compose and run, without node_modules (linked) and without build output. */
const COPIED = [
  'platform',
  'subgraphs',
  'gateway',
  'hub',
  'scripts',
  'test/support',
  'schema',
  'registry',
  'deploy',
];

const [bsn, elders] = fixtureBsns(2, 9100) as [string, string];
const TAALHUIS_MEDEWERKER = {
  employeeId: 'th-1',
  organisation: 'taalhuis',
  roles: ['TAALHUIS_MEDEWERKER'],
  gemeenten: ['GM0164'],
};

/** Loads a module of the copy; ts-jest compiles it there, so the copy's own partner list is the one used. */
function fromCopy<T>(root: string, path: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(root, path)) as T;
}

describe('npm run partner:new: a sixth partner, scaffolded in a copy of the project, answers through the gateway', () => {
  let root: string;
  let hub: TestHub | undefined;
  let composed: Composition;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'ketenhub-partner-new-'));
    for (const dir of COPIED) {
      await cp(join(PROJECT_ROOT, dir), join(root, dir), {
        recursive: true,
        filter: (source) => !source.includes('__tests__'),
      });
    }
    for (const file of ['package.json', 'tsconfig.json', '.prettierrc.json', 'docker-compose.yml'])
      await cp(join(PROJECT_ROOT, file), join(root, file));
    await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');

    await scaffoldPartner(root, { name: 'taalhuis', timestamp: '20261201230000' });

    // As `npm run compose` does: the six subgraphs' SDL and the supergraph the gateway reads.
    const { composeSchema } = fromCopy<typeof import('../scripts/composition')>(
      root,
      'scripts/composition.ts',
    );
    composed = await composeSchema();
    for (const [name, sdl] of Object.entries(composed.subgraphs)) {
      await writeFile(join(root, 'schema', `${name}.graphql`), sdl);
    }
    await writeFile(join(root, 'schema', 'supergraph.graphql'), composed.supergraph);

    const { startTestHub } = fromCopy<typeof import('./support/hub')>(root, 'test/support/hub.ts');
    hub = await startTestHub('partner_new', async (orms: Record<string, MikroORM>) => {
      const sql = (name: string, statement: string, params: unknown[]) =>
        orms[name]?.em.getConnection().execute(statement, params);
      await sql(
        'werk-inkomen',
        `insert into inwoner (bsn, naam, geboortedatum, gemeente) values (?, 'Inwoner Taalhuis', date '1990-01-01', 'GM0164'), (?, 'Inwoner Elders', date '1990-01-01', 'GM0153')`,
        [bsn, elders],
      );
      await sql(
        'taalhuis',
        `insert into taalhuis_dossier (bsn, gemeente, onderwerp, startdatum, einddatum) values
           (?, 'GM0164', 'Taalcursus', date '2025-03-01', null),
           (?, 'GM0164', 'Intake', date '2024-11-01', date '2024-11-15'),
           (?, 'GM0153', 'Taalcursus', date '2025-01-01', null)`,
        [bsn, bsn, elders],
      );
    });
  });

  afterAll(async () => {
    await hub?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('registers the partner and composes it into the supergraph', async () => {
    expect(Object.keys(composed.subgraphs)).toEqual([
      'werk-inkomen',
      'swb',
      'werkplein',
      'schuldhulp',
      'werkcentrum',
      'taalhuis',
    ]);
    expect(composed.subgraphs.taalhuis).toContain(
      'taalhuisDossiers: [TaalhuisDossier!] @requires(fields: "uitkeringsorganisatie")',
    );
    expect(await readFile(join(root, 'subgraphs', 'index.ts'), 'utf8')).toContain(
      "import { taalhuis } from './taalhuis';",
    );
    // The other partners' schemas are as they were.
    for (const name of ['werk-inkomen', 'swb', 'werkplein', 'schuldhulp', 'werkcentrum']) {
      expect(composed.subgraphs[name]).toBe(
        await readFile(join(PROJECT_ROOT, 'schema', `${name}.graphql`), 'utf8'),
      );
    }
  });

  it('answers its own employee, for uitvoering, with the files of their gemeenten, and logs the processing', async () => {
    if (!hub) throw new Error('hub did not start');
    const response = await hub.query(
      `query ($bsn: BSN!) { inwoner(bsn: $bsn) { bsn taalhuisDossiers { onderwerp startdatum einddatum } } }`,
      { bsn },
      { as: TAALHUIS_MEDEWERKER as never, purpose: 'uitvoering' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      inwoner: {
        bsn,
        taalhuisDossiers: [
          { onderwerp: 'Taalcursus', startdatum: '2025-03-01', einddatum: null },
          { onderwerp: 'Intake', startdatum: '2024-11-01', einddatum: '2024-11-15' },
        ],
      },
    });
    // One line for the one resident, in the new partner's own log, with its register's activity.
    const lines = await hub.asOwner(
      'taalhuis' as never,
      'select processing_activity_id, uitkomst, data_subject_id from verwerking',
    );
    expect(lines).toEqual([
      {
        processing_activity_id: 'urn:twente-ketenhub:taalhuis:verwerkingsactiviteit:dienstverlening',
        uitkomst: 'TOEGESTAAN',
        data_subject_id: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
  });

  it("refuses its files to another partner's employee, with FORBIDDEN on its field only", async () => {
    if (!hub) throw new Error('hub did not start');
    const response = await hub.query(
      `query ($bsn: BSN!) { inwoner(bsn: $bsn) { bsn taalhuisDossiers { onderwerp } } }`,
      { bsn },
      { as: 'loopbaanadviseur', purpose: 'uitvoering' },
    );
    expect(response.data).toEqual({ inwoner: { bsn, taalhuisDossiers: null } });
    expect(response.errors).toEqual([
      expect.objectContaining({
        path: ['inwoner', 'taalhuisDossiers'],
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });

  it('writes its service into docker-compose.yml and leaves every other service as it was', async () => {
    type Services = Record<
      string,
      { command?: string[]; environment?: Record<string, string>; depends_on?: object }
    >;
    const servicesOf = async (dir: string): Promise<Services> =>
      (
        parse(await readFile(join(dir, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
          services: Services;
        }
      ).services;
    const before = await servicesOf(PROJECT_ROOT);
    const after = await servicesOf(root);
    const taalhuis = after.taalhuis;
    expect(taalhuis?.command).toEqual(['node', 'dist/subgraphs/taalhuis/main.js']);
    expect(taalhuis?.environment).toMatchObject({
      NODE_ENV: '${NODE_ENV:-production}',
      NATS_URL: 'nats://nats:4222',
      TAALHUIS_PORT: '4006',
      TAALHUIS_DATABASE_URL:
        'postgres://keten_taalhuis_runtime:${TAALHUIS_DATABASE_PASSWORD:?set TAALHUIS_DATABASE_PASSWORD}@postgres:5432/keten_taalhuis',
      TAALHUIS_PSEUDONYM_KEY: '${TAALHUIS_PSEUDONYM_KEY:?set TAALHUIS_PSEUDONYM_KEY}',
      TAALHUIS_PROOF_KEY: '${TAALHUIS_PROOF_KEY:?set TAALHUIS_PROOF_KEY}',
    });
    // The copy's own configuration reads the gateway's variables as a URL and key for the new partner.
    const { loadConfig } = fromCopy<typeof import('../platform/config')>(root, 'platform/config.ts');
    const gatewayEnv = after.gateway?.environment ?? {};
    // With compose's defaults filled in; the keys are the user's to supply (as in docker-compose.test.ts).
    const withoutKeys = Object.fromEntries(
      Object.entries(gatewayEnv)
        .filter(([name]) => !name.endsWith('_KEY'))
        .map(([name, value]) => [name, value.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, '$1')]),
    );
    expect(loadConfig(withoutKeys).subgraphs['taalhuis' as never]).toMatchObject({
      url: 'http://taalhuis:4006/graphql',
    });
    expect(gatewayEnv.TAALHUIS_PROOF_KEY).toBe('${TAALHUIS_PROOF_KEY:?set TAALHUIS_PROOF_KEY}');
    expect(after.gateway?.depends_on).toMatchObject({ taalhuis: { condition: 'service_healthy' } });
    expect(after.seed?.environment?.TAALHUIS_DATABASE_PASSWORD).toBe(
      '${TAALHUIS_DATABASE_PASSWORD:?set TAALHUIS_DATABASE_PASSWORD}',
    );
    // Nothing else moved: the other services, and the three above but for the new lines.
    const without = (services: Services): Services =>
      JSON.parse(
        JSON.stringify(services, (key, value: unknown) =>
          /^taalhuis$|^TAALHUIS_/i.test(key) ? undefined : value,
        ),
      ) as Services;
    expect(without(after)).toEqual(without(before));
  });

  it('writes its manifests into deploy/base: its subgraph, database and policies, and the gateway reaches it', async () => {
    const documents = parseAllDocuments(
      await readFile(join(root, 'deploy', 'base', 'taalhuis.yaml'), 'utf8'),
    ).map((document) => document.toJS() as { kind: string; metadata: { name: string }; spec: unknown });
    expect(documents.map(({ kind, metadata }) => `${kind} ${metadata.name}`)).toEqual(
      parseAllDocuments(await readFile(join(PROJECT_ROOT, 'deploy', 'base', 'werkcentrum.yaml'), 'utf8')).map(
        (document) => {
          const { kind, metadata } = document.toJS() as { kind: string; metadata: { name: string } };
          return `${kind} ${metadata.name.replace('werkcentrum', 'taalhuis')}`;
        },
      ),
    );
    const text = JSON.stringify(documents);
    expect(text).not.toMatch(/werkcentrum|WERKCENTRUM|4005/);
    const deployment = documents.find((document) => document.kind === 'Deployment');
    const container = (
      deployment?.spec as {
        template: { spec: { containers: { command: string[]; env: { name: string; value?: string }[] }[] } };
      }
    ).template.spec.containers[0];
    expect(container?.command).toEqual(['node', 'dist/subgraphs/taalhuis/main.js']);
    expect(container?.env).toEqual(
      expect.arrayContaining([
        { name: 'TAALHUIS_PORT', value: '4006' },
        {
          name: 'TAALHUIS_DATABASE_URL',
          value:
            'postgres://keten_taalhuis_runtime:$(DATABASE_RUNTIME_PASSWORD)@keten-taalhuis-pooler:5432/keten_taalhuis',
        },
      ]),
    );
    const kustomization = parse(
      await readFile(join(root, 'deploy', 'base', 'kustomization.yaml'), 'utf8'),
    ) as {
      resources: string[];
    };
    expect(kustomization.resources.slice(-2)).toEqual(['werkcentrum.yaml', 'taalhuis.yaml']);
    const gateway = await readFile(join(root, 'deploy', 'base', 'gateway.yaml'), 'utf8');
    expect(gateway).toContain('- name: TAALHUIS_URL\n              value: http://taalhuis:4006/graphql\n');
    expect(gateway).toContain(
      '- name: TAALHUIS_PROOF_KEY\n              valueFrom:\n                secretKeyRef: { name: ketenhub-taalhuis-keys, key: proof-key }\n',
    );
    expect(await readFile(join(root, 'deploy', 'base', 'network-policies.yaml'), 'utf8')).toContain(
      '        - port: 4005\n        - port: 4006\n',
    );
  });
});
