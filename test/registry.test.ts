import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { SUBGRAPH_NAMES } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { documentId, readClientManifests, trustedDocumentsById } from '../gateway/trusted-documents';
import { composeSchema, type Composition } from '../scripts/composition';
import { buildRegistry, readPartnerManifest } from '../scripts/registry/registry';

describe('Registry: partner manifests and trusted documents', () => {
  let composition: Composition;
  let files: Record<string, string>;

  beforeAll(async () => {
    composition = await composeSchema();
    files = await buildRegistry(composition);
  });

  it('equals the files under registry/ (run `npm run registry` when this fails)', async () => {
    for (const [path, content] of Object.entries(files)) {
      expect({ path, content: await readFile(join(PROJECT_ROOT, path), 'utf8') }).toEqual({ path, content });
    }
  });

  it("names every partner's owner, contact, URLs, schema hash and the register its subgraph logs by", async () => {
    for (const name of SUBGRAPH_NAMES) {
      const manifest = await readPartnerManifest(name);
      expect(manifest.eigenaar).toBeTruthy();
      expect(manifest.contact.email).toMatch(/@/);
      expect(Object.keys(manifest.omgevingen)).toEqual(['ontwikkeling', 'acceptatie', 'productie']);
      expect(manifest.schema).toEqual({
        bestand: `schema/${name}.graphql`,
        sha256: documentId(await readFile(join(PROJECT_ROOT, manifest.schema.bestand), 'utf8')),
      });
      expect(manifest.verwerkingsactiviteiten.map((a) => a.id)).toContain(
        `urn:twente-ketenhub:${name}:verwerkingsactiviteit:inzage-logboek`,
      );
    }
  });

  it("holds the dashboard's, the web client's, the case conference's and the bench's documents, each valid and hashed", async () => {
    const manifests = await readClientManifests();
    expect(manifests.map((m) => m.client).sort()).toEqual(['bench', 'casusoverleg', 'dashboard', 'web']);
    const byId = trustedDocumentsById(manifests);
    expect(byId.size).toBeGreaterThan(30);
    for (const { operation } of byId.values()) {
      expect(operation.id).toBe(documentId(operation.body));
      expect({
        name: operation.name,
        errors: validate(composition.apiSchema, parse(operation.body)).map((e) => e.message),
      }).toEqual({ name: operation.name, errors: [] });
    }
  });
});
