import { newSpanId, newTraceId, traceparent } from '../trace-context';
import { FSC_TRANSACTION_HEADER, newTransactionId } from '../fsc';
import type { Doelbinding, Principal } from './principals';
import { PROOF_HEADER, signProof, type GatewayStatement, type ProofKey } from './proofs';

/** One request to a subgraph, signed as the gateway signs its own. */
export interface SignedSubgraphRequest {
  /** Content type, W3C trace, FSC transaction id and the gateway's proof. */
  headers: Record<string, string>;
  /** What the proof states: a fresh trace, request and transaction id. */
  statement: GatewayStatement;
}

/**
 * Headers of a request to a subgraph from outside the gateway (`partner:check --url`, the conformance
 * suite): a fresh trace and FSC transaction id, and a proof for that subgraph and that exact body, signed
 * with the subgraph's proof key, so the subgraph verifies it as one of the gateway's.
 */
export function signedSubgraphRequest(
  key: ProofKey,
  subgraph: string,
  caller: Principal,
  purpose: Doelbinding | null,
  body: string,
  /** When the proof says it was issued (seconds); default now. */
  issuedAt?: number,
): SignedSubgraphRequest {
  const statement: GatewayStatement = {
    caller,
    purpose,
    traceId: newTraceId(),
    requestId: newSpanId(),
    transactionId: newTransactionId(),
  };
  return {
    statement,
    headers: {
      'content-type': 'application/json',
      traceparent: traceparent(statement.traceId, statement.requestId),
      [FSC_TRANSACTION_HEADER]: statement.transactionId,
      [PROOF_HEADER]: signProof(key, subgraph, statement, body, issuedAt),
    },
  };
}
