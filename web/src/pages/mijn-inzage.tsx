import { useLocation } from 'preact-iso';
import { errorsAt, unavailablePartners, useQuery, type GraphQLError } from '../api';
import { PeriodeKeuze } from '../components/periode';
import { Tabel } from '../components/tabel';
import { Fout, Laden, OnbereikbarePartners, Weggelaten } from '../components/states';
import { beginVanDag, dag, formatTijdstip, volgendeDag } from '../format';
import { organisatieNaam, PARTNERS } from '../partners';

export const QUERY = /* GraphQL */ `
  query MijnInzage($van: String, $tot: String) {
    mijnInzage(van: $van, tot: $tot, first: 100) {
      werkInkomen {
        ...Regel
      }
      swb {
        ...Regel
      }
      werkplein {
        ...Regel
      }
      schuldhulp {
        ...Regel
      }
      werkcentrum {
        ...Regel
      }
    }
  }
  fragment Regel on Inzageregel {
    tijdstip
    traceId
    organisatie
    doelbinding
    activiteitNaam
    doel
    grondslag
    velden
    uitkomst
  }
`;

interface Regel {
  tijdstip: string;
  traceId: string;
  organisatie: string;
  doelbinding: string | null;
  activiteitNaam: string | null;
  doel: string | null;
  grondslag: string | null;
  velden: string[];
  uitkomst: 'TOEGESTAAN' | 'GEWEIGERD';
}

type Overzicht = Record<'werkInkomen' | 'swb' | 'werkplein' | 'schuldhulp' | 'werkcentrum', Regel[] | null>;

/** The answer's fields, with the subgraph each comes from. */
const DELEN: [keyof Overzicht, keyof typeof PARTNERS][] = [
  ['werkInkomen', 'werk-inkomen'],
  ['swb', 'swb'],
  ['werkplein', 'werkplein'],
  ['schuldhulp', 'schuldhulp'],
  ['werkcentrum', 'werkcentrum'],
];

function PartnerDeel({
  veld,
  partner,
  regels,
  errors,
}: {
  veld: string;
  partner: keyof typeof PARTNERS;
  regels: Regel[] | null;
  errors: GraphQLError[];
}) {
  const naam = PARTNERS[partner];
  const id = `inzage-${partner}`;
  return (
    <section aria-labelledby={id} class="hub-partner-deel" data-partner={partner}>
      <h2 class="utrecht-heading-2" id={id}>
        {naam}
      </h2>
      {regels === null ? (
        <Weggelaten errors={errorsAt(errors, ['mijnInzage', veld])} wat={`Het logboek van ${naam}`} />
      ) : regels.length === 0 ? (
        <p class="utrecht-paragraph">{naam} heeft in deze periode geen gegevens van u verwerkt.</p>
      ) : (
        <Tabel
          caption={`Verwerkingen van uw gegevens door ${naam}, nieuwste eerst (${regels.length})`}
          koppen={['Wanneer', 'Organisatie', 'Wat', 'Doel', 'Grondslag', 'Gegevens', 'Uitkomst', 'Kenmerk']}
          rijen={regels.map((regel) => [
            formatTijdstip(regel.tijdstip),
            regel.organisatie === 'inwoner' ? 'U zelf' : organisatieNaam(regel.organisatie),
            regel.activiteitNaam ?? 'Niet meer in het register',
            <>
              {regel.doel ?? '—'}
              {regel.doelbinding && <> (doelbinding: {regel.doelbinding})</>}
            </>,
            regel.grondslag ?? '—',
            regel.velden.join(', '),
            regel.uitkomst === 'TOEGESTAAN' ? 'Ingezien' : 'Geweigerd, niet getoond',
            <code class="utrecht-code">{regel.traceId}</code>,
          ])}
        />
      )}
    </section>
  );
}

/** The resident's own access report (AVG art. 15): who processed their data, at every partner. */
export function MijnInzage() {
  const { query, path, route } = useLocation();
  const tot = query.tot ?? dag();
  const van = query.van ?? dag(30);
  const state = useQuery<{ mijnInzage: Overzicht | null }>(null, QUERY, {
    van: beginVanDag(van),
    tot: beginVanDag(volgendeDag(tot)),
  });
  return (
    <section aria-labelledby="mijn-inzage-titel">
      <h1 class="utrecht-heading-1" id="mijn-inzage-titel">
        Wie bekeek mijn gegevens
      </h1>
      <p class="utrecht-paragraph">
        Iedere ketenpartner houdt bij wanneer uw gegevens zijn gebruikt, door welke organisatie, waarvoor en
        op welke wettelijke grondslag. Welke medewerker het was, ziet u niet; wilt u daar meer over weten,
        vraag het dan aan die organisatie en noem het kenmerk. Dat u dit overzicht opvraagt, wordt ook
        vastgelegd.
      </p>
      <PeriodeKeuze
        van={van}
        tot={tot}
        onKies={(begin, einde) => route(`${path}?van=${begin}&tot=${einde}`)}
      />
      {state.status === 'laden' && <Laden wat="Uw overzicht" />}
      {state.status === 'fout' && <Fout message={state.message} />}
      {state.status === 'klaar' &&
        (state.result.data?.mijnInzage ? (
          <>
            <OnbereikbarePartners partners={unavailablePartners(state.result.errors)} />
            {DELEN.map(([veld, partner]) => (
              <PartnerDeel
                key={veld}
                veld={veld}
                partner={partner}
                regels={state.result.data?.mijnInzage?.[veld] ?? null}
                errors={state.result.errors}
              />
            ))}
          </>
        ) : (
          <Fout
            message={state.result.errors.map((e) => e.message).join(' ') || 'Geen overzicht ontvangen.'}
          />
        ))}
    </section>
  );
}
