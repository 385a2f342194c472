import { redenVan, type Cel, type Onderdeel } from './cijfers';

/** What a cell shows on screen: its value, or its mark and word (`• afgeschermd`); never the hidden number. */
export function celTekst(cel: Cel): string {
  return cel.soort === 'waarde' ? cel.tekst : `${cel.teken} ${cel.tekst}`;
}

export const REGIO_KOP = 'Regio (som van de getoonde gemeenten)';
export const PEILDATUM_KOP = 'Peildatum of periode';

function veld(tekst: string): string {
  return /[;"\r\n]/.test(tekst) ? `"${tekst.replace(/"/g, '""')}"` : tekst;
}

/**
 * The tables on screen as one CSV: a line per table row, prefixed with the table and its source, the
 * columns as on screen. Separator `;` and UTF-8 with a byte order mark, as Dutch spreadsheets expect.
 * Cells are written exactly as shown, in the Dutch notation (`1.234`, `37,5%`, `€ 1.234,00`), which a
 * spreadsheet set to Dutch reads as numbers; suppression and other marks stay as they are on screen
 * (`• afgeschermd`, `× niet te berekenen`). A table the hub withheld is a line with its reason.
 */
export function maakCsv(onderdelen: Onderdeel[], gemeenten: string[]): string {
  const regels = [['Onderdeel', 'Bron', 'Cijfer', PEILDATUM_KOP, ...gemeenten, REGIO_KOP]];
  for (const onderdeel of onderdelen) {
    for (const tabel of onderdeel.tabellen) {
      if (tabel.weggelaten.length > 0) {
        const code = tabel.weggelaten[0]?.extensions?.code;
        const wat = code === 'FORBIDDEN' ? 'niet getoond' : 'niet beschikbaar';
        regels.push([tabel.titel, tabel.bron, `${wat}: ${redenVan(tabel.weggelaten)}`]);
        continue;
      }
      for (const rij of tabel.rijen) {
        regels.push([
          tabel.titel,
          tabel.bron,
          rij.label,
          rij.peildatum,
          ...rij.cellen.map(celTekst),
          celTekst(rij.regio),
        ]);
      }
    }
  }
  return `\uFEFF${regels.map((regel) => regel.map(veld).join(';')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a temporary link (a blob: URL, which the page's CSP allows). */
export function downloadTekst(tekst: string, bestandsnaam: string): void {
  const url = URL.createObjectURL(new Blob([tekst], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = bestandsnaam;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has the blob once the download started; a minute is ample.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
