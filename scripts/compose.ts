/**
 * `npm run compose`: prints every subgraph's SDL to schema/<name>.graphql and composes them into
 * schema/supergraph.graphql, the file the gateway runs, and writes the registry. Fails on any composition error.
 */
import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { composeSchema, SCHEMA_DIR } from './composition';
import { buildRegistry, writeRegistry } from './registry/registry';

async function main(): Promise<void> {
  const composed = await composeSchema();
  for (const [name, sdl] of Object.entries(composed.subgraphs)) {
    await writeFile(join(SCHEMA_DIR, `${name}.graphql`), sdl);
  }
  await writeFile(join(SCHEMA_DIR, 'supergraph.graphql'), composed.supergraph);
  console.log(`composed ${Object.keys(composed.subgraphs).length} subgraphs into schema/supergraph.graphql`);
  // The registry holds each partner's schema hash: it changes with every composition.
  await writeRegistry(await buildRegistry(composed));
  console.log('wrote the registry under registry/');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
