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

/** An open subscription: `stop()` ends it (the page closes, the session changes). */
export interface Abonnement {
  stop(): void;
}

/**
 * Subscribes to a registered subscription document over Server-Sent Events: a POST with `Accept:
 * text/event-stream` (GraphQL over SSE, distinct connections mode; EventSource can only GET, and the
 * hub answers GraphQL over POST only). `onEvent` gets each result; `onEinde` is told once how the
 * stream ended: `klaar` (the hub completed it: subscribe again), `verlopen` (the token expired) or
 * `fout` (refused, unreachable, broken: fall back to reloading).
 */
export function subscribe<T>(
  session: Session,
  doel: Doelbinding,
  query: string,
  onEvent: (result: GraphQLResult<T>) => void,
  onEinde: (einde: 'klaar' | 'verlopen' | 'fout', message?: string) => void,
): Abonnement {
  const abort = new AbortController();
  let geeindigd = false;
  const einde = (soort: 'klaar' | 'verlopen' | 'fout', message?: string): void => {
    if (geeindigd || abort.signal.aborted) return;
    geeindigd = true;
    onEinde(soort, message);
  };
  const run = async (): Promise<void> => {
    const id = await documentId(query);
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        authorization: `Bearer ${session.token}`,
        'x-doelbinding': doel,
      },
      body: JSON.stringify(id ? { documentId: id } : { query }),
      signal: abort.signal,
    });
    if (response.status === 401) return einde('verlopen');
    if (
      !response.ok ||
      !response.body ||
      !response.headers.get('content-type')?.includes('text/event-stream')
    ) {
      return einde('fout', `De ketenhub opende geen stroom (status ${response.status}).`);
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return einde('fout', 'De stroom van de ketenhub brak af.');
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const message = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = message
          .find((line) => line.startsWith('event:'))
          ?.slice(6)
          .trim();
        if (event === 'complete') {
          await reader.cancel().catch(() => undefined);
          return einde('klaar');
        }
        const data = message
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (!data) continue; // a heartbeat
        const body = JSON.parse(data) as { data?: T | null; errors?: GraphQLError[] };
        const errors = body.errors ?? [];
        if (errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
          await reader.cancel().catch(() => undefined);
          return einde('verlopen');
        }
        if (!body.data && errors.length > 0) {
          await reader.cancel().catch(() => undefined);
          return einde('fout', errors.map((e) => e.message).join(' '));
        }
        onEvent({ data: body.data ?? null, errors });
      }
    }
  };
  run().catch((error: unknown) =>
    einde('fout', error instanceof Error ? error.message : 'De ketenhub is niet bereikbaar.'),
  );
  return { stop: () => abort.abort() };
}
