import type { ComponentChildren } from 'preact';

/** A table with a caption, column headers, and the first cell of each row as that row's header. */
export function Tabel({
  caption,
  koppen,
  rijen,
  sleutels,
}: {
  caption: string;
  koppen: string[];
  rijen: ComponentChildren[][];
  /** A stable key per row, where rows come and go (a row keeps its DOM, and its focus, by its key). */
  sleutels?: string[];
}) {
  return (
    <table class="utrecht-table">
      <caption class="utrecht-table__caption">{caption}</caption>
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
        {rijen.map((cellen, rij) => (
          <tr class="utrecht-table__row" key={sleutels?.[rij] ?? rij}>
            {cellen.map((cel, index) =>
              index === 0 ? (
                <th class="utrecht-table__header-cell" scope="row" key={index}>
                  {cel}
                </th>
              ) : (
                <td class="utrecht-table__cell" key={index}>
                  {cel}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
