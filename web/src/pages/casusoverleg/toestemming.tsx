import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { graphql, SessionExpired } from '../../api';
import { Melding } from '../../components/states';
import { formatDatum, formatTijdstip } from '../../format';
import { organisatieNaam, partnerNaam } from '../../partners';
import { useSession } from '../../session';
import { Gegevens, HubReden, Sectie, StatusBadge } from './onderdelen';
import { TREK_TOESTEMMING_IN, type Casusoverleg, type Toestemming } from './queries';
import { dagenTekst, opsomming, TOESTEMMINGSTATUS, toestemmingStatus, WIJZE } from './woorden';

const medewerker = (id: string | null, organisatie: string | null): string =>
  id ? `${id} (${organisatieNaam(organisatie ?? '')})` : 'onbekend';

/** One consent record: its state, scope, evidence, who recorded it, expiry and withdrawal. */
function Toestemmingskaart({
  toestemming,
  geldend,
  kopId,
  children,
}: {
  toestemming: Toestemming;
  geldend: boolean;
  kopId: string;
  children?: ComponentChildren;
}) {
  const status = toestemmingStatus(toestemming, geldend);
  const { tekst, badge } = TOESTEMMINGSTATUS[status];
  const rijen: [string, ComponentChildren][] = [
    ['Status', <StatusBadge tekst={tekst} badge={badge} />],
    [
      'Reikwijdte: deze partners delen',
      toestemming.partners.length > 0 ? opsomming(toestemming.partners.map(partnerNaam)) : 'geen',
    ],
    ['Hoe gegeven', WIJZE[toestemming.wijze] ?? toestemming.wijze],
    ['Bewijs (verwijzing)', toestemming.bewijs ?? 'geen bewijs vastgelegd'],
    ['Gegeven op', formatDatum(toestemming.gegevenOp)],
    [
      'Geldig tot en met',
      <>
        {formatDatum(toestemming.verlooptOp)}
        {status !== 'ingetrokken' && status !== 'vervangen' && (
          <>
            {' '}
            <span class="hub-dagen" data-dagen-tot={toestemming.verlooptOp}>
              ({dagenTekst(toestemming.verlooptOp)})
            </span>
          </>
        )}
      </>,
    ],
    [
      'Vastgelegd door',
      `${medewerker(toestemming.vastgelegdDoor, toestemming.vastgelegdDoorOrganisatie)}, ${formatTijdstip(toestemming.vastgelegdOp)}`,
    ],
    [
      'Ingetrokken op',
      toestemming.ingetrokkenOp
        ? `${formatTijdstip(toestemming.ingetrokkenOp)}, vastgelegd door ${medewerker(toestemming.ingetrokkenDoor, toestemming.ingetrokkenDoorOrganisatie)}`
        : 'niet ingetrokken',
    ],
  ];
  return (
    <section class="hub-kaart" aria-labelledby={kopId} data-toestemming={status}>
      <h3 class="utrecht-heading-3" id={kopId}>
        {geldend
          ? 'Geldende toestemming'
          : `Eerdere toestemming, gegeven op ${formatDatum(toestemming.gegevenOp)}`}
      </h3>
      <Gegevens rijen={rijen} />
      {children}
    </section>
  );
}

/**
 * Withdrawing consent: any participant records it when the resident says so, after a confirmation;
 * then the page reads the conference again and shows what is withheld from now on.
 */
function Intrekken({ overlegId, onIngetrokken }: { overlegId: string; onIngetrokken: () => void }) {
  const { state, expire } = useSession();
  const [stap, setStap] = useState<'knop' | 'bevestigen' | 'bezig'>('knop');
  const [fout, setFout] = useState<string | null>(null);
  const vraag = useRef<HTMLHeadingElement>(null);
  const knop = useRef<HTMLButtonElement>(null);
  const geopend = useRef(false);

  useEffect(() => {
    if (stap === 'bevestigen') vraag.current?.focus();
    else if (stap === 'knop' && geopend.current) knop.current?.focus();
    if (stap !== 'knop') geopend.current = true;
  }, [stap]);

  const bevestig = async (): Promise<void> => {
    if (state.status !== 'aangemeld') return;
    setStap('bezig');
    setFout(null);
    try {
      const { data, errors } = await graphql<{ trekToestemmingIn: { id: string } | null }>(
        state.session,
        'casusoverleg',
        TREK_TOESTEMMING_IN,
        { id: overlegId },
      );
      if (data?.trekToestemmingIn && errors.length === 0) {
        onIngetrokken();
        return;
      }
      setFout(errors[0]?.message ?? 'De ketenhub legde de intrekking niet vast.');
      setStap('bevestigen');
    } catch (error) {
      if (error instanceof SessionExpired) {
        expire();
        return;
      }
      setFout(error instanceof Error ? error.message : String(error));
      setStap('bevestigen');
    }
  };

  if (stap === 'knop') {
    return (
      <p class="utrecht-paragraph hub-intrekken">
        <button
          type="button"
          ref={knop}
          class="utrecht-button utrecht-button--secondary-action"
          onClick={() => setStap('bevestigen')}
        >
          Toestemming intrekken
        </button>
      </p>
    );
  }
  return (
    <div class="hub-bevestiging" role="group" aria-labelledby="intrekken-vraag">
      <h4 class="utrecht-heading-4" id="intrekken-vraag" tabIndex={-1} ref={vraag}>
        Toestemming intrekken?
      </h4>
      <p class="utrecht-paragraph">
        Leg dit alleen vast als de inwoner de toestemming intrekt. Het gaat direct in: vanaf dan ziet geen
        deelnemer nog gegevens van de ketenpartners in dit overleg. Intrekken is niet terug te draaien; alleen
        een nieuwe toestemming, op een latere dag gegeven en door een andere deelnemer vastgelegd, opent de
        gegevens weer.
      </p>
      {fout && (
        <Melding soort="error" titel="Intrekken lukte niet">
          <p class="utrecht-paragraph hub-reden">
            <HubReden message={fout} />
          </p>
        </Melding>
      )}
      <div class="utrecht-button-group">
        <button
          type="button"
          class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
          disabled={stap === 'bezig'}
          aria-busy={stap === 'bezig'}
          onClick={() => void bevestig()}
        >
          Ja, toestemming intrekken
        </button>
        <button
          type="button"
          class="utrecht-button utrecht-button--secondary-action"
          disabled={stap === 'bezig'}
          onClick={() => {
            setFout(null);
            setStap('knop');
          }}
        >
          Annuleren
        </button>
      </div>
    </div>
  );
}

/** The consent card(s): the governing record with the withdrawal, then the history. */
export function ToestemmingSectie({
  overleg,
  onIngetrokken,
}: {
  overleg: Casusoverleg;
  onIngetrokken: () => void;
}) {
  const [geldend, ...eerder] = overleg.toestemmingen;
  return (
    <Sectie id="toestemming" titel="Toestemming van de inwoner">
      {overleg.grondslag === 'WETTELIJK' && !geldend && (
        <p class="utrecht-paragraph">
          Dit overleg rust op een wet, niet op toestemming: er is geen toestemming vastgelegd en er hoeft er
          geen te zijn.
        </p>
      )}
      {overleg.grondslag === 'TOESTEMMING' && !geldend && (
        <p class="utrecht-paragraph">
          Er is nog geen toestemming van de inwoner vastgelegd. Zonder toestemming deelt geen ketenpartner
          gegevens in dit overleg.
        </p>
      )}
      {geldend && (
        <Toestemmingskaart toestemming={geldend} geldend kopId="toestemming-geldend">
          {!geldend.ingetrokkenOp && <Intrekken overlegId={overleg.id} onIngetrokken={onIngetrokken} />}
        </Toestemmingskaart>
      )}
      {eerder.length > 0 && (
        <details class="hub-geschiedenis">
          <summary>Eerdere toestemmingen ({eerder.length})</summary>
          {eerder.map((toestemming, index) => (
            <Toestemmingskaart
              key={toestemming.id}
              toestemming={toestemming}
              geldend={false}
              kopId={`toestemming-eerder-${index}`}
            />
          ))}
        </details>
      )}
    </Sectie>
  );
}
