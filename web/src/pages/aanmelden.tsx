import { useState } from 'preact/hooks';
import type { ClientConfig } from '../config';
import { Melding } from '../components/states';

/**
 * Sign-in: in the demo a persona picker (tokens of the hub's local issuer), otherwise the organisation's
 * identity provider. The page the user wanted stays in the address bar and opens after sign-in.
 */
export function Aanmelden({
  config,
  verlopen,
  onToken,
}: {
  config: ClientConfig;
  verlopen: boolean;
  onToken: (token: string, via: 'demo' | 'oidc') => void;
}) {
  const [bezig, setBezig] = useState(false);
  const [fout, setFout] = useState<string | null>(null);

  const alsPersona = async (persona: string): Promise<void> => {
    setBezig(true);
    setFout(null);
    try {
      const response = await fetch('/demo/aanmelden', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      const body = (await response.json()) as { token?: string; errors?: { message: string }[] };
      if (!response.ok || !body.token)
        throw new Error(body.errors?.[0]?.message ?? `status ${response.status}`);
      onToken(body.token, 'demo');
    } catch (error) {
      setFout(`Aanmelden lukte niet: ${error instanceof Error ? error.message : String(error)}`);
      setBezig(false);
    }
  };

  const viaOidc = async (): Promise<void> => {
    if (config.aanmelden !== 'oidc') return;
    setBezig(true);
    setFout(null);
    try {
      const { startSignIn } = await import('../oidc');
      // The browser leaves for the identity provider; the button stays disabled until it has.
      await startSignIn(config.oidc, location.pathname + location.search);
    } catch (error) {
      setFout(
        error instanceof Error && error.name === 'AanmeldFout'
          ? error.message
          : `Aanmelden lukte niet: ${error instanceof Error ? error.message : String(error)}`,
      );
      setBezig(false);
    }
  };

  return (
    <section aria-labelledby="aanmelden-titel">
      <h1 class="utrecht-heading-1" id="aanmelden-titel">
        Aanmelden
      </h1>
      {verlopen && (
        <Melding soort="warning" titel="Uw sessie is verlopen">
          <p class="utrecht-paragraph">Meld u opnieuw aan; daarna ziet u weer de pagina waar u was.</p>
        </Melding>
      )}
      {fout && (
        <Melding soort="error">
          <p class="utrecht-paragraph">{fout}</p>
        </Melding>
      )}
      {config.aanmelden === 'demo' && (
        <>
          <p class="utrecht-paragraph">
            Dit is de demo op synthetische gegevens. Kies als wie u zich aanmeldt; elke rol ziet alleen wat
            die rol mag zien.
          </p>
          <ul class="hub-personas">
            {config.personas.map((persona) => (
              <li key={persona.id}>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  disabled={bezig}
                  data-persona={persona.id}
                  onClick={() => void alsPersona(persona.id)}
                >
                  {persona.label}
                </button>
                <p class="utrecht-paragraph">{persona.beschrijving}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {config.aanmelden === 'oidc' && (
        <>
          <p class="utrecht-paragraph">U meldt zich aan bij de inlogdienst van uw organisatie.</p>
          <button
            type="button"
            class="utrecht-button utrecht-button--primary-action"
            disabled={bezig}
            onClick={() => void viaOidc()}
          >
            Aanmelden bij uw organisatie
          </button>
        </>
      )}
      {config.aanmelden === null && (
        <Melding soort="info" titel="Aanmelden is hier niet ingericht">
          <p class="utrecht-paragraph">
            Deze ketenhub heeft geen inlogdienst voor de webtoepassing (WEB_OIDC_ISSUER). De GraphQL-API werkt
            wel, met een token van uw organisatie.
          </p>
        </Melding>
      )}
    </section>
  );
}
