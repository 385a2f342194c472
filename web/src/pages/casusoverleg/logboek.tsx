import { errorsAt, unavailablePartners, useQuery, type GraphQLError } from '../../api';
import { Fout, Laden, Melding } from '../../components/states';
import { formatTijdstip } from '../../format';
import { organisatieNaam, PARTNERS, type Partner } from '../../partners';
import { HubReden, Weggelaten } from './onderdelen';
import {
  CASUSOVERLEG_LOGBOEK,
  type CasuslogboekAntwoord,
  type CasuslogboekDeel,
  type Casuslogregel,
} from './queries';
import { woord } from './woorden';

const PAD = ['casusoverleg', 'logboek'];

/** The answer's fields, with the subgraph each comes from, in the order of the page's other parts. */
const DELEN: [CasuslogboekDeel, Partner][] = [
  ['werkInkomen', 'werk-inkomen'],
  ['swb', 'swb'],
  ['werkplein', 'werkplein'],
  ['schuldhulp', 'schuldhulp'],
  ['werkcentrum', 'werkcentrum'],
];

const HANDELING: Record<string, string> = {
  lezen: 'Ingezien',
  wijzigen: 'Gewijzigd',
  weigeren: 'Geweigerd, niet getoond',
};

const koppen = ['Wanneer', 'Organisatie', 'Rol', 'Wat', 'Gegevens', 'Doel'];

function Regels({ naam, regels }: { naam: string; regels: Casuslogregel[] }) {
  return (
    <table class="utrecht-table utrecht-table--html-table hub-tabel">
      <caption class="utrecht-table__caption">
        Raadplegingen voor dit overleg bij {naam}, nieuwste eerst ({regels.length})
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {koppen.map((kop) => (
            <th class="utrecht-table__header-cell" scope="col" key={kop}>
              {kop}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {regels.map((regel, index) => (
          <tr class="utrecht-table__row" key={`${regel.traceId}-${index}`} data-uitkomst={regel.uitkomst}>
            <th class="utrecht-table__header-cell" scope="row">
              {formatTijdstip(regel.tijdstip)}
            </th>
            <td class="utrecht-table__cell">{organisatieNaam(regel.organisatie)}</td>
            <td class="utrecht-table__cell">{regel.rollen.map((rol) => woord('rol', rol)).join(', ')}</td>
            <td class="utrecht-table__cell">
              {HANDELING[regel.handeling] ?? regel.handeling}
              {regel.activiteitNaam && <> ({regel.activiteitNaam})</>}
            </td>
            <td class="utrecht-table__cell">{regel.velden.join(', ')}</td>
            <td class="utrecht-table__cell">{regel.doelbinding ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PartnerLog({
  veld,
  partner,
  regels,
  errors,
  onbereikbaar,
}: {
  veld: CasuslogboekDeel;
  partner: Partner;
  regels: Casuslogregel[] | null;
  errors: GraphQLError[];
  onbereikbaar: boolean;
}) {
  const naam = PARTNERS[partner];
  const id = `logboek-${partner}`;
  return (
    <section
      aria-labelledby={id}
      class="hub-partner-deel"
      data-logboek={partner}
      data-beschikbaar={regels === null ? 'nee' : 'ja'}
    >
      <h3 class="utrecht-heading-3" id={id}>
        {naam}
      </h3>
      {regels === null ? (
        <Weggelaten
          wat={`Het logboek van ${naam}`}
          errors={errorsAt(errors, [...PAD, veld])}
          onbereikbaar={onbereikbaar ? `${naam} is nu niet bereikbaar.` : undefined}
        />
      ) : regels.length === 0 ? (
        <p class="utrecht-paragraph hub-leeg">{naam} heeft voor dit overleg geen raadplegingen vastgelegd.</p>
      ) : (
        <Regels naam={naam} regels={regels} />
      )}
    </section>
  );
}

/**
 * Who looked at the resident's data for this conference, per partner, from each partner's own
 * processing log. Asked once the conference is on screen (`versie` is null while it loads), so the
 * page's own look is in it.
 */
export function LogboekVanOverleg({ id, versie }: { id: string; versie: number | null }) {
  const state = useQuery<CasuslogboekAntwoord>(
    'casusoverleg',
    CASUSOVERLEG_LOGBOEK,
    versie === null ? null : { id },
    versie ?? 0,
  );
  if (state.status === 'laden') return <Laden wat="Logboek van dit overleg" />;
  if (state.status === 'fout') return <Fout message={state.message} />;
  const { data, errors } = state.result;
  const logboek = data?.casusoverleg?.logboek ?? null;
  if (!logboek) {
    const redenen = errorsAt(errors, PAD);
    return (
      <Melding soort="warning" titel="U kunt het logboek van dit overleg niet inzien">
        {(redenen.length > 0 ? redenen : errors).map((error) => (
          <p class="utrecht-paragraph hub-reden" key={error.message}>
            <HubReden message={error.message} />
          </p>
        ))}
      </Melding>
    );
  }
  const onbereikbaar = unavailablePartners(errors);
  return (
    <>
      {DELEN.map(([veld, partner]) => (
        <PartnerLog
          key={veld}
          veld={veld}
          partner={partner}
          regels={logboek[veld]}
          errors={errors}
          onbereikbaar={onbereikbaar.includes(partner)}
        />
      ))}
    </>
  );
}
