import type { ComponentChildren } from 'preact';
import type { GraphQLError } from '../api';
import { partnerNaam } from '../partners';

type Soort = 'info' | 'ok' | 'warning' | 'error';

/** A message in the NL Design System's alert; errors and warnings are announced to screen readers. */
export function Melding({
  soort,
  titel,
  children,
}: {
  soort: Soort;
  titel?: string;
  children?: ComponentChildren;
}) {
  return (
    <div
      class={`utrecht-alert utrecht-alert--${soort}`}
      role={soort === 'error' || soort === 'warning' ? 'alert' : 'status'}
    >
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          {titel && (
            <p class="utrecht-paragraph">
              <strong>{titel}</strong>
            </p>
          )}
          {children}
        </div>
      </div>
    </div>
  );
}

export function Laden({ wat }: { wat: string }) {
  return (
    <p class="utrecht-paragraph hub-laden" role="status" aria-live="polite">
      {wat} laden…
    </p>
  );
}

export function Fout({ message }: { message: string }) {
  return (
    <Melding soort="error" titel="Dit lukte niet">
      <p class="utrecht-paragraph">{message}</p>
    </Melding>
  );
}

/** Partners that could not answer: their parts are marked, the rest of the page stands. */
export function OnbereikbarePartners({ partners }: { partners: string[] }) {
  if (partners.length === 0) return null;
  return (
    <Melding soort="warning" titel="Niet alle ketenpartners gaven antwoord">
      <p class="utrecht-paragraph">
        {partners.map(partnerNaam).join(', ')} {partners.length === 1 ? 'is' : 'zijn'} nu niet bereikbaar. Hun
        deel is gemarkeerd; de rest van deze pagina is volledig.
      </p>
    </Melding>
  );
}

/** What the hub said about a withheld or missing part, in its own words. */
export function Weggelaten({ errors, wat }: { errors: GraphQLError[]; wat: string }) {
  const error = errors[0];
  if (!error) return null;
  const code = error.extensions?.code;
  const reden =
    code === 'FORBIDDEN'
      ? error.message
      : code === 'SUBGRAPH_UNAVAILABLE' || code === 'PARTNER_UNAVAILABLE'
        ? `${partnerNaam(error.extensions?.serviceName)} is nu niet bereikbaar.`
        : error.message;
  return (
    <p class="utrecht-paragraph hub-weggelaten" data-code={code}>
      <span class="utrecht-status-badge utrecht-status-badge--warning">
        {code === 'FORBIDDEN' ? 'Niet getoond' : 'Niet beschikbaar'}
      </span>{' '}
      {wat}: {reden}
    </p>
  );
}
