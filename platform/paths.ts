import { join } from 'node:path';

/** The project root, found from source (ts-jest) and from dist/ alike. */
export const PROJECT_ROOT = join(
  __dirname,
  '..',
  ...(__dirname.includes(join('dist', 'platform')) ? ['..'] : []),
);

/** Local state, git-ignored: embedded database files, locally generated keys. */
export const DATA_DIR = join(PROJECT_ROOT, '.data');

export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');

/** The partner and client registry: partner manifests and each client's trusted documents. */
export const REGISTRY_DIR = join(PROJECT_ROOT, 'registry');
