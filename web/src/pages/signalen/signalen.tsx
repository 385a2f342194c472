import { useEffect, useRef, useState } from 'preact/hooks';
import {
  graphql,
  errorsAt,
  SessionExpired,
  subscribe,
  unavailablePartners,
  useQuery,
  type GraphQLError,
  type GraphQLResult,
} from '../../api';
import { DoelbindingKeuze } from '../../components/doelbinding';
import { Tabel } from '../../components/tabel';
import { Fout, Laden, OnbereikbarePartners, Weggelaten } from '../../components/states';
import { formatTijdstip } from '../../format';
import { PARTNERS } from '../../partners';
import { useSession } from '../../session';
import {
  SIGNAAL_ONTVANGEN_SCHULDHULP,
  SIGNAAL_ONTVANGEN_WERK_INKOMEN,
  SIGNALENINBOX,
  ZET_SIGNAALSTATUS_SCHULDHULP,
  ZET_SIGNAALSTATUS_WERK_INKOMEN,
} from './queries';

type Status = 'NIEUW' | 'GEZIEN' | 'AFGEHANDELD';

interface Signaal {
  id: string;
  ontvanger: string;
  omschrijving: string;
  bsn: string;
  gemeente: string;
  ontvangenOp: string;
  status: Status;
  gezienDoor: string | null;
  gezienOp: string | null;
  afgehandeldDoor: string | null;
  afgehandeldOp: string | null;
}

type Inbox = Record<'werkInkomen' | 'schuldhulp', Signaal[] | null>;

/**
 * Each part of the inbox: the partner that holds it, the mutation that marks its signals, the
 * subscription that brings new ones, and the roles its signal rules name (only those subscribe).
 */
const DELEN: {
  veld: keyof Inbox;
  partner: keyof typeof PARTNERS;
  mutatie: string;
  veldMutatie: string;
  abonnement: string;
  veldAbonnement: string;
  rollen: string[];
}[] = [
  {
    veld: 'werkInkomen',
    partner: 'werk-inkomen',
    mutatie: ZET_SIGNAALSTATUS_WERK_INKOMEN,
    veldMutatie: 'zetSignaalstatusWerkInkomen',
    abonnement: SIGNAAL_ONTVANGEN_WERK_INKOMEN,
    veldAbonnement: 'signaalOntvangenWerkInkomen',
    rollen: ['KLANTMANAGER'],
  },
  {
    veld: 'schuldhulp',
    partner: 'schuldhulp',
    mutatie: ZET_SIGNAALSTATUS_SCHULDHULP,
    veldMutatie: 'zetSignaalstatusSchuldhulp',
    abonnement: SIGNAAL_ONTVANGEN_SCHULDHULP,
    veldAbonnement: 'signaalOntvangenSchuldhulp',
    rollen: ['SCHULDHULPVERLENER'],
  },
];

/** With the stream broken, the inbox is reloaded this often, and the stream tried again. */
const HERLAAD_MS = 30_000;

const STATUS: Record<Status, string> = { NIEUW: 'Nieuw', GEZIEN: 'Gezien', AFGEHANDELD: 'Afgehandeld' };

const wieWanneer = (door: string | null, op: string | null): string =>
  door && op ? `${door}, ${formatTijdstip(op)}` : '—';

function PartnerDeel({
  deel,
  signalen,
  errors,
  onGewijzigd,
}: {
  deel: (typeof DELEN)[number];
  signalen: Signaal[] | null;
  errors: GraphQLError[];
  onGewijzigd: (melding: string) => void;
}) {
  const { state, expire } = useSession();
  const [bezig, setBezig] = useState<string | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  /** The signal just marked, and its new state: focus returns to its row once the list shows it. */
  const [terug, setTerug] = useState<{ id: string; status: Status } | null>(null);
  const sectie = useRef<HTMLElement>(null);
  const naam = PARTNERS[deel.partner];
  const id = `signalen-${deel.partner}`;

  useEffect(() => {
    if (!terug) return;
    const signaal = signalen?.find((s) => s.id === terug.id);
    if (signaal && signaal.status !== terug.status) return; // the list has not followed yet
    setTerug(null);
    // The row's remaining action, else the part's heading: never the page's start.
    const knop = sectie.current?.querySelector<HTMLButtonElement>(`[data-signaal="${terug.id}"] button`);
    const kop = sectie.current?.querySelector<HTMLElement>(`#${id}`);
    (knop ?? kop)?.focus();
  }, [signalen, terug]);

  const zet = async (signaal: Signaal, status: Status): Promise<void> => {
    if (state.status !== 'aangemeld') return;
    setBezig(signaal.id);
    setFout(null);
    try {
      const { data, errors: fouten } = await graphql<Record<string, { status: Status } | null>>(
        state.session,
        'uitvoering',
        deel.mutatie,
        { id: signaal.id, status },
      );
      if (data?.[deel.veldMutatie] && fouten.length === 0) {
        setTerug({ id: signaal.id, status });
        onGewijzigd(`Signaal gemarkeerd als ${STATUS[status].toLowerCase()}.`);
      } else setFout(fouten[0]?.message ?? 'De ketenhub legde de nieuwe status niet vast.');
    } catch (error) {
      if (error instanceof SessionExpired) expire();
      else setFout(error instanceof Error ? error.message : String(error));
    } finally {
      setBezig(null);
    }
  };

  return (
    <section aria-labelledby={id} class="hub-partner-deel" data-partner={deel.partner} ref={sectie}>
      <h2 class="utrecht-heading-2" id={id} tabIndex={-1}>
        {naam}
      </h2>
      {fout && <Fout message={fout} />}
      {signalen === null ? (
        <Weggelaten errors={errorsAt(errors, ['signaleninbox', deel.veld])} wat={`De signalen van ${naam}`} />
      ) : signalen.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn bij {naam} geen signalen voor u.</p>
      ) : (
        <Tabel
          caption={`Signalen bij ${naam}, nieuwste eerst (${signalen.length})`}
          koppen={[
            'Signaal',
            'Inwoner (BSN)',
            'Gemeente',
            'Ontvangen',
            'Status',
            'Gezien',
            'Afgehandeld',
            'Actie',
          ]}
          sleutels={signalen.map((signaal) => signaal.id)}
          rijen={signalen.map((signaal) => [
            signaal.omschrijving,
            signaal.bsn,
            signaal.gemeente,
            formatTijdstip(signaal.ontvangenOp),
            <span data-status={signaal.status}>{STATUS[signaal.status]}</span>,
            wieWanneer(signaal.gezienDoor, signaal.gezienOp),
            wieWanneer(signaal.afgehandeldDoor, signaal.afgehandeldOp),
            signaal.status === 'AFGEHANDELD' ? (
              '—'
            ) : (
              <span class="hub-signaal-acties" data-signaal={signaal.id}>
                {signaal.status === 'NIEUW' && (
                  <button
                    type="button"
                    class="utrecht-button utrecht-button--secondary-action"
                    disabled={bezig !== null}
                    onClick={() => void zet(signaal, 'GEZIEN')}
                  >
                    Markeer als gezien
                  </button>
                )}{' '}
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  disabled={bezig !== null}
                  onClick={() => void zet(signaal, 'AFGEHANDELD')}
                >
                  Markeer als afgehandeld
                </button>
              </span>
            ),
          ])}
        />
      )}
    </section>
  );
}

/** Signals that arrived over the stream, newest first, before those of the last load (none doubled). */
function samen(nieuw: Signaal[], geladen: Signaal[] | null): Signaal[] | null {
  if (geladen === null) return null;
  const bekend = new Set(geladen.map((signaal) => signaal.id));
  return [...nieuw.filter((signaal) => !bekend.has(signaal.id)), ...geladen];
}

/**
 * The early-warning signals (vroegsignalering) for the caller, per receiving partner. New signals
 * arrive over a subscription per partner whose rules name the caller's roles and are announced in a
 * polite live region; when a stream fails the page reloads the inbox every `HERLAAD_MS` and tries the
 * stream again.
 */
export function Signalen() {
  const { state: sessie, expire } = useSession();
  const [versie, setVersie] = useState(0);
  const state = useQuery<{ signaleninbox: Inbox | null }>('uitvoering', SIGNALENINBOX, {}, versie);
  // The last answer stays on screen while the list reloads, so focus and reading place stay too.
  const [geladen, setGeladen] = useState<GraphQLResult<{ signaleninbox: Inbox | null }> | null>(null);
  useEffect(() => {
    if (state.status === 'klaar') setGeladen(state.result);
  }, [state]);
  const [nieuw, setNieuw] = useState<Record<keyof Inbox, Signaal[]>>({ werkInkomen: [], schuldhulp: [] });
  const [melding, setMelding] = useState('');
  const [stroom, setStroom] = useState<'live' | 'herladen' | null>(null);
  const [ronde, setRonde] = useState(0);

  const session = sessie.status === 'aangemeld' ? sessie.session : null;
  useEffect(() => {
    if (!session) return;
    const delen = DELEN.filter((deel) => deel.rollen.some((rol) => session.rollen.includes(rol)));
    if (delen.length === 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let herladen: ReturnType<typeof setInterval> | undefined;
    setStroom('live');
    const abonnementen = delen.map((deel) =>
      subscribe<Record<string, Signaal | null>>(
        session,
        'uitvoering',
        deel.abonnement,
        ({ data }) => {
          const signaal = data?.[deel.veldAbonnement];
          if (!signaal) return;
          setNieuw((oud) => ({ ...oud, [deel.veld]: [signaal, ...oud[deel.veld]] }));
          setMelding(`Nieuw signaal bij ${PARTNERS[deel.partner]}: ${signaal.omschrijving}`);
        },
        (einde) => {
          if (einde === 'verlopen') return expire();
          // Completed by the hub (its bound, a restart): subscribe again at once, and catch up.
          if (einde === 'klaar') {
            setVersie((v) => v + 1);
            return setRonde((r) => r + 1);
          }
          setStroom('herladen');
          herladen ??= setInterval(() => setVersie((v) => v + 1), HERLAAD_MS);
          timer ??= setTimeout(() => setRonde((r) => r + 1), HERLAAD_MS);
        },
      ),
    );
    return () => {
      for (const abonnement of abonnementen) abonnement.stop();
      clearTimeout(timer);
      clearInterval(herladen);
    };
  }, [session?.token, ronde]);

  const inbox = geladen?.data?.signaleninbox ?? null;
  return (
    <section aria-labelledby="signalen-titel">
      <h1 class="utrecht-heading-1" id="signalen-titel">
        Signalen
      </h1>
      <p class="utrecht-paragraph">
        Een signaal zegt alleen dat er bij een andere ketenpartner iets is gebeurd met een inwoner, en bij
        wie; niet wat. U ziet de signalen die voor uw rol, organisatie en gemeenten zijn bedoeld.
      </p>
      <DoelbindingKeuze doelen={['uitvoering']} gekozen="uitvoering" />
      {stroom && (
        <p class="utrecht-paragraph" data-stroom={stroom}>
          {stroom === 'live'
            ? 'Nieuwe signalen verschijnen hier vanzelf.'
            : 'Nieuwe signalen komen nu niet vanzelf binnen; de lijst wordt elke 30 seconden bijgewerkt.'}
        </p>
      )}
      <p class="utrecht-paragraph hub-visually-hidden" role="status" aria-live="polite" data-melding>
        {melding}
      </p>
      {!geladen && state.status === 'laden' && <Laden wat="De signalen" />}
      {state.status === 'fout' && <Fout message={state.message} />}
      {geladen &&
        (inbox ? (
          <>
            <OnbereikbarePartners partners={unavailablePartners(geladen.errors)} />
            {DELEN.map((deel) => (
              <PartnerDeel
                key={deel.veld}
                deel={deel}
                signalen={samen(nieuw[deel.veld], inbox[deel.veld])}
                errors={geladen.errors}
                onGewijzigd={(tekst) => {
                  setMelding(tekst);
                  setVersie((v) => v + 1);
                }}
              />
            ))}
          </>
        ) : (
          <Fout message={geladen.errors.map((e) => e.message).join(' ') || 'Geen signalen ontvangen.'} />
        ))}
    </section>
  );
}
