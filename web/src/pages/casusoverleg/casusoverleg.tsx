import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { errorsAt, unavailablePartners, useQuery, type GraphQLError, type GraphQLResult } from '../../api';
import { DoelbindingKeuze } from '../../components/doelbinding';
import { Fout, Laden, Melding, OnbereikbarePartners } from '../../components/states';
import { formatDatum, formatTijdstip } from '../../format';
import { organisatieNaam, partnerNaam } from '../../partners';
import { InzageSectie } from './inzage';
import { LogboekVanOverleg } from './logboek';
import { Gegevens, HubReden, Sectie, StatusBadge } from './onderdelen';
import { CASUSOVERLEG, type Casusoverleg as Overleg, type CasusoverlegAntwoord } from './queries';
import { useTitel } from './titel';
import { ToestemmingSectie } from './toestemming';
import { ACTIESTATUS, gemeenteNaam, opsomming, woord } from './woorden';
import './casusoverleg.css';

const medewerker = (id: string, organisatie: string): string => `${id} (${organisatieNaam(organisatie)})`;

/** `/casusoverleggen/:id`: one case conference, for its participants. */
export function Casusoverleg() {
  const { params } = useRoute();
  const id = params.id ?? '';
  useTitel('Casusoverleg');
  const [refresh, setRefresh] = useState(0);
  const [ingetrokken, setIngetrokken] = useState(false);
  const state = useQuery<CasusoverlegAntwoord>('casusoverleg', CASUSOVERLEG, { id }, refresh);

  // While the page reads the conference again (after a withdrawal) it keeps showing what it had.
  const vorige = useRef<{ id: string; result: GraphQLResult<CasusoverlegAntwoord> } | null>(null);
  if (state.status === 'klaar') vorige.current = { id, result: state.result };
  const getoond =
    state.status === 'klaar' ? state.result : vorige.current?.id === id ? vorige.current.result : null;

  return (
    <article aria-labelledby="casus-titel" class="hub-casus" aria-busy={state.status === 'laden'}>
      <p class="utrecht-paragraph hub-terug">
        <a class="utrecht-link" href="/casusoverleggen">
          Alle casusoverleggen
        </a>
      </p>
      {state.status === 'fout' && (
        <>
          <h1 class="utrecht-heading-1" id="casus-titel">
            Casusoverleg
          </h1>
          <Fout message={state.message} />
        </>
      )}
      {state.status !== 'fout' && !getoond && (
        <>
          <h1 class="utrecht-heading-1" id="casus-titel">
            Casusoverleg
          </h1>
          <Laden wat="Casusoverleg" />
        </>
      )}
      {state.status !== 'fout' && getoond && (
        <Inhoud
          result={getoond}
          bijwerken={state.status === 'laden'}
          logboekVersie={state.status === 'klaar' ? refresh : null}
          ingetrokken={ingetrokken}
          onIngetrokken={() => {
            setIngetrokken(true);
            setRefresh((n) => n + 1);
          }}
        />
      )}
    </article>
  );
}

function Inhoud({
  result,
  bijwerken,
  logboekVersie,
  ingetrokken,
  onIngetrokken,
}: {
  result: GraphQLResult<CasusoverlegAntwoord>;
  bijwerken: boolean;
  /** Null while the conference loads; the log is asked once it is on screen. */
  logboekVersie: number | null;
  ingetrokken: boolean;
  onIngetrokken: () => void;
}) {
  const overleg = result.data?.casusoverleg ?? null;
  if (!overleg) {
    const redenen = errorsAt(result.errors, ['casusoverleg']);
    return (
      <>
        <h1 class="utrecht-heading-1" id="casus-titel">
          Casusoverleg
        </h1>
        <DoelbindingKeuze doelen={['casusoverleg']} gekozen="casusoverleg" />
        {redenen.length > 0 ? (
          <Melding soort="warning" titel="U kunt dit casusoverleg niet inzien">
            {redenen.map((error) => (
              <p class="utrecht-paragraph hub-reden" key={error.message}>
                <HubReden message={error.message} />
              </p>
            ))}
          </Melding>
        ) : (
          <Melding soort="warning" titel="Casusoverleg niet gevonden">
            <p class="utrecht-paragraph">Er is geen casusoverleg met dit nummer.</p>
          </Melding>
        )}
      </>
    );
  }
  const onbereikbaar = unavailablePartners(result.errors);
  return (
    <>
      <h1 class="utrecht-heading-1" id="casus-titel">
        {overleg.titel}
      </h1>
      <DoelbindingKeuze doelen={['casusoverleg']} gekozen="casusoverleg" />
      {bijwerken && <Laden wat="Bijgewerkt casusoverleg" />}
      {ingetrokken && !bijwerken && <IntrekkingGelukt />}
      <OnbereikbarePartners partners={onbereikbaar} />
      <OverDitOverleg overleg={overleg} grondslagen={result.data?.grondslagen ?? null} />
      <ToestemmingSectie overleg={overleg} onIngetrokken={onIngetrokken} />
      <Deelnemers overleg={overleg} />
      <Agenda overleg={overleg} />
      <Acties overleg={overleg} />
      <InzageSectie overleg={overleg} errors={result.errors} onbereikbaar={onbereikbaar} />
      <Logboek overleg={overleg} versie={logboekVersie} />
      <OverigeFouten errors={result.errors} />
    </>
  );
}

/** Said once the withdrawal is recorded and the page shows the conference as it is now. */
function IntrekkingGelukt() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} class="hub-focus">
      <Melding soort="ok" titel="De intrekking is vastgelegd">
        <p class="utrecht-paragraph">
          Vanaf nu deelt geen ketenpartner nog gegevens in dit overleg. Hieronder staat bij elk deel de reden.
        </p>
      </Melding>
    </div>
  );
}

function OverDitOverleg({
  overleg,
  grondslagen,
}: {
  overleg: Overleg;
  grondslagen: CasusoverlegAntwoord['grondslagen'];
}) {
  const wet = grondslagen?.find((g) => g.code === overleg.wettelijkeGrondslag);
  const geldend = overleg.toestemmingen[0];
  const grondslag: ComponentChildren =
    overleg.grondslag === 'TOESTEMMING' ? (
      'Toestemming van de inwoner (zie ‘Toestemming van de inwoner’ hieronder)'
    ) : wet ? (
      <>
        {wet.naam} ({wet.code}){wet.artikel ? `, ${wet.artikel}` : ''}{' '}
        <StatusBadge
          tekst={woord('grondslagstatus', wet.status)}
          badge={
            wet.status === 'IN_WERKING' ? 'utrecht-status-badge--valid' : 'utrecht-status-badge--warning'
          }
          label="Status van de wet"
        />
      </>
    ) : (
      `Wettelijk: ${overleg.wettelijkeGrondslag ?? 'onbekend'}`
    );
  const reikwijdte =
    overleg.grondslag === 'WETTELIJK'
      ? overleg.partners
      : geldend && !geldend.ingetrokkenOp
        ? geldend.partners
        : [];
  return (
    <Sectie id="over" titel="Over dit overleg">
      <Gegevens
        rijen={[
          [
            'Status',
            overleg.geslotenOp ? (
              <>
                <StatusBadge tekst="Gesloten" badge="utrecht-status-badge--inactive" /> op{' '}
                {formatTijdstip(overleg.geslotenOp)}
              </>
            ) : (
              <StatusBadge tekst="Open" badge="utrecht-status-badge--active" />
            ),
          ],
          ['Grondslag', grondslag],
          [
            'Partners die delen',
            reikwijdte.length > 0
              ? opsomming(reikwijdte.map(partnerNaam))
              : overleg.grondslag === 'TOESTEMMING'
                ? 'geen: er is geen geldende toestemming'
                : 'geen',
          ],
          ['BSN van de inwoner', <span class="hub-bsn">{overleg.bsn}</span>],
          ['Gemeente', gemeenteNaam(overleg.gemeente)],
          ['Regie', organisatieNaam(overleg.organisatie)],
          [
            'Geopend',
            `${formatTijdstip(overleg.geopendOp)} door ${medewerker(overleg.geopendDoor, overleg.organisatie)}`,
          ],
        ]}
      />
    </Sectie>
  );
}

function Deelnemers({ overleg }: { overleg: Overleg }) {
  return (
    <Sectie id="deelnemers" titel="Deelnemers">
      <table class="utrecht-table utrecht-table--html-table hub-tabel" data-tabel="deelnemers">
        <caption class="utrecht-table__caption">
          Deelnemers aan dit overleg, in de volgorde van toevoegen
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Medewerker
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Organisatie
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Rol in het overleg
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Toegevoegd op
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {overleg.deelnemers.map((d) => (
            <tr class="utrecht-table__row" key={d.id}>
              <th class="utrecht-table__header-cell" scope="row">
                {d.medewerker}
                {d.medewerker === overleg.geopendDoor && d.organisatie === overleg.organisatie && (
                  <span class="hub-toevoeging"> (opende het overleg)</span>
                )}
              </th>
              <td class="utrecht-table__cell">{organisatieNaam(d.organisatie)}</td>
              <td class="utrecht-table__cell">{woord('rol', d.rol)}</td>
              <td class="utrecht-table__cell">{formatTijdstip(d.toegevoegdOp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Sectie>
  );
}

function Agenda({ overleg }: { overleg: Overleg }) {
  return (
    <Sectie id="agenda" titel="Agenda">
      {overleg.agenda.length === 0 ? (
        <p class="utrecht-paragraph">Er staan nog geen punten op de agenda.</p>
      ) : (
        <ol class="utrecht-ordered-list hub-agenda" aria-labelledby="agenda">
          {overleg.agenda.map((punt) => (
            <li class="utrecht-ordered-list__item" key={punt.id} value={punt.volgorde}>
              {punt.onderwerp}
            </li>
          ))}
        </ol>
      )}
    </Sectie>
  );
}

function Acties({ overleg }: { overleg: Overleg }) {
  return (
    <Sectie id="acties" titel="Afgesproken acties">
      {overleg.acties.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen acties afgesproken.</p>
      ) : (
        <table class="utrecht-table utrecht-table--html-table hub-tabel" data-tabel="acties">
          <caption class="utrecht-table__caption">Afgesproken acties, vroegste deadline eerst</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Actie
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Uitgevoerd door
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Deadline
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Status
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {overleg.acties.map((actie) => {
              const status = ACTIESTATUS[actie.status] ?? { tekst: actie.status, badge: '' };
              return (
                <tr class="utrecht-table__row" key={actie.id}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {actie.omschrijving}
                  </th>
                  <td class="utrecht-table__cell">{organisatieNaam(actie.eigenaarOrganisatie)}</td>
                  <td class="utrecht-table__cell">{formatDatum(actie.deadline)}</td>
                  <td class="utrecht-table__cell">
                    <StatusBadge tekst={status.tekst} badge={status.badge} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Sectie>
  );
}

interface Gebeurtenis {
  tijdstip: string;
  wat: string;
  door: string;
}

/** What the conference's own record dates: its changes, not who looked. */
function gebeurtenissen(overleg: Overleg): Gebeurtenis[] {
  const lijst: Gebeurtenis[] = [
    {
      tijdstip: overleg.geopendOp,
      wat: 'Overleg geopend',
      door: medewerker(overleg.geopendDoor, overleg.organisatie),
    },
  ];
  for (const d of overleg.deelnemers) {
    if (d.medewerker === overleg.geopendDoor && d.organisatie === overleg.organisatie) continue;
    lijst.push({
      tijdstip: d.toegevoegdOp,
      wat: `Deelnemer toegevoegd: ${d.medewerker} als ${woord('rol', d.rol).toLowerCase()}`,
      door: `een klantmanager van ${organisatieNaam(overleg.organisatie)} (regie)`,
    });
  }
  for (const t of overleg.toestemmingen) {
    lijst.push({
      tijdstip: t.vastgelegdOp,
      wat: `Toestemming vastgelegd (gegeven op ${formatDatum(t.gegevenOp)})`,
      door: medewerker(t.vastgelegdDoor, t.vastgelegdDoorOrganisatie),
    });
    if (t.ingetrokkenOp) {
      lijst.push({
        tijdstip: t.ingetrokkenOp,
        wat: 'Toestemming ingetrokken',
        door: t.ingetrokkenDoor
          ? medewerker(t.ingetrokkenDoor, t.ingetrokkenDoorOrganisatie ?? '')
          : 'onbekend',
      });
    }
  }
  if (overleg.geslotenOp) {
    lijst.push({
      tijdstip: overleg.geslotenOp,
      wat: 'Overleg gesloten',
      door: `een klantmanager van ${organisatieNaam(overleg.organisatie)} (regie)`,
    });
  }
  return lijst.sort((a, b) => a.tijdstip.localeCompare(b.tijdstip));
}

/**
 * The access log of this conference: each partner's looks at the resident's data for it, from the
 * partners' own processing logs, and what the conference's own record dates.
 */
function Logboek({ overleg, versie }: { overleg: Overleg; versie: number | null }) {
  return (
    <Sectie id="logboek" titel="Logboek van dit overleg">
      <p class="utrecht-paragraph">
        Wie de gegevens van de inwoner voor dit overleg bekeek of probeerde te bekijken, per ketenpartner,
        nieuwste eerst. Elke partner houdt dit zelf bij in zijn logboek dataverwerkingen; u ziet de
        organisatie en de rol, niet de medewerker. Dat u dit logboek bekijkt, legt elke partner ook vast.
      </p>
      <LogboekVanOverleg id={overleg.id} versie={versie} />
      <h3 class="utrecht-heading-3" id="verloop-kop">
        Vastgelegd in dit overleg
      </h3>
      <p class="utrecht-paragraph">
        Wat het overleg zelf met een tijdstip vastlegt: wijzigingen, geen raadplegingen. Agendapunten en
        acties hebben geen tijdstip en staan hierboven.
      </p>
      <table class="utrecht-table utrecht-table--html-table hub-tabel" data-tabel="verloop">
        <caption class="utrecht-table__caption">Wijzigingen in dit overleg, oudste eerst</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Tijdstip
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Wat
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Door
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {gebeurtenissen(overleg).map((g, index) => (
            <tr class="utrecht-table__row" key={`${g.tijdstip}-${index}`}>
              <td class="utrecht-table__cell">{formatTijdstip(g.tijdstip)}</td>
              <td class="utrecht-table__cell">{g.wat}</td>
              <td class="utrecht-table__cell">{g.door}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Sectie>
  );
}

/** Errors the sections above do not place (a part of the answer no section shows): never dropped. */
function OverigeFouten({ errors }: { errors: GraphQLError[] }) {
  const overig = errors.filter((error) => {
    const code = error.extensions?.code ?? '';
    if (['SUBGRAPH_UNAVAILABLE', 'PARTNER_UNAVAILABLE', 'PROCESSING_LOG_UNAVAILABLE'].includes(code))
      return false;
    return !(error.path?.[0] === 'casusoverleg' && (error.path.length === 1 || error.path[1] === 'inzage'));
  });
  if (overig.length === 0) return null;
  return (
    <Melding soort="warning" titel="Niet alles kwam door">
      {overig.map((error) => (
        <p class="utrecht-paragraph hub-reden" key={error.message}>
          <HubReden message={error.message} />
        </p>
      ))}
    </Melding>
  );
}
