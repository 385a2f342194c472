import type { Doelbinding } from '../api';

const UITLEG: Record<Doelbinding, string> = {
  uitvoering: 'uitvoering (dienstverlening aan de inwoner)',
  casusoverleg: 'casusoverleg (ketenaanpak)',
  beleidsinformatie: 'beleidsinformatie (statistiek)',
  toezicht: 'toezicht (privacy officer)',
  inzageverzoek: 'inzageverzoek (AVG artikel 15)',
};

/**
 * The purpose of this page's requests: stated by the user, sent with every request, and checked by the
 * hub. With one purpose possible it is shown; with more, chosen.
 */
export function DoelbindingKeuze({
  doelen,
  gekozen,
  onKies,
}: {
  doelen: Doelbinding[];
  gekozen: Doelbinding;
  onKies?: (doel: Doelbinding) => void;
}) {
  if (doelen.length === 1 || !onKies) {
    return (
      <p class="utrecht-paragraph hub-doelbinding">
        Doelbinding van deze pagina: <strong>{UITLEG[gekozen]}</strong>
      </p>
    );
  }
  return (
    <div class="utrecht-form-field utrecht-form-field--select hub-doelbinding">
      <label class="utrecht-form-label" for="doelbinding">
        Doelbinding
      </label>
      <select
        id="doelbinding"
        class="utrecht-select utrecht-select--html-select"
        value={gekozen}
        onChange={(event) => onKies(event.currentTarget.value as Doelbinding)}
      >
        {doelen.map((doel) => (
          <option value={doel} key={doel}>
            {UITLEG[doel]}
          </option>
        ))}
      </select>
    </div>
  );
}
