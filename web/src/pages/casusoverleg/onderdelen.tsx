import type { ComponentChildren } from 'preact';
import type { GraphQLError } from '../../api';
import type { Grondslag } from './queries';
import { redenInWoorden } from './redenen';

/** A status in words on a badge: the colour only repeats what the text says. */
export function StatusBadge({ tekst, badge, label }: { tekst: string; badge: string; label?: string }) {
  return (
    <span class={`utrecht-status-badge ${badge} hub-badge`} data-status={tekst}>
      {label && <span class="hub-visually-hidden">{label}: </span>}
      {tekst}
    </span>
  );
}

/** Key and value pairs in the NL Design System's data list. */
export function Gegevens({ rijen, label }: { rijen: [string, ComponentChildren][]; label?: string }) {
  return (
    <dl class="utrecht-data-list utrecht-data-list--rows hub-gegevens" aria-label={label}>
      {rijen.map(([key, value]) => (
        <div class="utrecht-data-list__item" key={key}>
          <dt class="utrecht-data-list__item-key">{key}</dt>
          <dd class="utrecht-data-list__item-value utrecht-data-list__item-value--html-dd">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The hub's reason in Dutch, with the hub's own words beside it (so nothing is lost in translation). */
export function HubReden({ message, grondslag }: { message: string; grondslag?: Grondslag }) {
  const nl = redenInWoorden(message, grondslag);
  if (!nl) return <span class="hub-reden__tekst">{message}</span>;
  return (
    <>
      <span class="hub-reden__tekst">{nl}</span>{' '}
      <span class="hub-reden__hub">
        (ketenhub: <q lang="en">{message}</q>)
      </span>
    </>
  );
}

/**
 * A part the hub withheld or could not give, marked where the part would be: what it is, and why in
 * the hub's words. Partners that could not answer are marked as unavailable, not as refused.
 */
export function Weggelaten({
  wat,
  errors,
  onbereikbaar,
  grondslag,
  veld,
}: {
  wat: string;
  errors: GraphQLError[];
  onbereikbaar?: string;
  grondslag?: Grondslag;
  veld?: string;
}) {
  const berichten = [...new Set(errors.map((error) => error.message))];
  const geweigerd = errors.some((error) => error.extensions?.code === 'FORBIDDEN');
  return (
    <div
      class="hub-weggelaten hub-reden"
      data-veld={veld}
      data-code={onbereikbaar ? 'UNAVAILABLE' : (errors[0]?.extensions?.code ?? '')}
    >
      <p class="utrecht-paragraph">
        <StatusBadge
          tekst={onbereikbaar || !geweigerd ? 'Niet beschikbaar' : 'Niet getoond'}
          badge="utrecht-status-badge--warning"
        />{' '}
        <strong>{wat}</strong>
        {onbereikbaar ? `: ${onbereikbaar}` : ''}
      </p>
      {berichten.map((message) => (
        <p class="utrecht-paragraph" key={message}>
          Reden: <HubReden message={message} grondslag={grondslag} />
        </p>
      ))}
    </div>
  );
}

/** A heading with the section it names, for the page's outline. */
export function Sectie({
  id,
  titel,
  niveau = 2,
  children,
  class: className,
}: {
  id: string;
  titel: ComponentChildren;
  niveau?: 2 | 3;
  children: ComponentChildren;
  class?: string;
}) {
  const Kop = niveau === 2 ? 'h2' : 'h3';
  return (
    <section class={`hub-sectie ${className ?? ''}`} aria-labelledby={id} data-sectie={id}>
      <Kop class={`utrecht-heading-${niveau}`} id={id}>
        {titel}
      </Kop>
      {children}
    </section>
  );
}
