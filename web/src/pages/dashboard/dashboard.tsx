import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { unavailablePartners, useQuery, type Doelbinding, type GraphQLResult } from '../../api';
import { DoelbindingKeuze } from '../../components/doelbinding';
import { Fout, Laden, Melding, OnbereikbarePartners, Weggelaten } from '../../components/states';
import { CIJFERS_QUERY, GEMEENTEN_QUERY, bouwOnderdelen, type CijfersData, type Onderdeel } from './cijfers';
import { downloadTekst, maakCsv } from './csv';
import {
  MAANDEN,
  beginEnEinde,
  leesGemeenten,
  leesPeriode,
  periodeKort,
  periodeNaam,
  selectieUrl,
  soortVan,
  standaardJaar,
  type Periode,
  type PeriodeSoort,
  type Selectie,
} from './selectie';
import { CijferTabel } from './tabel';
import './dashboard.css';

/** Statistics serve one purpose only. */
const DOEL: Doelbinding = 'beleidsinformatie';
const EERSTE_JAAR = 2015;

interface Gemeente {
  code: string;
  naam: string;
}

function opsomming(namen: string[]): string {
  return namen.length <= 1
    ? (namen[0] ?? '')
    : `${namen.slice(0, -1).join(', ')} en ${namen[namen.length - 1]}`;
}

/** The choice of gemeenten and period; shown once submitted, so each choice is one step in the history. */
function SelectieFormulier({
  gemeenten,
  selectie,
  onKies,
}: {
  gemeenten: Gemeente[];
  selectie: Selectie;
  onKies: (selectie: Selectie) => void;
}) {
  const [gekozen, setGekozen] = useState(selectie.gemeenten);
  const [soort, setSoort] = useState<PeriodeSoort>(soortVan(selectie.periode));
  const [jaar, setJaar] = useState(selectie.periode.jaar);
  const [kwartaal, setKwartaal] = useState(selectie.periode.kwartaal ?? 1);
  const [maand, setMaand] = useState(selectie.periode.maand ?? 1);
  const [leeg, setLeeg] = useState(false);
  const eerste = useRef<HTMLInputElement>(null);

  // Back, Forward or a link changed the selection: the form shows it.
  const sleutel = selectieUrl(selectie);
  useEffect(() => {
    setGekozen(selectie.gemeenten);
    setSoort(soortVan(selectie.periode));
    setJaar(selectie.periode.jaar);
    setKwartaal(selectie.periode.kwartaal ?? 1);
    setMaand(selectie.periode.maand ?? 1);
    setLeeg(false);
  }, [sleutel]);

  const laatsteJaar = new Date().getFullYear();
  const jaren = Array.from({ length: laatsteJaar - EERSTE_JAAR + 1 }, (_, i) => laatsteJaar - i);
  if (!jaren.includes(jaar)) jaren.push(jaar);

  const toon = (event: Event) => {
    event.preventDefault();
    if (gekozen.length === 0) {
      setLeeg(true);
      eerste.current?.focus();
      return;
    }
    const periode: Periode =
      soort === 'kwartaal' ? { jaar, kwartaal } : soort === 'maand' ? { jaar, maand } : { jaar };
    onKies({ gemeenten: gemeenten.map((g) => g.code).filter((code) => gekozen.includes(code)), periode });
  };

  return (
    <form class="hub-selectie" onSubmit={toon} aria-label="Keuze van gemeenten en periode" noValidate>
      <fieldset
        class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${leeg ? ' utrecht-form-fieldset--invalid' : ''}`}
        aria-describedby={leeg ? 'gemeenten-fout' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          Gemeenten
        </legend>
        {leeg && (
          <p class="utrecht-form-field-error-message" id="gemeenten-fout">
            Kies ten minste één gemeente.
          </p>
        )}
        <div class="hub-selectie__gemeenten">
          {gemeenten.map((gemeente, i) => (
            <div class="utrecht-form-field utrecht-form-field--checkbox" key={gemeente.code}>
              <p class="utrecht-form-field__label utrecht-form-field__label--checkbox">
                <label
                  class="utrecht-form-label utrecht-form-label--checkbox"
                  for={`gemeente-${gemeente.code}`}
                >
                  <input
                    type="checkbox"
                    id={`gemeente-${gemeente.code}`}
                    class="utrecht-checkbox utrecht-checkbox--html-input utrecht-form-field__input"
                    ref={i === 0 ? eerste : undefined}
                    checked={gekozen.includes(gemeente.code)}
                    onChange={(event) => {
                      const aan = event.currentTarget.checked;
                      setGekozen((oud) =>
                        aan ? [...oud, gemeente.code] : oud.filter((c) => c !== gemeente.code),
                      );
                      if (aan) setLeeg(false);
                    }}
                  />
                  {gemeente.naam}
                </label>
              </p>
            </div>
          ))}
        </div>
      </fieldset>
      <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
        <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
          Periode
        </legend>
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset hub-selectie__soorten">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend hub-visually-hidden">
            Soort periode
          </legend>
          {(['jaar', 'kwartaal', 'maand'] as const).map((waarde) => (
            <div class="utrecht-form-field utrecht-form-field--radio" key={waarde}>
              <p class="utrecht-form-field__label utrecht-form-field__label--radio">
                <label class="utrecht-form-label utrecht-form-label--radio" for={`soort-${waarde}`}>
                  <input
                    type="radio"
                    name="periode-soort"
                    id={`soort-${waarde}`}
                    value={waarde}
                    class="utrecht-radio-button utrecht-radio-button--html-input utrecht-form-field__input"
                    checked={soort === waarde}
                    onChange={() => setSoort(waarde)}
                  />
                  {`Een ${waarde}`}
                </label>
              </p>
            </div>
          ))}
        </fieldset>
        <div class="hub-selectie__waarden">
          <div class="utrecht-form-field utrecht-form-field--select">
            <p class="utrecht-form-field__label">
              <label class="utrecht-form-label" for="periode-jaar">
                Jaar
              </label>
            </p>
            <select
              id="periode-jaar"
              class="utrecht-select utrecht-select--html-select"
              value={String(jaar)}
              onChange={(event) => setJaar(Number(event.currentTarget.value))}
            >
              {jaren.map((j) => (
                <option value={String(j)} key={j}>
                  {j}
                </option>
              ))}
            </select>
          </div>
          {soort === 'kwartaal' && (
            <div class="utrecht-form-field utrecht-form-field--select">
              <p class="utrecht-form-field__label">
                <label class="utrecht-form-label" for="periode-kwartaal">
                  Kwartaal
                </label>
              </p>
              <select
                id="periode-kwartaal"
                class="utrecht-select utrecht-select--html-select"
                value={String(kwartaal)}
                onChange={(event) => setKwartaal(Number(event.currentTarget.value))}
              >
                {[1, 2, 3, 4].map((k) => (
                  <option value={String(k)} key={k}>
                    {`${k}e kwartaal (${MAANDEN[(k - 1) * 3]} tot en met ${MAANDEN[(k - 1) * 3 + 2]})`}
                  </option>
                ))}
              </select>
            </div>
          )}
          {soort === 'maand' && (
            <div class="utrecht-form-field utrecht-form-field--select">
              <p class="utrecht-form-field__label">
                <label class="utrecht-form-label" for="periode-maand">
                  Maand
                </label>
              </p>
              <select
                id="periode-maand"
                class="utrecht-select utrecht-select--html-select"
                value={String(maand)}
                onChange={(event) => setMaand(Number(event.currentTarget.value))}
              >
                {MAANDEN.map((naam, i) => (
                  <option value={String(i + 1)} key={naam}>
                    {naam}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </fieldset>
      <p class="utrecht-paragraph hub-selectie__knop">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Cijfers tonen
        </button>
      </p>
    </form>
  );
}

/** The figures of the selection: per partner a section of tables, each with its chart. */
function Cijfers({
  result,
  selectie,
  namen,
}: {
  result: GraphQLResult<CijfersData>;
  selectie: Selectie;
  namen: string[];
}) {
  const { data, errors } = result;
  const onbereikbaar = unavailablePartners(errors);
  if (!data?.gemeenten) {
    return (
      <>
        <OnbereikbarePartners partners={onbereikbaar} />
        {errors.length > 0 ? (
          <Weggelaten errors={errors} wat="De cijfers" />
        ) : (
          <Fout message="De ketenhub gaf geen cijfers." />
        )}
      </>
    );
  }
  const onderdelen = bouwOnderdelen(data, errors, selectie.gemeenten, selectie.periode);
  const tabellen = onderdelen.flatMap((o) => o.tabellen);
  // Not allowed at all (another role or purpose): the hub's reason once, not under every table.
  if (tabellen.every((t) => t.weggelaten[0]?.extensions?.code === 'FORBIDDEN')) {
    const redenen = [...new Set(tabellen.map((t) => t.weggelaten[0]?.message ?? ''))];
    return (
      <Melding soort="error" titel="U ziet hier geen cijfers">
        <p class="utrecht-paragraph">De ketenhub geeft deze cijfers niet aan u, met deze reden:</p>
        {redenen.map((reden) => (
          <p class="utrecht-paragraph hub-reden" data-code="FORBIDDEN" key={reden}>
            {reden}
          </p>
        ))}
      </Melding>
    );
  }
  const [begin, einde] = beginEnEinde(selectie.periode);
  const periodeTekst = `${periodeNaam(selectie.periode)} (${begin} tot en met ${einde})`;
  const download = () =>
    downloadTekst(
      maakCsv(onderdelen, namen),
      `regionaal-dashboard-${periodeKort(selectie.periode)}-${namen.join('-').toLowerCase().replace(/\s+/g, '-')}.csv`,
    );
  return (
    <>
      <OnbereikbarePartners partners={onbereikbaar} />
      <p class="utrecht-paragraph hub-samenvatting" role="status">
        Cijfers van {opsomming(namen)} over {periodeTekst}. De regio is de som van deze gemeenten.
      </p>
      <p class="utrecht-paragraph">
        <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={download}>
          Download deze tabellen als CSV
        </button>
      </p>
      <nav class="hub-inhoudsopgave" aria-label="Onderdelen van het dashboard">
        <ul class="utrecht-link-list utrecht-link-list--html-ul">
          {onderdelen.map((o) => (
            <li class="utrecht-link-list__item" key={o.partner}>
              <a class="utrecht-link" href={`#onderdeel-${o.partner}`}>
                {o.titel}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {onderdelen.map((onderdeel) => (
        <OnderdeelSectie
          onderdeel={onderdeel}
          namen={namen}
          periodeTekst={periodeTekst}
          key={onderdeel.partner}
        />
      ))}
    </>
  );
}

function OnderdeelSectie({
  onderdeel,
  namen,
  periodeTekst,
}: {
  onderdeel: Onderdeel;
  namen: string[];
  periodeTekst: string;
}) {
  const id = `onderdeel-${onderdeel.partner}`;
  const [eerste] = onderdeel.tabellen;
  // A partner that did not answer: its section is marked once, the other sections stand.
  const alles = eerste && onderdeel.tabellen.every((t) => t.weggelaten.length > 0);
  return (
    <section class="hub-onderdeel" id={id} aria-labelledby={`${id}-kop`}>
      <h2 class="utrecht-heading-2" id={`${id}-kop`}>
        {onderdeel.titel}
      </h2>
      {alles ? (
        <Weggelaten errors={eerste.weggelaten} wat="De cijfers van dit onderdeel" />
      ) : (
        onderdeel.tabellen.map((tabel) => (
          <CijferTabel tabel={tabel} gemeenten={namen} periodeTekst={periodeTekst} key={tabel.id} />
        ))
      )}
      {onderdeel.nietPerMaand.length > 0 && (
        <p class="utrecht-paragraph hub-toelichting">
          Niet per maand: {onderdeel.nietPerMaand.join('; ')}. Uitsplitsingen publiceert de ketenhub alleen
          per kwartaal en per jaar; kies een kwartaal of jaar om ze te zien.
        </p>
      )}
    </section>
  );
}

/**
 * Regional dashboard (ANALIST, purpose beleidsinformatie): every statistic of the five partners per
 * gemeente and period, side by side and summed to the region. The selection lives in the URL.
 */
export function Dashboard() {
  const { query, url, route } = useLocation();
  const { periode, problemen: periodeProblemen } = leesPeriode(query);
  const lijst = useQuery<{ gemeenten: Gemeente[] }>(DOEL, GEMEENTEN_QUERY, {});
  const cijfers = useQuery<CijfersData>(DOEL, CIJFERS_QUERY, { periode });

  const gemeenten =
    lijst.status === 'klaar'
      ? [...(lijst.result.data?.gemeenten ?? [])].sort((a, b) => a.naam.localeCompare(b.naam, 'nl'))
      : null;
  const uitUrl = gemeenten
    ? leesGemeenten(
        query,
        gemeenten.map((g) => g.code),
      )
    : null;
  const selectie: Selectie | null = uitUrl ? { gemeenten: uitUrl.gemeenten, periode } : null;
  const problemen = [...periodeProblemen, ...(uitUrl?.problemen ?? [])];

  useEffect(() => {
    const vorige = document.title;
    document.title = 'Regionaal dashboard – Twente ketenhub';
    return () => {
      document.title = vorige;
    };
  }, []);

  // A link without (all of) the selection gets it written out, so the address bar can be shared as is.
  const volledig = selectie ? selectieUrl(selectie) : null;
  useEffect(() => {
    if (volledig && problemen.length === 0 && url !== volledig) route(volledig, true);
  }, [volledig, url]);

  const kies = (nieuw: Selectie) => {
    const doel = selectieUrl(nieuw);
    if (doel !== url) route(doel);
  };

  const namen = selectie
    ? selectie.gemeenten.map((code) => gemeenten?.find((g) => g.code === code)?.naam ?? code)
    : [];

  return (
    <section class="hub-dashboard" aria-labelledby="dashboard-titel">
      <h1 class="utrecht-heading-1" id="dashboard-titel">
        Regionaal dashboard
      </h1>
      <p class="utrecht-paragraph">
        Cijfers van Werk en Inkomen, SWB, Werkplein, Stadsbank en Werkcentrum per gemeente, naast elkaar en
        opgeteld tot de regio. Aantallen van 1 tot en met 4 zijn afgeschermd, zodat niemand herkenbaar is.
      </p>
      <DoelbindingKeuze doelen={[DOEL]} gekozen={DOEL} />
      {problemen.length > 0 && (
        <Melding soort="warning" titel="Niet alles uit de link is te gebruiken">
          <p class="utrecht-paragraph">
            Genegeerd: {problemen.join(', ')}. Getoond wordt de keuze hieronder (zonder geldig jaar: het
            laatste hele jaar, {standaardJaar()}).
          </p>
        </Melding>
      )}
      {lijst.status === 'laden' && <Laden wat="Gemeenten" />}
      {lijst.status === 'fout' && <Fout message={lijst.message} />}
      {lijst.status === 'klaar' && !gemeenten?.length && (
        <Weggelaten errors={lijst.result.errors} wat="De lijst van gemeenten" />
      )}
      {selectie && gemeenten && gemeenten.length > 0 && (
        <>
          <SelectieFormulier gemeenten={gemeenten} selectie={selectie} onKies={kies} />
          {cijfers.status === 'laden' && <Laden wat="Cijfers" />}
          {cijfers.status === 'fout' && <Fout message={cijfers.message} />}
          {cijfers.status === 'klaar' && (
            <Cijfers result={cijfers.result} selectie={selectie} namen={namen} />
          )}
        </>
      )}
    </section>
  );
}
