import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUBGRAPH_NAMES } from '../platform/config';
import { composeSchema, SCHEMA_DIR } from '../scripts/composition';

describe('Composition: the checked-in supergraph', () => {
  it('composes without errors and equals the files under schema/ (run `npm run compose` when this fails)', async () => {
    const composed = await composeSchema();
    for (const name of SUBGRAPH_NAMES) {
      expect(await readFile(join(SCHEMA_DIR, `${name}.graphql`), 'utf8')).toBe(composed.subgraphs[name]);
    }
    expect(await readFile(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')).toBe(composed.supergraph);
  });

  it('gives every partner its own fields on the shared entities Inwoner and Gemeente', async () => {
    const { subgraphs } = await composeSchema();
    for (const name of SUBGRAPH_NAMES) {
      expect(subgraphs[name]).toMatch(/type Inwoner\s+@key\(fields: "bsn"\)/);
      expect(subgraphs[name]).toMatch(/type Gemeente\s+@key\(fields: "code"\)/);
    }
  });
});
