import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { ComponentChildren } from 'preact';
import { errorsAt, unavailablePartners, useQuery, type Doelbinding, type GraphQLError } from '../api';
import { DoelbindingKeuze } from '../components/doelbinding';
import { Tabel } from '../components/tabel';
import { PeriodeKeuze } from '../components/periode';
import { Fout, Laden, Melding, OnbereikbarePartners, Weggelaten } from '../components/states';
import { beginVanDag, dag, formatGetal, formatTijdstip, volgendeDag } from '../format';
import { organisatieNaam, partnerNaam } from '../partners';
import { useSession } from '../session';

/** The field of the answer that holds an organisation's own log, by the officer's organisation. */
export const EIGEN_LOGBOEK: Record<string, { veld: string; partner: string }> = {
  'wi-bhh': { veld: 'werkInkomen', partner: 'werk-inkomen' },
  'wi-enschede': { veld: 'werkInkomen', partner: 'werk-inkomen' },
  swb: { veld: 'swb', partner: 'swb' },
  werkplein: { veld: 'werkplein', partner: 'werkplein' },
  stadsbank: { veld: 'schuldhulp', partner: 'schuldhulp' },
  werkcentrum: { veld: 'werkcentrum', partner: 'werkcentrum' },
};

const RAADPLEGING = 'tijdstip traceId medewerker organisatie activiteitNaam doelbinding velden uitkomst';

/** Only the officer's own partner is asked: the others would answer FORBIDDEN for each part. */
export const rapportQuery = (veld: string) => /* GraphQL */ `
  query Gebruiksrapportage($van: String, $tot: String, $drempel: Int) {
    gebruiksrapportage(van: $van, tot: $tot) {
      ${veld} {
        buitenKantoortijd(first: 25) { aantal regels { ${RAADPLEGING} betrokkene } }
        veelRaadplegers(drempel: $drempel, first: 25) { medewerker organisatie uur aantalInwoners }
        meestGeraadpleegd(first: 10) { betrokkene aantalRaadplegingen aantalMedewerkers }
        geweigerd(first: 25) { aantal regels { ${RAADPLEGING} betrokkene } }
      }
    }
  }
`;

export const logboekQuery = (veld: string) => /* GraphQL */ `
  query Logboek($filter: LogboekFilter!) {
    logboek(filter: $filter, first: 100) {
      ${veld} { ${RAADPLEGING} }
    }
  }
`;

interface Raadpleging {
  tijdstip: string;
  traceId: string;
  medewerker: string;
  organisatie: string;
  activiteitNaam: string | null;
  doelbinding: string | null;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
  betrokkene?: string;
}

interface Rapport {
  buitenKantoortijd: { aantal: number; regels: Raadpleging[] };
  veelRaadplegers: { medewerker: string; organisatie: string; uur: string; aantalInwoners: number }[];
  meestGeraadpleegd: { betrokkene: string; aantalRaadplegingen: number; aantalMedewerkers: number }[];
  geweigerd: { aantal: number; regels: Raadpleging[] };
}

const raadplegingRij = (regel: Raadpleging, metBetrokkene: boolean): ComponentChildren[] => [
  formatTijdstip(regel.tijdstip),
  `${regel.medewerker} (${organisatieNaam(regel.organisatie)})`,
  regel.activiteitNaam ?? 'Niet meer in het register',
  regel.doelbinding ?? '—',
  regel.velden.join(', '),
  regel.uitkomst === 'TOEGESTAAN' ? 'Toegestaan' : 'Geweigerd',
  ...(metBetrokkene ? [<code class="utrecht-code">{regel.betrokkene}</code>] : []),
  <code class="utrecht-code">{regel.traceId}</code>,
];

const RAADPLEGING_KOPPEN = ['Wanneer', 'Medewerker', 'Wat', 'Doelbinding', 'Gegevens', 'Uitkomst'];

function Raadplegingen({
  titel,
  uitleg,
  data,
}: {
  titel: string;
  uitleg: string;
  data: Rapport['geweigerd'];
}) {
  return (
    <section class="hub-partner-deel" aria-label={titel}>
      <h3 class="utrecht-heading-3">{titel}</h3>
      <p class="utrecht-paragraph">
        {uitleg} In deze periode: <strong>{formatGetal(data.aantal)}</strong>.
      </p>
      {data.regels.length > 0 && (
        <Tabel
          caption={`${titel}: de nieuwste ${data.regels.length}`}
          koppen={[...RAADPLEGING_KOPPEN, 'Inwoner (pseudoniem)', 'Kenmerk']}
          rijen={data.regels.map((regel) => raadplegingRij(regel, true))}
        />
      )}
    </section>
  );
}

function RapportWeergave({ rapport, drempel }: { rapport: Rapport; drempel: number }) {
  return (
    <>
      <Raadplegingen
        titel="Raadplegingen buiten kantoortijd"
        uitleg="Buiten maandag tot en met vrijdag, 08:00 tot 18:00 uur."
        data={rapport.buitenKantoortijd}
      />
      <section class="hub-partner-deel" aria-label="Veel raadplegingen in één uur">
        <h3 class="utrecht-heading-3">Veel raadplegingen in één uur</h3>
        {rapport.veelRaadplegers.length === 0 ? (
          <p class="utrecht-paragraph">Niemand raadpleegde meer dan {drempel} inwoners binnen één klokuur.</p>
        ) : (
          <Tabel
            caption={`Medewerkers die meer dan ${drempel} inwoners in één klokuur raadpleegden`}
            koppen={['Medewerker', 'Organisatie', 'Uur', 'Inwoners']}
            rijen={rapport.veelRaadplegers.map((rij) => [
              rij.medewerker,
              organisatieNaam(rij.organisatie),
              formatTijdstip(rij.uur),
              formatGetal(rij.aantalInwoners),
            ])}
          />
        )}
      </section>
      <section class="hub-partner-deel" aria-label="Meest geraadpleegde inwoners">
        <h3 class="utrecht-heading-3">Meest geraadpleegde inwoners</h3>
        {rapport.meestGeraadpleegd.length === 0 ? (
          <p class="utrecht-paragraph">Geen raadplegingen in deze periode.</p>
        ) : (
          <Tabel
            caption="Inwoners (als pseudoniem, nooit een BSN) wier gegevens het vaakst zijn ingezien"
            koppen={['Inwoner (pseudoniem)', 'Raadplegingen', 'Medewerkers']}
            rijen={rapport.meestGeraadpleegd.map((rij) => [
              <code class="utrecht-code">{rij.betrokkene}</code>,
              formatGetal(rij.aantalRaadplegingen),
              formatGetal(rij.aantalMedewerkers),
            ])}
          />
        )}
      </section>
      <Raadplegingen
        titel="Geweigerde raadplegingen"
        uitleg="Verzoeken die de ketenpartner weigerde, omdat de rol, de doelbinding of de grondslag ontbrak."
        data={rapport.geweigerd}
      />
    </>
  );
}

const DREMPEL = 30;

function Rapportage({ veld, van, tot }: { veld: string; van: string; tot: string }) {
  const state = useQuery<{ gebruiksrapportage: Record<string, Rapport | null> }>(
    'toezicht',
    rapportQuery(veld),
    {
      van: beginVanDag(van),
      tot: beginVanDag(volgendeDag(tot)),
      drempel: DREMPEL,
    },
  );
  if (state.status === 'laden') return <Laden wat="Gebruiksrapportage" />;
  if (state.status === 'fout') return <Fout message={state.message} />;
  const rapport = state.result.data?.gebruiksrapportage?.[veld];
  return (
    <>
      <OnbereikbarePartners partners={unavailablePartners(state.result.errors)} />
      {rapport ? (
        <RapportWeergave rapport={rapport} drempel={DREMPEL} />
      ) : (
        <Weggelaten
          errors={errorsAt(state.result.errors, ['gebruiksrapportage'])}
          wat="De gebruiksrapportage"
        />
      )}
    </>
  );
}

interface Zoekvraag {
  doel: Doelbinding;
  bsn: string;
  traceId: string;
}

/** A search in the organisation's own processing log; a BSN only for a resident's inzageverzoek, and never in the URL. */
function LogboekZoeken({ veld, van, tot }: { veld: string; van: string; tot: string }) {
  const [doel, setDoel] = useState<Doelbinding>('toezicht');
  const [bsn, setBsn] = useState('');
  const [traceId, setTraceId] = useState('');
  const [vraag, setVraag] = useState<Zoekvraag | null>(null);
  const filter = vraag && {
    van: beginVanDag(van),
    tot: beginVanDag(volgendeDag(tot)),
    ...(vraag.doel === 'inzageverzoek' ? { bsn: vraag.bsn } : {}),
    ...(vraag.traceId ? { traceId: vraag.traceId } : {}),
  };
  const state = useQuery<{ logboek: Record<string, Raadpleging[] | null> }>(
    vraag?.doel ?? 'toezicht',
    logboekQuery(veld),
    filter ? { filter } : null,
  );
  return (
    <section class="hub-partner-deel" aria-labelledby="logboek-titel">
      <h2 class="utrecht-heading-2" id="logboek-titel">
        Verwerkingenlogboek doorzoeken
      </h2>
      <form
        class="hub-periode"
        onSubmit={(event) => {
          event.preventDefault();
          setVraag({ doel, bsn: bsn.trim(), traceId: traceId.trim() });
        }}
      >
        <DoelbindingKeuze doelen={['toezicht', 'inzageverzoek']} gekozen={doel} onKies={setDoel} />
        {doel === 'inzageverzoek' && (
          <div class="utrecht-form-field utrecht-form-field--text">
            <label class="utrecht-form-label" for="logboek-bsn">
              BSN van de inwoner die om inzage vroeg
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input"
              id="logboek-bsn"
              inputMode="numeric"
              autocomplete="off"
              required
              pattern="[0-9]{9}"
              value={bsn}
              onInput={(event) => setBsn(event.currentTarget.value)}
            />
          </div>
        )}
        <div class="utrecht-form-field utrecht-form-field--text">
          <label class="utrecht-form-label" for="logboek-trace">
            Kenmerk (trace id, optioneel)
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="logboek-trace"
            autocomplete="off"
            pattern="[0-9a-f]{32}"
            value={traceId}
            onInput={(event) => setTraceId(event.currentTarget.value)}
          />
        </div>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          Zoeken
        </button>
      </form>
      {vraag && state.status === 'laden' && <Laden wat="Logboek" />}
      {vraag && state.status === 'fout' && <Fout message={state.message} />}
      {vraag && state.status === 'klaar' && (
        <LogboekRegels regels={state.result.data?.logboek?.[veld] ?? null} errors={state.result.errors} />
      )}
    </section>
  );
}

function LogboekRegels({ regels, errors }: { regels: Raadpleging[] | null; errors: GraphQLError[] }) {
  if (regels === null) {
    const reden = errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT');
    return reden ? <Fout message={reden.message} /> : <Weggelaten errors={errors} wat="Het logboek" />;
  }
  if (regels.length === 0) return <p class="utrecht-paragraph">Geen logregels gevonden.</p>;
  return (
    <Tabel
      caption={`Logregels, nieuwste eerst (${regels.length})`}
      koppen={[...RAADPLEGING_KOPPEN, 'Kenmerk']}
      rijen={regels.map((regel) => raadplegingRij(regel, false))}
    />
  );
}

/** The privacy officer's page: usage reports and the processing log of their own organisation. */
export function Gebruiksrapportage() {
  const { state } = useSession();
  const { query, path, route } = useLocation();
  const tot = query.tot ?? dag();
  const van = query.van ?? dag(30);
  const organisatie = state.status === 'aangemeld' ? state.session.organisatie : null;
  const eigen = organisatie ? EIGEN_LOGBOEK[organisatie] : undefined;
  return (
    <section aria-labelledby="gebruik-titel">
      <h1 class="utrecht-heading-1" id="gebruik-titel">
        Gebruiksrapportage en logboek
      </h1>
      {!eigen ? (
        <Melding soort="info" titel="Geen eigen logboek">
          <p class="utrecht-paragraph">
            Uw organisatie houdt geen verwerkingenlogboek in de ketenhub bij; een privacy officer ziet alleen
            het logboek van de eigen organisatie.
          </p>
        </Melding>
      ) : (
        <>
          <p class="utrecht-paragraph">
            Het verwerkingenlogboek van {partnerNaam(eigen.partner)}, voor{' '}
            {organisatieNaam(organisatie ?? '')}. Inwoners staan hier als pseudoniem; alleen bij een
            inzageverzoek zoekt u op BSN.
          </p>
          <PeriodeKeuze
            van={van}
            tot={tot}
            onKies={(begin, einde) => route(`${path}?van=${begin}&tot=${einde}`)}
          />
          <section aria-labelledby="rapport-titel">
            <h2 class="utrecht-heading-2" id="rapport-titel">
              Gebruiksrapportage
            </h2>
            <DoelbindingKeuze doelen={['toezicht']} gekozen="toezicht" />
            <Rapportage veld={eigen.veld} van={van} tot={tot} />
          </section>
          <LogboekZoeken veld={eigen.veld} van={van} tot={tot} />
        </>
      )}
    </section>
  );
}
