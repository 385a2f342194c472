import type { MikroORM } from '@mikro-orm/postgresql';
import { SUBGRAPH_NAMES, subgraphDatabaseUrl, loadConfig, type SubgraphName } from '../../platform/config';
import { dropDatabase, onSqlStatement } from '../../platform/database';
import { startHub, type RunningHub } from '../../hub/start-hub';

export interface TestHub extends RunningHub {
  databaseUrls: Record<SubgraphName, string>;
  orms: Record<SubgraphName, MikroORM>;
  /** Sends a GraphQL document to the gateway over HTTP. */
  query(
    document: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse>;
  /** Counts the SQL statements each subgraph sends while `work` runs. */
  countSql(work: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
}

export interface GraphQLResponse {
  status: number;
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** Fresh databases `keten_t_<name>_*` on the test server, the hub on free ports. */
export async function startTestHub(
  name: string,
  beforeListen?: (orms: Record<SubgraphName, MikroORM>) => Promise<void>,
): Promise<TestHub> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL is not set: run the integration tests through jest');
  const config = loadConfig({ DATABASE_URL: server, DATABASE_PREFIX: `keten_t_${name}_` });
  const databaseUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((subgraph) => [subgraph, subgraphDatabaseUrl(config, subgraph)]),
  ) as Record<SubgraphName, string>;
  await Promise.all(SUBGRAPH_NAMES.map((subgraph) => dropDatabase(databaseUrls[subgraph])));
  const ports = { gateway: 0, ...Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) } as Record<
    SubgraphName | 'gateway',
    number
  >;
  const hub = await startHub({ databaseUrls, ports, host: '127.0.0.1', beforeListen });
  const orms = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, hub.subgraphs[n].orm])) as Record<
    SubgraphName,
    MikroORM
  >;
  return {
    ...hub,
    databaseUrls,
    orms,
    async query(document, variables, headers = {}) {
      const response = await fetch(hub.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-doelbinding': 'uitvoering', ...headers },
        body: JSON.stringify({ query: document, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body };
    },
    async countSql(work) {
      const counts = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, 0])) as Record<SubgraphName, number>;
      const stops = SUBGRAPH_NAMES.map((n) => onSqlStatement(orms[n], () => (counts[n] += 1)));
      try {
        await work();
      } finally {
        stops.forEach((stop) => stop());
      }
      return counts;
    },
  };
}
