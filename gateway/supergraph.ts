import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../platform/paths';

export { SCHEMA_DIR };

/** The composed supergraph the gateway runs (written by `npm run compose`). */
export function readSupergraph(): Promise<string> {
  return readFile(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}
