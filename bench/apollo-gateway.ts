/**
 * Apollo Gateway as a peer in the benchmark, without our plugins: `node dist/bench/apollo-gateway.js
 * <supergraph file> <port>`. ApolloServer's standalone server with an ApolloGateway over the bench's
 * supergraph and Apollo's own HTTP client; the one addition is the proof each subgraph request needs
 * (see `peer-proofs.ts`), signed over the body Apollo's data source sends.
 */
import { readFileSync } from 'node:fs';
import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { BENCH_STATEMENT_HEADER, peerProofSigner } from './peer-proofs';

const sign = peerProofSigner();

/** A subgraph's data source that hands the driver's statement and trace to its fetcher, which signs. */
class SignedDataSource extends RemoteGraphQLDataSource {
  constructor(subgraph: string, url: string) {
    super({ url });
    // Apollo's default HTTP client, wrapped.
    const fetcher = this.fetcher;
    this.fetcher = async (target, init) => {
      const { [BENCH_STATEMENT_HEADER]: statement, traceparent, ...headers } = init?.headers ?? {};
      const body = typeof init?.body === 'string' ? init.body : '';
      const signed = sign(subgraph, body, statement ?? null, traceparent ?? null);
      return fetcher(target, { ...init, headers: { ...headers, ...signed } });
    };
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions): void {
    if (!('incomingRequestContext' in options)) return;
    const incoming = options.incomingRequestContext.request.http?.headers;
    for (const name of [BENCH_STATEMENT_HEADER, 'traceparent']) {
      const value = incoming?.get(name);
      if (value) options.request.http?.headers.set(name, value);
    }
  }
}

async function main(): Promise<void> {
  const [supergraphFile, port] = process.argv.slice(2);
  if (!supergraphFile || !port) throw new Error('usage: apollo-gateway.js <supergraph file> <port>');
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphFile, 'utf8'),
    buildService: ({ name, url }) => new SignedDataSource(name, url ?? ''),
  });
  // ApolloServer stops itself on SIGTERM and SIGINT (its default outside tests).
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { host: '127.0.0.1', port: Number(port) } });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
