/**
 * `npm run registry`: writes the registry (registry/partners/<name>/manifest.json and each client's
 * trusted documents in registry/clients/<client>.json) from the subgraphs and the clients' code.
 */
import 'reflect-metadata';
import { composeSchema } from './composition';
import { buildRegistry, writeRegistry } from './registry/registry';

async function main(): Promise<void> {
  const files = await buildRegistry(await composeSchema());
  await writeRegistry(files);
  console.log(`wrote ${Object.keys(files).length} registry files under registry/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
