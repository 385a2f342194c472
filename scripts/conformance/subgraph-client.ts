import { Agent, fetch, type Dispatcher } from 'undici';
import { signedSubgraphRequest } from '../../platform/auth/gateway-request';
import type { Doelbinding, Principal } from '../../platform/auth/principals';
import type { ProofKey } from '../../platform/auth/proofs';
import type { ClientTls } from '../../platform/tls';

/** A GraphQL error as a subgraph answers it. */
export interface AnswerError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown } & Record<string, unknown>;
}

/** A subgraph's answer: the HTTP status, the raw text (what the leak check reads) and its JSON. */
export interface Answer {
  status: number;
  text: string;
  data?: Record<string, unknown> | null;
  errors?: AnswerError[];
}

/** The subgraph did not answer at all (refused connection, time-out): no check can pass on that. */
export class NoAnswer extends Error {}

/** How the suite reaches the subgraph: the connection pool, with the partner's CA and a client certificate. */
export interface Connection {
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

/** A connection pool for a subgraph behind (mutual) TLS, as the gateway's pool to that partner. */
export function tlsDispatcher(tls: ClientTls): Dispatcher {
  return new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key } });
}

/** Posts, or sends any other request, to a subgraph and reads its answer; never throws on a status. */
export async function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  { timeoutMs, dispatcher }: Connection,
): Promise<Answer> {
  let response: Awaited<ReturnType<typeof fetch>>;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      ...init,
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new NoAnswer(
      `${url} did not answer (${cause?.code ?? cause?.message ?? (error as Error).message})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { status: response.status, text };
  }
  const body = (typeof json === 'object' && json !== null ? json : {}) as Omit<Answer, 'status' | 'text'>;
  return {
    status: response.status,
    text,
    data: body.data,
    errors: Array.isArray(body.errors) ? body.errors : undefined,
  };
}

/** A GraphQL request body as the gateway writes it. */
export function graphqlBody(query: string, variables?: Record<string, unknown>): string {
  return JSON.stringify(variables ? { query, variables } : { query });
}

/** The codes of an answer's errors. */
export function codes(answer: Answer): string[] {
  return (answer.errors ?? []).map((error) => {
    const code = error.extensions?.code;
    return typeof code === 'string' ? code : 'no code';
  });
}

/** One line on an answer, for a report: status, codes and the first message. */
export function describe(answer: Answer): string {
  const errorCodes = codes(answer);
  const first = answer.errors?.[0]?.message;
  const data = answer.data != null ? ' with data' : '';
  const summary = errorCodes.length ? ` ${errorCodes.join(', ')}` : '';
  const message = typeof first === 'string' ? `: "${first.slice(0, 120)}"` : '';
  return `HTTP ${answer.status}${data}${summary}${message}`;
}

/** A subgraph the suite talks to as the gateway does: every request signed with the partner's key. */
export class SubgraphClient {
  constructor(
    readonly url: string,
    readonly partner: string,
    private readonly key: ProofKey,
    readonly connection: Connection,
  ) {}

  /** A GraphQL request signed for this subgraph and this body; the trace id finds its log lines. */
  async query(
    caller: Principal,
    purpose: Doelbinding | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<Answer & { traceId: string }> {
    const body = graphqlBody(query, variables);
    const { headers, statement } = this.sign(caller, purpose, body);
    return { ...(await this.post(body, headers)), traceId: statement.traceId };
  }

  /** The headers of a signed request: with another key or for another subgraph when the check asks. */
  sign(
    caller: Principal,
    purpose: Doelbinding | null,
    body: string,
    options: { key?: ProofKey; audience?: string; issuedAt?: number } = {},
  ): ReturnType<typeof signedSubgraphRequest> {
    return signedSubgraphRequest(
      options.key ?? this.key,
      options.audience ?? this.partner,
      caller,
      purpose,
      body,
      options.issuedAt,
    );
  }

  post(body: string, headers: Record<string, string>): Promise<Answer> {
    return send(this.url, { headers, body }, this.connection);
  }
}
