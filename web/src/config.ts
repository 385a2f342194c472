/** How this hub lets people sign in: what the gateway says at /client-config.json. */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  scope: string;
  resource?: string;
}

export interface Persona {
  id: string;
  label: string;
  beschrijving: string;
  rollen: string[];
}

export type ClientConfig =
  { aanmelden: 'demo'; personas: Persona[] } | { aanmelden: 'oidc'; oidc: OidcConfig } | { aanmelden: null };

export async function loadClientConfig(): Promise<ClientConfig> {
  const response = await fetch('/client-config.json', { cache: 'no-store' });
  if (!response.ok) throw new Error(`status ${response.status}`);
  return (await response.json()) as ClientConfig;
}
