import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Kind, parse as parseGraphQL, type OperationDefinitionNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import type { Verwerkingsactiviteit } from '../../platform/audit/activities';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { PROJECT_ROOT, REGISTRY_DIR } from '../../platform/paths';
import { documentId, type ClientManifest, type TrustedOperation } from '../../gateway/trusted-documents';
import { SUBGRAPHS } from '../../subgraphs';
import type { Composition } from '../composition';
import { CLIENTS } from './clients';

/** What the partner keeps by hand in `registry/partners/<name>/partner.yaml`. */
interface PartnerGegevens {
  eigenaar: string;
  contact: { team: string; email: string };
  omgevingen: { acceptatie: string; productie: string };
}

/** A partner's manifest: who owns the subgraph, where it runs, its schema and its register. */
export interface PartnerManifest {
  partner: string;
  eigenaar: string;
  contact: { team: string; email: string };
  omgevingen: { ontwikkeling: string; acceptatie: string; productie: string };
  schema: { bestand: string; sha256: string };
  verwerkingsactiviteiten: Verwerkingsactiviteit[];
}

const GENERATED =
  'Written by `npm run registry` (and `npm run compose`): edit partner.yaml, the subgraph or its toegang.ts.';

async function partnerManifest(name: SubgraphName, sdl: string): Promise<PartnerManifest> {
  const file = join(REGISTRY_DIR, 'partners', name, 'partner.yaml');
  const gegevens = parseYaml(await readFile(file, 'utf8')) as PartnerGegevens;
  return {
    partner: name,
    eigenaar: gegevens.eigenaar,
    contact: gegevens.contact,
    omgevingen: { ontwikkeling: loadConfig({}).subgraphs[name].url, ...gegevens.omgevingen },
    schema: { bestand: `schema/${name}.graphql`, sha256: documentId(sdl) },
    // Each partner's register of processing activities, as its subgraph logs them (its toegang.ts).
    verwerkingsactiviteiten: Object.values(SUBGRAPHS[name].register),
  };
}

function operationOf(body: string): TrustedOperation {
  const operations = parseGraphQL(body).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length !== 1 || !operation)
    throw new Error(`A trusted document holds one operation:\n${body}`);
  // graphql's OperationTypeNode values are the manifest's own words.
  const type = operation.operation as TrustedOperation['type'];
  return { id: documentId(body), name: operation.name?.value ?? null, type, body };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The registry's generated files, by path from the project root: per partner its manifest, per client
 * its trusted documents. The partner's schema is the composed subgraph SDL under `schema/`.
 */
export async function buildRegistry(composition: Composition): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    const manifest = await partnerManifest(name, composition.subgraphs[name] as string);
    files[`registry/partners/${name}/manifest.json`] = json({ $comment: GENERATED, ...manifest });
  }
  for (const client of CLIENTS) {
    const bodies = [...new Set(await client.documents())];
    const manifest: ClientManifest = {
      format: 'apollo-persisted-query-manifest',
      version: 1,
      client: client.name,
      omschrijving: client.omschrijving,
      bronnen: client.bronnen,
      operations: bodies.map(operationOf),
    };
    files[`registry/clients/${client.name}.json`] = json(manifest);
  }
  return files;
}

export async function writeRegistry(files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(PROJECT_ROOT, path)), { recursive: true });
    await writeFile(join(PROJECT_ROOT, path), content);
  }
}

/** Today's registered manifest of a partner. */
export async function readPartnerManifest(name: string): Promise<PartnerManifest> {
  return JSON.parse(
    await readFile(join(REGISTRY_DIR, 'partners', name, 'manifest.json'), 'utf8'),
  ) as PartnerManifest;
}
