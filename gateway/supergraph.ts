import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SCHEMA_DIR } from '../platform/paths';

/** The composed supergraph the gateway runs (written by `npm run compose`). */
export function readSupergraph(): Promise<string> {
  return readFile(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
}

/**
 * The supergraph with each subgraph's URL replaced by where it runs here: the composed file carries the
 * default local URLs. A subgraph the supergraph names but the configuration does not is an error.
 */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (_match, name: string) => {
    const url = urls[name];
    if (!url) throw new Error(`No URL configured for subgraph ${name}`);
    return `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(url)})`;
  });
}
