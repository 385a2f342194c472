import { useState } from 'preact/hooks';

/**
 * A period of whole days (from, to inclusive), chosen with date fields and applied with a button, so
 * that typing a date does not send a request per keystroke.
 */
export function PeriodeKeuze({
  van,
  tot,
  onKies,
}: {
  van: string;
  tot: string;
  onKies: (van: string, tot: string) => void;
}) {
  const [begin, setBegin] = useState(van);
  const [einde, setEinde] = useState(tot);
  const fout = begin && einde && begin > einde ? 'De begindatum ligt na de einddatum.' : null;
  return (
    <form
      class="hub-periode"
      onSubmit={(event) => {
        event.preventDefault();
        if (!fout && begin && einde) onKies(begin, einde);
      }}
    >
      <div class="utrecht-form-field utrecht-form-field--text">
        <label class="utrecht-form-label" for="periode-van">
          Van
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="periode-van"
          type="date"
          required
          value={begin}
          onInput={(event) => setBegin(event.currentTarget.value)}
        />
      </div>
      <div class="utrecht-form-field utrecht-form-field--text">
        <label class="utrecht-form-label" for="periode-tot">
          Tot en met
        </label>
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id="periode-tot"
          type="date"
          required
          value={einde}
          aria-describedby={fout ? 'periode-fout' : undefined}
          aria-invalid={fout ? 'true' : undefined}
          onInput={(event) => setEinde(event.currentTarget.value)}
        />
      </div>
      {fout && (
        <p class="utrecht-form-field-error-message" id="periode-fout">
          {fout}
        </p>
      )}
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        Toon periode
      </button>
    </form>
  );
}
