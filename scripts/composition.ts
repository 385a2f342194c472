import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { subgraphSdl } from '../platform/federation';
import { SCHEMA_DIR } from '../platform/paths';
import { SUBGRAPHS } from '../subgraphs';

export { SCHEMA_DIR };

export interface Composition {
  subgraphs: Record<string, string>;
  supergraph: string;
  /** The schema clients see: the supergraph without its federation machinery and @inaccessible parts. */
  apiSchema: GraphQLSchema;
}

/** The outcome of composing subgraph SDLs: the supergraph and the public SDL, or the errors. */
export type CompositionResult =
  | { supergraph: string; publicSdl: string; errors: null }
  | { supergraph: null; publicSdl: null; errors: string[] };

/**
 * Composes subgraph SDLs by name (The Guild's federation composition). A name that is not one of the
 * hub's subgraphs (a new partner) gets a placeholder URL: the gateway takes URLs from its configuration.
 */
export function composeSubgraphs(subgraphs: Record<string, string>): CompositionResult {
  const config = loadConfig({});
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({
      name,
      url: config.subgraphs[name as SubgraphName]?.url ?? `http://${name}/graphql`,
      typeDefs: parse(sdl),
    })),
  );
  if (result.errors) {
    return { supergraph: null, publicSdl: null, errors: result.errors.map((error) => error.message) };
  }
  return { supergraph: result.supergraphSdl, publicSdl: result.publicSdl, errors: null };
}

/**
 * Composes the supergraph from the subgraphs' own schemas with The Guild's federation composition (MIT).
 * Build tooling: `npm run compose` writes the result under `schema/`, and the gateway only reads it. The
 * URLs written into it are the default local ones; the gateway replaces them from its configuration.
 */
export async function composeSchema(): Promise<Composition> {
  const subgraphs: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = subgraphSdl(await SUBGRAPHS[name].buildSchema());
  }
  const result = composeSubgraphs(subgraphs);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraph, apiSchema: buildSchema(result.publicSdl) };
}
