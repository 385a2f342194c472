import { Weggelaten } from '../../components/states';
import type { Cel, Tabel } from './cijfers';
import { PEILDATUM_KOP, REGIO_KOP } from './csv';
import { Grafiek } from './grafiek';

function CelInhoud({ cel, beschrijving }: { cel: Cel; beschrijving: string }) {
  if (cel.soort === 'waarde') {
    return (
      <td class="utrecht-table__cell utrecht-table__cell--numeric" aria-describedby={beschrijving}>
        {cel.tekst}
      </td>
    );
  }
  // The mark and the word are on screen; the reason is read out with the cell and stands in the legend.
  return (
    <td
      class={`utrecht-table__cell utrecht-table__cell--numeric hub-cel--${cel.soort}`}
      aria-describedby={beschrijving}
      data-soort={cel.soort}
    >
      <span aria-hidden="true">{cel.teken}</span> {cel.tekst}
      <span class="hub-visually-hidden">: {cel.reden}</span>
    </td>
  );
}

/** The marks of a table's cells and what they mean, in words. */
function Verklaring({ tabel }: { tabel: Tabel }) {
  const regels = new Map<string, [string, string]>();
  for (const rij of tabel.rijen) {
    for (const cel of [...rij.cellen, rij.regio]) {
      if (cel.soort !== 'waarde')
        regels.set(`${cel.teken}${cel.reden}`, [`${cel.teken} ${cel.tekst}`, cel.reden]);
    }
  }
  if (regels.size === 0) return null;
  return (
    <div class="hub-verklaring">
      <p class="utrecht-paragraph">Verklaring van de tekens:</p>
      <dl>
        {[...regels].map(([sleutel, [teken, reden]]) => (
          <div key={sleutel}>
            <dt>{teken}:</dt> <dd>{reden}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

/**
 * One statistic table with its chart beside it: a row per statistic, a column per gemeente and the
 * region, the source partner and period in the caption, the reference date of each row in its own column.
 */
export function CijferTabel({
  tabel,
  gemeenten,
  periodeTekst,
}: {
  tabel: Tabel;
  gemeenten: string[];
  periodeTekst: string;
}) {
  if (tabel.weggelaten.length > 0) {
    return <Weggelaten errors={tabel.weggelaten} wat={tabel.titel} />;
  }
  const id = `tabel-${tabel.id}`;
  return (
    <div class="hub-tabelblok" data-tabel={tabel.id}>
      <div>
        <div
          class="utrecht-table-container hub-tabel"
          role="region"
          aria-labelledby={`${id}-titel`}
          tabIndex={0}
        >
          <table class="utrecht-table utrecht-table--html-table" id={id}>
            <caption class="utrecht-table__caption">
              <span class="hub-tabel__titel" id={`${id}-titel`}>
                {tabel.titel}
              </span>{' '}
              <span class="hub-tabel__bron" id={`${id}-bron`}>
                Bron: {tabel.bron}; {periodeTekst}.
              </span>
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th scope="col" class="utrecht-table__header-cell">
                  {tabel.kop}
                </th>
                <th scope="col" class="utrecht-table__header-cell">
                  {PEILDATUM_KOP}
                </th>
                {gemeenten.map((naam) => (
                  <th
                    scope="col"
                    class="utrecht-table__header-cell utrecht-table__header-cell--numeric"
                    key={naam}
                  >
                    {naam}
                  </th>
                ))}
                <th
                  scope="col"
                  class="utrecht-table__header-cell utrecht-table__header-cell--numeric hub-regio"
                >
                  {REGIO_KOP}
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {tabel.rijen.map((rij) => {
                const beschrijving = `${id}-bron ${rij.id}-peil`;
                return (
                  <tr class="utrecht-table__row" key={rij.id}>
                    <th scope="row" class="utrecht-table__header-cell">
                      {rij.label}
                    </th>
                    <td class="utrecht-table__cell hub-peildatum" id={`${rij.id}-peil`}>
                      {rij.peildatum}
                    </td>
                    {rij.cellen.map((cel, i) => (
                      <CelInhoud cel={cel} beschrijving={beschrijving} key={gemeenten[i]} />
                    ))}
                    <CelInhoud cel={rij.regio} beschrijving={beschrijving} />
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {tabel.toelichting && <p class="utrecht-paragraph hub-toelichting">{tabel.toelichting}</p>}
        <Verklaring tabel={tabel} />
      </div>
      <Grafiek tabel={tabel} gemeenten={gemeenten} tabelId={id} />
    </div>
  );
}
