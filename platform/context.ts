import type { EntityManager } from '@mikro-orm/postgresql';
import type { JWTVerifyGetKey } from 'jose';
import { AuditTrail } from './audit/audit-trail';
import type { SigningKey } from './auth/keys';
import type { Toegangsregels } from './auth/policy';
import { isResident, type Doelbinding, type Principal } from './auth/principals';
import type { ProofKey, VerifiedStatement } from './auth/proofs';
import { Loaders } from './loaders';
import { RequestDatabase } from './request-database';
import { activeTrace } from './tracing';
import { newSpanId } from './trace-context';

/** Keys a subgraph works with, created once at start. */
export interface SubgraphKeys {
  /** Verifies the gateway's proof of every request to this subgraph; no other subgraph holds it. */
  proof: ProofKey;
  /** Verifies consent grants signed by werk-inkomen, which holds the case conferences. */
  toegang: JWTVerifyGetKey;
  /** This subgraph's own signing key (werk-inkomen signs consent grants with it). */
  signing: SigningKey;
  /** Key of the BSN pseudonyms in this subgraph's processing log: each partner has its own. */
  pseudonym: Buffer;
}

/** Everything a resolver may use of the request; built once per request by `createRequestContext`. */
export interface RequestContext {
  /** W3C trace id (32 hex), the same in the gateway and every subgraph of one request. */
  traceId: string;
  /** This subgraph's span within the trace (16 hex). */
  spanId: string;
  /** The gateway's span of this request; also binds consent grants to this one request. */
  requestId: string;
  /** The FSC transaction id of this subgraph request (UUIDv7), as the gateway signed it. */
  transactionId: string;
  caller: Principal;
  /** The purpose (doelbinding) the caller stated; a resident's request is always `inzageverzoek`. */
  purpose: Doelbinding | null;
  /**
   * The request's database: plain reads and the log line run on any pooled connection; `db.em` is the
   * request's own EntityManager, forked on first use (not a getter here: Apollo copies the context).
   */
  db: RequestDatabase;
  /** Loaders restricted to the caller's gemeenten: filtering happens in the query. */
  loaders: Loaders;
  /** Loaders without that restriction, for data opened by a verified consent grant only. */
  casusLoaders: Loaders;
  audit: AuditTrail;
  regels: Toegangsregels;
  keys: SubgraphKeys;
}

export interface ContextInput {
  statement: VerifiedStatement;
  em: EntityManager;
  regels: Toegangsregels;
  keys: SubgraphKeys;
}

export function createRequestContext({ statement, em, regels, keys }: ContextInput): RequestContext {
  // With tracing on, the subgraph's server span, so its processing log lines point into the trace.
  const traced = activeTrace();
  const spanId = traced?.traceId === statement.traceId ? traced.spanId : newSpanId();
  const { caller } = statement;
  // A resident asks one thing only, their own access report (AVG art. 15), and works for no gemeente.
  const purpose = isResident(caller) ? 'inzageverzoek' : statement.purpose;
  const db = new RequestDatabase(em);
  return {
    traceId: statement.traceId,
    spanId,
    requestId: statement.requestId,
    transactionId: statement.transactionId,
    caller,
    purpose,
    db,
    loaders: new Loaders(db, isResident(caller) ? [] : caller.gemeenten),
    casusLoaders: new Loaders(db, null),
    audit: new AuditTrail({
      traceId: statement.traceId,
      spanId,
      parentSpanId: statement.requestId,
      caller,
      purpose,
      resource: regels.subgraph,
      pseudonymKey: keys.pseudonym,
      proof: statement.proof,
    }),
    regels,
    keys,
  };
}
