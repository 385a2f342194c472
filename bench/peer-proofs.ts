/**
 * How a peer gateway in the benchmark reaches our subgraphs, which answer only a request that carries
 * the gateway's proof for that subgraph and that body. The peers verify no employee token: the driver
 * states the caller in a header of its own, and the peer signs each subgraph request's proof with the
 * keys our gateway holds (`<NAME>_PROOF_KEY`), so the subgraphs do the same work for every gateway.
 */
import { randomBytes } from 'node:crypto';
import {
  PROOF_HEADER,
  proofKey,
  signProof,
  type GatewayStatement,
  type ProofKey,
} from '../platform/auth/proofs';
import { envPrefix, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { parseTraceparent } from '../platform/trace-context';
import { FSC_TRANSACTION_HEADER, newTransactionId } from '../platform/fsc';

/** The driver's statement of the caller and purpose of a peer's request (JSON). */
export const BENCH_STATEMENT_HEADER = 'x-bench-statement';

function proofKeysFromEnv(): Partial<Record<string, ProofKey>> {
  return Object.fromEntries(
    SUBGRAPH_NAMES.flatMap((name: SubgraphName) => {
      const hex = process.env[`${envPrefix(name)}_PROOF_KEY`];
      return hex ? [[name, proofKey(Buffer.from(hex, 'hex'))]] : [];
    }),
  );
}

/** The headers of one peer's subgraph request: the trace, and the proof for that subgraph and body. */
export function peerProofSigner(): (
  subgraph: string,
  body: string,
  statementHeader: string | null,
  traceparentHeader: string | null,
) => Record<string, string> {
  const keys = proofKeysFromEnv();
  return (subgraph, body, statementHeader, traceparentHeader): Record<string, string> => {
    const key = keys[subgraph];
    if (!key || !statementHeader) return {};
    const { caller, purpose } = JSON.parse(statementHeader) as Pick<GatewayStatement, 'caller' | 'purpose'>;
    // The driver starts each request with a fresh span: it identifies the request in every subgraph, as
    // our gateway's own span does (consent grants are bound to it).
    const trace = parseTraceparent(traceparentHeader ?? undefined);
    const traceId = trace?.traceId ?? randomBytes(16).toString('hex');
    const requestId = trace?.parentSpanId ?? randomBytes(8).toString('hex');
    const transactionId = newTransactionId();
    const statement: GatewayStatement = { caller, purpose, traceId, requestId, transactionId };
    return {
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      [FSC_TRANSACTION_HEADER]: transactionId,
      [PROOF_HEADER]: signProof(key, subgraph, statement, body),
    };
  };
}
