import type { ComponentChildren } from 'preact';
import { errorsAt, type GraphQLError } from '../../api';
import { formatCenten, formatDatum, formatGetal } from '../../format';
import { partnerNaam, type Partner } from '../../partners';
import { Gegevens, Sectie, Weggelaten } from './onderdelen';
import type { Casusinzage, Casusoverleg } from './queries';
import { woord } from './woorden';

type Veld = keyof Casusinzage;

const INZAGE = ['casusoverleg', 'inzage'];

const periodeEinde = (einddatum: string | null): string => (einddatum ? formatDatum(einddatum) : 'loopt nog');
const janee = (value: boolean): string => (value ? 'Ja' : 'Nee');

interface Kolom<T> {
  kop: string;
  waarde: (rij: T) => ComponentChildren;
  getal?: boolean;
}

/** One list of a partner as a table with a caption; an empty list says so in words. */
function Tabel<T extends { id: string }>({
  titel,
  rijen,
  kolommen,
  leeg,
  veld,
}: {
  titel: string;
  rijen: T[];
  kolommen: Kolom<T>[];
  leeg: string;
  veld: Veld;
}) {
  if (rijen.length === 0) {
    return (
      <p class="utrecht-paragraph hub-leeg" data-veld={veld}>
        {leeg}
      </p>
    );
  }
  return (
    <table class="utrecht-table utrecht-table--html-table hub-tabel" data-veld={veld}>
      <caption class="utrecht-table__caption">{titel}</caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {kolommen.map((kolom) => (
            <th
              key={kolom.kop}
              scope="col"
              class={`utrecht-table__header-cell${kolom.getal ? ' utrecht-table__header-cell--numeric-column hub-getal' : ''}`}
            >
              {kolom.kop}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {rijen.map((rij) => (
          <tr class="utrecht-table__row" key={rij.id}>
            {kolommen.map((kolom) => (
              <td
                key={kolom.kop}
                class={`utrecht-table__cell${kolom.getal ? ' utrecht-table__cell--numeric-data hub-getal' : ''}`}
              >
                {kolom.waarde(rij)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface Onderdeel {
  veld: Veld;
  titel: string;
  toon: (inzage: Casusinzage) => ComponentChildren;
}

interface Partnerdeel {
  partner: Partner;
  uitleg: string;
  onderdelen: Onderdeel[];
}

/** What each partner holds about the resident, in the order the chain works with it. */
const PARTNERDELEN: Partnerdeel[] = [
  {
    partner: 'werk-inkomen',
    uitleg: 'Uitkeringen, loonkostensubsidie en inburgering van de gemeente.',
    onderdelen: [
      {
        veld: 'uitkeringen',
        titel: 'Uitkeringen',
        toon: (inzage) => (
          <Tabel
            veld="uitkeringen"
            titel="Uitkeringen, nieuwste eerst"
            leeg="Geen uitkeringen bekend."
            rijen={inzage.uitkeringen ?? []}
            kolommen={[
              { kop: 'Regeling', waarde: (u) => woord('regeling', u.regeling) },
              { kop: 'Ingangsdatum', waarde: (u) => formatDatum(u.ingangsdatum) },
              { kop: 'Einddatum', waarde: (u) => periodeEinde(u.einddatum) },
              {
                kop: 'Reden einde',
                waarde: (u) => (u.uitstroomreden ? woord('uitstroomreden', u.uitstroomreden) : '–'),
              },
              { kop: 'Bedrag per maand', getal: true, waarde: (u) => formatCenten(u.bedragPerMaandCenten) },
            ]}
          />
        ),
      },
      {
        veld: 'loonkostensubsidies',
        titel: 'Loonkostensubsidie',
        toon: (inzage) => (
          <Tabel
            veld="loonkostensubsidies"
            titel="Loonkostensubsidie, nieuwste eerst"
            leeg="Geen loonkostensubsidie bekend."
            rijen={inzage.loonkostensubsidies ?? []}
            kolommen={[
              { kop: 'Werkgever', waarde: (l) => l.werkgever },
              { kop: 'Loonwaarde', getal: true, waarde: (l) => `${formatGetal(l.loonwaarde)}%` },
              { kop: 'Startdatum', waarde: (l) => formatDatum(l.startdatum) },
              { kop: 'Einddatum', waarde: (l) => periodeEinde(l.einddatum) },
            ]}
          />
        ),
      },
      {
        veld: 'inburgeringen',
        titel: 'Inburgering',
        toon: (inzage) => (
          <Tabel
            veld="inburgeringen"
            titel="Inburgering, nieuwste eerst"
            leeg="Geen inburgering bekend."
            rijen={inzage.inburgeringen ?? []}
            kolommen={[
              { kop: 'Leerroute', waarde: (i) => woord('leerroute', i.leerroute) },
              { kop: 'Startdatum', waarde: (i) => formatDatum(i.startdatum) },
              { kop: 'Einddatum', waarde: (i) => periodeEinde(i.einddatum) },
            ]}
          />
        ),
      },
    ],
  },
  {
    partner: 'swb',
    uitleg: 'Re-integratietrajecten en beschut werk of Wsw.',
    onderdelen: [
      {
        veld: 'trajecten',
        titel: 'Trajecten',
        toon: (inzage) => (
          <Tabel
            veld="trajecten"
            titel="Re-integratietrajecten, nieuwste eerst"
            leeg="Geen trajecten bekend."
            rijen={inzage.trajecten ?? []}
            kolommen={[
              { kop: 'Soort traject', waarde: (t) => woord('trajectsoort', t.soort) },
              { kop: 'Startdatum', waarde: (t) => formatDatum(t.startdatum) },
              { kop: 'Einddatum', waarde: (t) => periodeEinde(t.einddatum) },
              {
                kop: 'Resultaat',
                waarde: (t) => (t.resultaat ? woord('trajectresultaat', t.resultaat) : 'nog geen (loopt)'),
              },
            ]}
          />
        ),
      },
      {
        veld: 'swDienstverbanden',
        titel: 'Beschut werk en Wsw',
        toon: (inzage) => (
          <Tabel
            veld="swDienstverbanden"
            titel="Beschut werk en Wsw, nieuwste eerst"
            leeg="Geen dienstverband bekend."
            rijen={inzage.swDienstverbanden ?? []}
            kolommen={[
              { kop: 'Soort', waarde: (d) => woord('dienstverband', d.soort) },
              { kop: 'Startdatum', waarde: (d) => formatDatum(d.startdatum) },
              { kop: 'Einddatum', waarde: (d) => periodeEinde(d.einddatum) },
              { kop: 'Gedetacheerd', waarde: (d) => janee(d.gedetacheerd) },
            ]}
          />
        ),
      },
    ],
  },
  {
    partner: 'werkplein',
    uitleg: 'Plaatsingen bij werkgevers.',
    onderdelen: [
      {
        veld: 'plaatsingen',
        titel: 'Plaatsingen',
        toon: (inzage) => (
          <Tabel
            veld="plaatsingen"
            titel="Plaatsingen bij werkgevers, nieuwste eerst"
            leeg="Geen plaatsingen bekend."
            rijen={inzage.plaatsingen ?? []}
            kolommen={[
              { kop: 'Soort', waarde: (p) => woord('plaatsing', p.soort) },
              { kop: 'Werkgever', waarde: (p) => `${p.werkgever.naam} (${p.werkgever.sector})` },
              { kop: 'Vacature', waarde: (p) => p.vacature?.titel ?? 'zonder vacature' },
              { kop: 'Startdatum', waarde: (p) => formatDatum(p.startdatum) },
              { kop: 'Einddatum', waarde: (p) => periodeEinde(p.einddatum) },
              { kop: 'Met loonkostensubsidie', waarde: (p) => janee(p.metLks) },
            ]}
          />
        ),
      },
    ],
  },
  {
    partner: 'schuldhulp',
    uitleg: 'Schuldhulptrajecten met schulden en schuldeisers, en signalen van betalingsachterstanden.',
    onderdelen: [
      {
        veld: 'schuldhulptrajecten',
        titel: 'Schuldhulptrajecten',
        toon: (inzage) => (
          <Tabel
            veld="schuldhulptrajecten"
            titel="Schuldhulptrajecten, nieuwste aanmelding eerst"
            leeg="Geen schuldhulptrajecten bekend."
            rijen={inzage.schuldhulptrajecten ?? []}
            kolommen={[
              { kop: 'Aangemeld op', waarde: (s) => formatDatum(s.aanmelddatum) },
              { kop: 'Aangemeld via', waarde: (s) => woord('bron', s.bron) },
              { kop: 'Fase', waarde: (s) => woord('fase', s.fase) },
              { kop: 'Schuldeisers', getal: true, waarde: (s) => formatGetal(s.aantalSchuldeisers) },
              { kop: 'Totale schuld', getal: true, waarde: (s) => formatCenten(s.totaleSchuldCenten) },
              { kop: 'Budgetbeheer', waarde: (s) => janee(s.budgetbeheer) },
              {
                kop: 'Afgesloten op',
                waarde: (s) => (s.afgeslotenOp ? formatDatum(s.afgeslotenOp) : 'loopt nog'),
              },
            ]}
          />
        ),
      },
      {
        veld: 'vroegsignalen',
        titel: 'Vroegsignalen',
        toon: (inzage) => (
          <Tabel
            veld="vroegsignalen"
            titel="Vroegsignalen van betalingsachterstanden, nieuwste eerst"
            leeg="Geen vroegsignalen bekend."
            rijen={inzage.vroegsignalen ?? []}
            kolommen={[
              { kop: 'Soort', waarde: (v) => woord('vroegsignaal', v.soort) },
              { kop: 'Datum', waarde: (v) => formatDatum(v.datum) },
              { kop: 'Achterstand', getal: true, waarde: (v) => formatCenten(v.bedragCenten) },
            ]}
          />
        ),
      },
    ],
  },
  {
    partner: 'werkcentrum',
    uitleg: 'Ontwikkeltrajecten met hun budget.',
    onderdelen: [
      {
        veld: 'ontwikkeltrajecten',
        titel: 'Ontwikkeltrajecten',
        toon: (inzage) => (
          <Tabel
            veld="ontwikkeltrajecten"
            titel="Ontwikkeltrajecten, nieuwste eerst"
            leeg="Geen ontwikkeltrajecten bekend."
            rijen={inzage.ontwikkeltrajecten ?? []}
            kolommen={[
              { kop: 'Soort', waarde: (o) => woord('ontwikkeltraject', o.soort) },
              { kop: 'Startdatum', waarde: (o) => formatDatum(o.startdatum) },
              { kop: 'Einddatum', waarde: (o) => periodeEinde(o.einddatum) },
              { kop: 'Budget', getal: true, waarde: (o) => formatCenten(o.budgetCenten) },
            ]}
          />
        ),
      },
    ],
  },
];

/** One partner's part: its lists, or each withheld list with the hub's reason, or that it did not answer. */
function PartnerSectie({
  deel,
  inzage,
  errors,
  onbereikbaar,
  overleg,
}: {
  deel: Partnerdeel;
  inzage: Casusinzage;
  errors: GraphQLError[];
  onbereikbaar: boolean;
  overleg: Casusoverleg;
}) {
  const naam = partnerNaam(deel.partner);
  const id = `partner-${deel.partner}`;
  const perVeld = deel.onderdelen.map((onderdeel) => ({
    onderdeel,
    errors: errorsAt(errors, [...INZAGE, onderdeel.veld]),
  }));
  const redenen = new Set(perVeld.flatMap((v) => v.errors.map((e) => e.message)));
  const allesWeg = perVeld.every((v) => v.errors.length > 0 && inzage[v.onderdeel.veld] === null);
  let inhoud: ComponentChildren;
  if (onbereikbaar) {
    inhoud = (
      <Weggelaten
        wat={`Alle gegevens van ${naam}`}
        errors={errors.filter((error) => error.extensions?.serviceName === deel.partner)}
        onbereikbaar={`${naam} gaf nu geen antwoord; dit deel ontbreekt, de rest van de pagina is volledig.`}
        veld={deel.partner}
      />
    );
  } else if (allesWeg && redenen.size === 1) {
    inhoud = (
      <Weggelaten
        wat={`Alle gegevens van ${naam} (${deel.onderdelen.map((o) => o.titel.toLowerCase()).join(', ')})`}
        errors={perVeld[0]?.errors ?? []}
        grondslag={overleg.grondslag}
        veld={deel.partner}
      />
    );
  } else {
    inhoud = perVeld.map(({ onderdeel, errors: fouten }) =>
      fouten.length > 0 || inzage[onderdeel.veld] === null ? (
        <Weggelaten
          key={onderdeel.veld}
          wat={onderdeel.titel}
          errors={fouten}
          grondslag={overleg.grondslag}
          veld={onderdeel.veld}
        />
      ) : (
        <div key={onderdeel.veld}>{onderdeel.toon(inzage)}</div>
      ),
    );
  }
  return (
    <section
      class="hub-partner"
      aria-labelledby={id}
      data-partner={deel.partner}
      data-beschikbaar={onbereikbaar ? 'nee' : 'ja'}
    >
      <h3 class="utrecht-heading-3" id={id}>
        {naam}
      </h3>
      <p class="utrecht-paragraph hub-uitleg">{deel.uitleg}</p>
      {inhoud}
    </section>
  );
}

/**
 * The resident's situation at the partners in scope (`inzage`): who the resident is, then each partner's
 * part. What the hub withholds is marked in place with its reason; nothing is left out silently.
 */
export function InzageSectie({
  overleg,
  errors,
  onbereikbaar,
}: {
  overleg: Casusoverleg;
  errors: GraphQLError[];
  onbereikbaar: string[];
}) {
  const inzage = overleg.inzage;
  const geheel = errors.filter(
    (e) => e.path?.length === 2 && e.path[0] === 'casusoverleg' && e.path[1] === 'inzage',
  );
  const persoonWeg = ['naam', 'geboortedatum'].flatMap((veld) => errorsAt(errors, [...INZAGE, veld]));
  return (
    <Sectie id="situatie" titel="Situatie van de inwoner bij de ketenpartners">
      <p class="utrecht-paragraph">
        Wat de ketenpartners binnen de reikwijdte van dit overleg over de inwoner weten, ieder uit de eigen
        administratie, op het moment dat u deze pagina opende. Elke raadpleging wordt bij de partner gelogd.
      </p>
      {!inzage ? (
        <Weggelaten
          wat="De situatie van de inwoner, bij alle ketenpartners"
          errors={geheel}
          grondslag={overleg.grondslag}
          onbereikbaar={
            geheel.length === 0
              ? 'de ketenhub gaf geen gegevens en geen reden; probeer het opnieuw.'
              : undefined
          }
          veld="inzage"
        />
      ) : (
        <>
          <section class="hub-partner" aria-labelledby="inwoner-kop" data-partner="inwoner">
            <h3 class="utrecht-heading-3" id="inwoner-kop">
              De inwoner
            </h3>
            {inzage.naam === null && inzage.geboortedatum === null ? (
              <Weggelaten
                wat={`Naam en geboortedatum (van ${partnerNaam('werk-inkomen')})`}
                errors={persoonWeg}
                onbereikbaar={
                  onbereikbaar.includes('werk-inkomen')
                    ? `${partnerNaam('werk-inkomen')} gaf nu geen antwoord.`
                    : undefined
                }
                grondslag={overleg.grondslag}
                veld="naam"
              />
            ) : (
              <Gegevens
                label="De inwoner"
                rijen={[
                  ['Naam', inzage.naam ?? 'niet getoond'],
                  [
                    'Geboortedatum',
                    inzage.geboortedatum ? formatDatum(inzage.geboortedatum) : 'niet getoond',
                  ],
                ]}
              />
            )}
          </section>
          {PARTNERDELEN.map((deel) => (
            <PartnerSectie
              key={deel.partner}
              deel={deel}
              inzage={inzage}
              errors={errors}
              onbereikbaar={onbereikbaar.includes(deel.partner)}
              overleg={overleg}
            />
          ))}
        </>
      )}
    </Sectie>
  );
}
