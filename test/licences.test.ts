import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../platform/paths';

/**
 * Open-source licences (OSI-approved, or public-domain equivalents) that the hub's runtime may depend
 * on. The hub is EUPL-1.2 software for public organisations, whose policy is open source unless
 * impossible: a licence outside this list (Elastic-2.0, BUSL, SSPL, none at all) fails the test.
 */
const OPEN_SOURCE = new Set([
  'MIT',
  'ISC',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'BlueOak-1.0.0',
  'Python-2.0',
  'CC0-1.0',
  'Unlicense',
  'MPL-2.0',
  'EUPL-1.2',
]);

/** True when an SPDX expression (`MIT`, `(MIT OR CC0-1.0)`, `(MIT AND BSD-3-Clause)`) is all open source. */
function isOpenSource(expression: string): boolean {
  const terms = expression
    .replace(/[()]/g, ' ')
    .split(/\s+(?:OR|AND)\s+|\s+/)
    .filter(Boolean);
  return terms.length > 0 && terms.every((term) => OPEN_SOURCE.has(term));
}

interface LockedPackage {
  license?: string;
  dev?: boolean;
  devOptional?: boolean;
}

describe('Licences: the product depends on open-source software only', () => {
  it('finds an open-source licence on every package the product installs (development tools aside)', async () => {
    const lock = JSON.parse(await readFile(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, LockedPackage>;
    };
    const product = Object.entries(lock.packages).filter(
      ([path, pkg]) => path.startsWith('node_modules/') && !pkg.dev && !pkg.devOptional,
    );
    expect(product.length).toBeGreaterThan(100);
    const closed = product
      .filter(([, pkg]) => !isOpenSource(pkg.license ?? ''))
      .map(([path, pkg]) => `${path.replace(/^.*node_modules\//, '')} (${pkg.license ?? 'no licence'})`);
    expect(closed).toEqual([]);
  });

  it('tells an open-source expression from one that is not', () => {
    expect(isOpenSource('(MIT OR CC0-1.0)')).toBe(true);
    expect(isOpenSource('(MIT AND BSD-3-Clause)')).toBe(true);
    expect(isOpenSource('Elastic-2.0')).toBe(false);
    expect(isOpenSource('(MIT AND Elastic-2.0)')).toBe(false);
    expect(isOpenSource('')).toBe(false);
  });
});
