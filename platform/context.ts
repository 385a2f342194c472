import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Loaders } from './loaders';

/** The verified employee on whose behalf a request runs (claims of ACCESS.md). */
export interface Caller {
  /** `sub`: the employee id. */
  employeeId: string;
  /** `org`: the employee's organisation, e.g. `wi-bhh`. */
  organisation: string;
  roles: string[];
  /** CBS codes of the municipalities the employee works for. */
  gemeenten: string[];
}

/** Everything a resolver may use of the request; built once per request by `createRequestContext`. */
export interface RequestContext {
  /** W3C trace id (32 hex), the same in the gateway and every subgraph of one request. */
  traceId: string;
  /** This service's span within the trace (16 hex). */
  spanId: string;
  /** Null until the gateway has verified who is calling. */
  caller: Caller | null;
  /** The purpose (doelbinding) the caller stated, e.g. `uitvoering`. */
  purpose: string | null;
  /** A fork of the ORM's EntityManager: its identity map lives exactly as long as this request. */
  em: EntityManager;
  loaders: Loaders;
}

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function newTraceId(): string {
  return randomBytes(16).toString('hex');
}

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

/** The trace id of a W3C `traceparent` header, or null when it is absent or malformed. */
export function traceIdFrom(traceparent: string | undefined): string | null {
  const match = traceparent ? TRACEPARENT.exec(traceparent.trim()) : null;
  if (!match?.[1] || /^0+$/.test(match[1])) return null;
  return match[1];
}

export function traceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}

export interface ContextInput {
  headers: { get(name: string): string | undefined };
  em: EntityManager;
  caller?: Caller | null;
}

export function createRequestContext({ headers, em, caller = null }: ContextInput): RequestContext {
  const forked = em.fork();
  const purpose = headers.get('x-doelbinding')?.trim() || null;
  return {
    traceId: traceIdFrom(headers.get('traceparent')) ?? newTraceId(),
    spanId: newSpanId(),
    caller,
    purpose,
    em: forked,
    loaders: new Loaders(forked),
  };
}
