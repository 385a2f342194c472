import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The checked-in schema folder, found from source (ts-jest) and from dist/ alike. */
export const SCHEMA_DIR = join(
  __dirname,
  '..',
  ...(__dirname.includes(join('dist', 'gateway')) ? ['..'] : []),
  'schema',
);

/** The composed supergraph the gateway runs (written by `npm run compose`). */
export function readSupergraph(): Promise<string> {
  return readFile(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}
