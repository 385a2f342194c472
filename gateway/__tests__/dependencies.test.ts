import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Value imports of a source file (`import type` and `export type` load nothing at run time). */
function valueImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'([^']+)';/gm)) {
    specifiers.push(match[1] as string);
  }
  return specifiers;
}

/** Every package the gateway process loads from its entry point, with the project file that imports it. */
function packagesLoadedFrom(entry: string): Map<string, string> {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [join(ROOT, entry)];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) {
        const base = join(dirname(file), specifier);
        const resolved = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) =>
          existsSync(candidate),
        );
        if (resolved) queue.push(resolved);
      } else if (!specifier.startsWith('node:')) {
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : specifier.split('/')[0];
        if (name && !packages.has(name)) packages.set(name, relative(ROOT, file));
      }
    }
  }
  return packages;
}

describe('the gateway process loads no subgraph code', () => {
  it('reaches neither the ORM nor the subgraphs’ server from gateway/main.ts', () => {
    const packages = packagesLoadedFrom('gateway/main.ts');
    // It does load the engine: the walk follows the gateway's real imports.
    expect(packages.has('@graphql-hive/gateway-runtime')).toBe(true);
    // (`pg` itself is small and loaded by the tracing of every service.)
    const subgraphOnly = [
      '@mikro-orm/core',
      '@mikro-orm/postgresql',
      'knex',
      'fastify',
      '@apollo/server',
      'type-graphql',
    ];
    expect(
      subgraphOnly.flatMap((name) => (packages.has(name) ? [`${name} (from ${packages.get(name)})`] : [])),
    ).toEqual([]);
  });
});
