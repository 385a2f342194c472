import { useEffect, useState } from 'preact/hooks';
import { useSession, type Session } from './session';

/** The purposes (doelbinding) a request states; the hub refuses a purpose that does not fit. */
export type Doelbinding = 'uitvoering' | 'casusoverleg' | 'beleidsinformatie' | 'toezicht' | 'inzageverzoek';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; serviceName?: string };
}

export interface GraphQLResult<T> {
  data: T | null;
  errors: GraphQLError[];
}

/** The gateway does not accept the session's token (any more). */
export class SessionExpired extends Error {}

/** The request never got a GraphQL answer: network down, gateway unreachable. */
export class HubUnavailable extends Error {}

/** sha256 of a document's text, as the registry names it; null where the browser offers no hashing. */
async function documentId(query: string): Promise<string | null> {
  // crypto.subtle exists in secure contexts only (HTTPS, localhost): elsewhere the text is sent.
  if (!globalThis.crypto?.subtle) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(query));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Sends a document as its registered id (trusted documents: a production hub runs nothing else); an
 * id the hub does not know (a document changed in development, before `npm run registry`) is sent
 * again as text, which a development hub runs and a production hub refuses with its reason.
 */
export async function graphql<T>(
  session: Session,
  doel: Doelbinding | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T>> {
  const send = (body: Record<string, unknown>) =>
    fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${session.token}`,
        ...(doel ? { 'x-doelbinding': doel } : {}),
      },
      body: JSON.stringify({ ...body, variables }),
    });
  let response: Response;
  try {
    const id = await documentId(query);
    response = await send(id ? { documentId: id } : { query });
    if (id && response.status === 400) {
      const refusal = (await response
        .clone()
        .json()
        .catch(() => ({}))) as { errors?: GraphQLError[] };
      if (refusal.errors?.[0]?.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')
        response = await send({ query });
    }
  } catch {
    throw new HubUnavailable(
      'De ketenhub is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.',
    );
  }
  let body: { data?: T | null; errors?: GraphQLError[] };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new HubUnavailable(`De ketenhub gaf geen leesbaar antwoord (status ${response.status}).`);
  }
  const errors = body.errors ?? [];
  if (response.status === 401 || errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    throw new SessionExpired(errors[0]?.message ?? 'De sessie is verlopen.');
  }
  if (body.data === undefined && errors.length > 0 && response.status >= 400) {
    throw new Error(errors.map((e) => e.message).join(' '));
  }
  return { data: body.data ?? null, errors };
}

export type QueryState<T> =
  { status: 'laden' } | { status: 'fout'; message: string } | { status: 'klaar'; result: GraphQLResult<T> };

/**
 * Runs a query while the component shows and whenever its variables change; a refused token ends
 * the session (the page asks to sign in again and keeps its place).
 */
export function useQuery<T>(
  doel: Doelbinding | null,
  query: string,
  variables: Record<string, unknown> | null,
  refresh = 0,
): QueryState<T> {
  const { state, expire } = useSession();
  const [result, setResult] = useState<QueryState<T>>({ status: 'laden' });
  const key = JSON.stringify([doel, variables, refresh]);
  const session = state.status === 'aangemeld' ? state.session : null;
  useEffect(() => {
    if (!session || variables === null) return;
    let current = true;
    setResult({ status: 'laden' });
    graphql<T>(session, doel, query, variables).then(
      (answer) => current && setResult({ status: 'klaar', result: answer }),
      (error: unknown) => {
        if (!current) return;
        if (error instanceof SessionExpired) expire();
        else setResult({ status: 'fout', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
    // The key stands for doel and variables; the query text of a page never changes.
  }, [key, session?.token]);
  return result;
}

/** Errors at or under a path of the answer (`['casusoverleg', 'inzage', 'trajecten']`). */
export function errorsAt(errors: GraphQLError[], path: (string | number)[]): GraphQLError[] {
  return errors.filter((error) => path.every((part, index) => error.path?.[index] === part));
}

/** The partners that could not answer, by their subgraph names. */
export function unavailablePartners(errors: GraphQLError[]): string[] {
  const codes = ['SUBGRAPH_UNAVAILABLE', 'PARTNER_UNAVAILABLE', 'PROCESSING_LOG_UNAVAILABLE'];
  return [
    ...new Set(
      errors
        .filter((e) => codes.includes(e.extensions?.code ?? ''))
        .map((e) => e.extensions?.serviceName ?? ''),
    ),
  ];
}
