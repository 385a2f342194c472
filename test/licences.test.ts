import { readdir, readFile } from 'node:fs/promises';
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

  it("finds an open-source licence on every package the web client's bundle is built from", async () => {
    // The client's packages are build-time dependencies, but their code ships to every browser.
    const imported = new Set<string>();
    const visitSources = async (folder: string): Promise<void> => {
      for (const entry of await readdir(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) await visitSources(path);
        else if (/\.(tsx?|css)$/.test(entry.name)) {
          const source = await readFile(path, 'utf8');
          for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'".][^'"]*)['"]/g)) {
            const parts = (specifier ?? '').split('/');
            imported.add(parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''));
          }
        }
      }
    };
    await visitSources(join(PROJECT_ROOT, 'web', 'src'));
    // Bare specifiers of Node's own modules appear only in the build configuration, not in web/src.
    expect([...imported]).toEqual(expect.arrayContaining(['preact', 'preact-iso', 'oauth4webapi']));
    const licences = new Map<string, string>();
    const visitPackage = async (name: string): Promise<void> => {
      if (licences.has(name)) return;
      const manifest = JSON.parse(
        await readFile(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8'),
      ) as { license?: string; dependencies?: Record<string, string> };
      licences.set(name, manifest.license ?? '');
      for (const dependency of Object.keys(manifest.dependencies ?? {})) await visitPackage(dependency);
    };
    for (const name of imported) await visitPackage(name);
    const closed = [...licences]
      .filter(([, licence]) => !isOpenSource(licence))
      .map(([name, l]) => `${name} (${l})`);
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
