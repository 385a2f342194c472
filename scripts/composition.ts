import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';
import { loadConfig, SUBGRAPH_NAMES } from '../platform/config';
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

/**
 * Composes the supergraph from the subgraphs' own schemas with The Guild's federation composition (MIT).
 * Build tooling: `npm run compose` writes the result under `schema/`, and the gateway only reads it. The
 * URLs written into it are the default local ones; the gateway replaces them from its configuration.
 */
export async function composeSchema(): Promise<Composition> {
  const config = loadConfig({});
  const subgraphs: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    subgraphs[name] = subgraphSdl(await SUBGRAPHS[name].buildSchema());
  }
  const result = composeServices(
    SUBGRAPH_NAMES.map((name) => ({
      name,
      url: config.subgraphs[name].url,
      typeDefs: parse(subgraphs[name] as string),
    })),
  );
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return { subgraphs, supergraph: result.supergraphSdl, apiSchema: buildSchema(result.publicSdl) };
}
