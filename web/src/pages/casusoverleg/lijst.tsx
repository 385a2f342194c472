import { useQuery } from '../../api';
import { DoelbindingKeuze } from '../../components/doelbinding';
import { Fout, Laden, Melding } from '../../components/states';
import { formatDatum } from '../../format';
import { organisatieNaam } from '../../partners';
import { HubReden, StatusBadge } from './onderdelen';
import { MIJN_CASUSOVERLEGGEN, type OverlegInLijst } from './queries';
import { TOESTEMMINGSTATUS, toestemmingStatus } from './woorden';
import { useTitel } from './titel';
import './casusoverleg.css';

/** What a conference rests on, in the list: the governing consent's state, or the statute. */
function Grondslagstatus({ overleg }: { overleg: OverlegInLijst }) {
  if (overleg.grondslag === 'WETTELIJK') {
    return <span>Wettelijke grondslag ({overleg.wettelijkeGrondslag ?? 'onbekend'})</span>;
  }
  const geldend = overleg.toestemmingen[0];
  if (!geldend) {
    return <StatusBadge tekst="Geen toestemming vastgelegd" badge="utrecht-status-badge--warning" />;
  }
  const status = TOESTEMMINGSTATUS[toestemmingStatus(geldend, true)];
  return <StatusBadge tekst={status.tekst} badge={status.badge} label="Toestemming" />;
}

/** `/casusoverleggen`: the case conferences the user takes part in, each opened by its id. */
export function Casusoverleggen() {
  useTitel('Casusoverleggen');
  const state = useQuery<{ mijnCasusoverleggen: OverlegInLijst[] | null }>(
    'casusoverleg',
    MIJN_CASUSOVERLEGGEN,
    {},
  );
  return (
    <section aria-labelledby="casusoverleggen-titel" class="hub-casus">
      <h1 class="utrecht-heading-1" id="casusoverleggen-titel">
        Casusoverleggen
      </h1>
      <DoelbindingKeuze doelen={['casusoverleg']} gekozen="casusoverleg" />
      {state.status === 'laden' && <Laden wat="Casusoverleggen" />}
      {state.status === 'fout' && <Fout message={state.message} />}
      {state.status === 'klaar' && (
        <Lijst
          overleggen={state.result.data?.mijnCasusoverleggen ?? null}
          errors={state.result.errors.map((e) => e.message)}
        />
      )}
    </section>
  );
}

function Lijst({ overleggen, errors }: { overleggen: OverlegInLijst[] | null; errors: string[] }) {
  if (!overleggen) {
    return (
      <Melding soort="warning" titel="U heeft geen toegang tot casusoverleggen">
        {errors.map((message) => (
          <p class="utrecht-paragraph hub-reden" key={message}>
            <HubReden message={message} />
          </p>
        ))}
      </Melding>
    );
  }
  if (overleggen.length === 0) {
    return <p class="utrecht-paragraph">U neemt nog aan geen casusoverleg deel.</p>;
  }
  return (
    <>
      <p class="utrecht-paragraph">
        Een casusoverleg gaat over één inwoner. Open een overleg om de toestemming, de deelnemers, de agenda
        en de situatie van de inwoner bij de ketenpartners te zien.
      </p>
      <table class="utrecht-table utrecht-table--html-table hub-tabel" data-tabel="casusoverleggen">
        <caption class="utrecht-table__caption">Casusoverleggen waaraan u deelneemt, nieuwste eerst</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Titel
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Status
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Geopend op
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Regie
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Toestemming of grondslag
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {overleggen.map((overleg) => (
            <tr class="utrecht-table__row" key={overleg.id} data-id={overleg.id}>
              <th class="utrecht-table__header-cell" scope="row">
                <a class="utrecht-link" href={`/casusoverleggen/${encodeURIComponent(overleg.id)}`}>
                  {overleg.titel}
                </a>
              </th>
              <td class="utrecht-table__cell">
                {overleg.geslotenOp ? (
                  <StatusBadge tekst="Gesloten" badge="utrecht-status-badge--inactive" />
                ) : (
                  <StatusBadge tekst="Open" badge="utrecht-status-badge--active" />
                )}
              </td>
              <td class="utrecht-table__cell">{formatDatum(overleg.geopendOp)}</td>
              <td class="utrecht-table__cell">{organisatieNaam(overleg.organisatie)}</td>
              <td class="utrecht-table__cell">
                <Grondslagstatus overleg={overleg} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
