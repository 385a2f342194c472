import { createContext } from 'preact';
import { useContext } from 'preact/hooks';

/** A signed-in user: the token lives in this page's memory only, never in storage or a cookie. */
export interface Session {
  token: string;
  verlooptOp: Date;
  /** From the token, for what the client offers; the hub checks every request itself. */
  rollen: string[];
  organisatie: string | null;
  naam: string;
  via: 'demo' | 'oidc';
}

export type SessionState =
  { status: 'afgemeld' } | { status: 'verlopen' } | { status: 'aangemeld'; session: Session };

/** The claims the client reads from a token (it does not verify them: the gateway does). */
export function sessionFromToken(token: string, via: Session['via'], naam?: string): Session {
  const part = token.split('.')[1] ?? '';
  let claims: { exp?: number; roles?: unknown; org?: unknown; sub?: unknown; name?: unknown } = {};
  try {
    claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as typeof claims;
  } catch {
    // An opaque token: the gateway will say what it thinks of it.
  }
  return {
    token,
    via,
    verlooptOp: new Date((claims.exp ?? Date.now() / 1000 + 3600) * 1000),
    rollen: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : [],
    organisatie: typeof claims.org === 'string' ? claims.org : null,
    naam:
      naam ??
      (typeof claims.name === 'string' ? claims.name : typeof claims.sub === 'string' ? claims.sub : ''),
  };
}

export interface SessionControl {
  state: SessionState;
  signIn: (session: Session) => void;
  /** The gateway refused the token (expired or revoked): the user signs in again, the page stays. */
  expire: () => void;
  signOut: () => void;
}

export const SessionContext = createContext<SessionControl>({
  state: { status: 'afgemeld' },
  signIn: () => undefined,
  expire: () => undefined,
  signOut: () => undefined,
});

export function useSession(): SessionControl {
  return useContext(SessionContext);
}

export function heeftRol(state: SessionState, ...rollen: string[]): boolean {
  return state.status === 'aangemeld' && state.session.rollen.some((rol) => rollen.includes(rol));
}
