import type { SigningKey } from '../platform/auth/keys';
import { signEmployeeToken, signResidentToken } from '../platform/auth/local-tokens';
import type { DemoSignIn } from '../gateway/web-client';
import { DEMO_PERSONAS, DEMO_RESIDENT } from './personas';

/** How long a demo sign-in lasts: a working session, as an identity provider would give it. */
const DEMO_SESSION = '1h';

/**
 * The web client's persona sign-in of the demo: tokens of the local issuer (which the gateway trusts
 * only when no identity provider is configured) for the demo employees and, once known, a demo
 * resident with data at every partner.
 */
export function demoSignIn(
  key: SigningKey,
  residentBsn: () => Promise<string | null>,
  { ttl = DEMO_SESSION }: { ttl?: string } = {},
): DemoSignIn {
  const expiry = (token: string): string => {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      exp: number;
    };
    return new Date(payload.exp * 1000).toISOString();
  };
  return {
    kind: 'demo',
    personas: async () => [
      ...DEMO_PERSONAS.map(({ id, label, beschrijving, caller }) => ({
        id,
        label,
        beschrijving,
        rollen: caller.roles,
      })),
      ...((await residentBsn()) ? [{ ...DEMO_RESIDENT, rollen: ['INWONER'] }] : []),
    ],
    sign: async (id) => {
      const persona = DEMO_PERSONAS.find((candidate) => candidate.id === id);
      let token: string | null = null;
      if (persona) token = await signEmployeeToken(key, persona.caller, { ttl });
      else if (id === DEMO_RESIDENT.id) {
        const bsn = await residentBsn();
        if (bsn) token = await signResidentToken(key, bsn, { ttl });
      }
      return token ? { token, verlooptOp: expiry(token) } : null;
    },
  };
}
