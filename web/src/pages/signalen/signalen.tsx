import { useState } from 'preact/hooks';
import {
  graphql,
  errorsAt,
  SessionExpired,
  unavailablePartners,
  useQuery,
  type GraphQLError,
} from '../../api';
import { DoelbindingKeuze } from '../../components/doelbinding';
import { Tabel } from '../../components/tabel';
import { Fout, Laden, OnbereikbarePartners, Weggelaten } from '../../components/states';
import { formatTijdstip } from '../../format';
import { PARTNERS } from '../../partners';
import { useSession } from '../../session';
import { SIGNALENINBOX, ZET_SIGNAALSTATUS_SCHULDHULP, ZET_SIGNAALSTATUS_WERK_INKOMEN } from './queries';

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

/** Each part of the inbox: the partner that holds it, and the mutation that marks its signals. */
const DELEN: { veld: keyof Inbox; partner: keyof typeof PARTNERS; mutatie: string; veldMutatie: string }[] = [
  {
    veld: 'werkInkomen',
    partner: 'werk-inkomen',
    mutatie: ZET_SIGNAALSTATUS_WERK_INKOMEN,
    veldMutatie: 'zetSignaalstatusWerkInkomen',
  },
  {
    veld: 'schuldhulp',
    partner: 'schuldhulp',
    mutatie: ZET_SIGNAALSTATUS_SCHULDHULP,
    veldMutatie: 'zetSignaalstatusSchuldhulp',
  },
];

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
  onGewijzigd: () => void;
}) {
  const { state, expire } = useSession();
  const [bezig, setBezig] = useState<string | null>(null);
  const [fout, setFout] = useState<string | null>(null);
  const naam = PARTNERS[deel.partner];
  const id = `signalen-${deel.partner}`;

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
      if (data?.[deel.veldMutatie] && fouten.length === 0) onGewijzigd();
      else setFout(fouten[0]?.message ?? 'De ketenhub legde de nieuwe status niet vast.');
    } catch (error) {
      if (error instanceof SessionExpired) expire();
      else setFout(error instanceof Error ? error.message : String(error));
    } finally {
      setBezig(null);
    }
  };

  return (
    <section aria-labelledby={id} class="hub-partner-deel" data-partner={deel.partner}>
      <h2 class="utrecht-heading-2" id={id}>
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
              <span class="hub-signaal-acties">
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

/** The early-warning signals (vroegsignalering) for the caller, per receiving partner. */
export function Signalen() {
  const [versie, setVersie] = useState(0);
  const state = useQuery<{ signaleninbox: Inbox | null }>('uitvoering', SIGNALENINBOX, {}, versie);
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
      {state.status === 'laden' && <Laden wat="De signalen" />}
      {state.status === 'fout' && <Fout message={state.message} />}
      {state.status === 'klaar' &&
        (state.result.data?.signaleninbox ? (
          <>
            <OnbereikbarePartners partners={unavailablePartners(state.result.errors)} />
            {DELEN.map((deel) => (
              <PartnerDeel
                key={deel.veld}
                deel={deel}
                signalen={state.result.data?.signaleninbox?.[deel.veld] ?? null}
                errors={state.result.errors}
                onGewijzigd={() => setVersie((v) => v + 1)}
              />
            ))}
          </>
        ) : (
          <Fout message={state.result.errors.map((e) => e.message).join(' ') || 'Geen signalen ontvangen.'} />
        ))}
    </section>
  );
}
