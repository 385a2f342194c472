import type { Tabel } from './cijfers';
import { celTekst } from './csv';

const BREEDTE = 420;
const LABEL = 96;
const STAAF = 250;
/** Characters of a row label per line: a longer label wraps instead of running out of the chart. */
const REGEL = 52;

/** Splits a label into lines of at most REGEL characters, at spaces. */
function regels(label: string): string[] {
  const uit: string[] = [];
  for (const woord of label.split(' ')) {
    const laatste = uit[uit.length - 1];
    if (laatste !== undefined && laatste.length + 1 + woord.length <= REGEL)
      uit[uit.length - 1] = `${laatste} ${woord}`;
    else uit.push(woord);
  }
  return uit;
}

/**
 * A bar chart of a table's counts: per row a bar per gemeente, labelled with the gemeente and the value
 * as in the table. A cell without a value (suppressed, not available) is a gap with its mark. The chart
 * is an image named after the table; the table beside it is its full text.
 */
export function Grafiek({
  tabel,
  gemeenten,
  tabelId,
}: {
  tabel: Tabel;
  gemeenten: string[];
  tabelId: string;
}) {
  const rijen = tabel.rijen.filter((rij) => rij.inGrafiek);
  if (rijen.length === 0) return null;
  const max = Math.max(
    1,
    ...rijen.flatMap((rij) => rij.cellen.map((cel) => (cel.soort === 'waarde' ? cel.getal : 0))),
  );
  const reeks = rijen.length > 8;
  const regelhoogte = reeks ? 18 : 20;
  const hoogte = reeks ? 11 : 13;
  const tussen = 3;
  const id = `grafiek-${tabel.id}`;
  let y = 0;
  const groepen = rijen.map((rij) => {
    const top = y;
    const label = regels(rij.label);
    const kop = label.length * regelhoogte;
    y += kop + rij.cellen.length * (hoogte + tussen) + 6;
    return (
      <g key={rij.id} transform={`translate(0 ${top})`}>
        <text x={0} y={regelhoogte - 6} class="hub-grafiek__rij">
          {label.map((regel, i) => (
            <tspan key={i} x={0} dy={i === 0 ? 0 : regelhoogte}>
              {regel}
            </tspan>
          ))}
        </text>
        {rij.cellen.map((cel, i) => {
          const staafY = kop + i * (hoogte + tussen);
          const breedte = cel.soort === 'waarde' ? (cel.getal / max) * STAAF : 0;
          return (
            <g key={gemeenten[i]}>
              <text x={LABEL - 6} y={staafY + hoogte - 2} text-anchor="end">
                {gemeenten[i]}
              </text>
              {cel.soort === 'waarde' && (
                <rect
                  x={LABEL}
                  y={staafY}
                  width={breedte}
                  height={hoogte}
                  class={`hub-grafiek__staaf hub-grafiek__staaf--${i % 5}`}
                />
              )}
              <text
                x={LABEL + breedte + 4}
                y={staafY + hoogte - 2}
                class={cel.soort === 'waarde' ? undefined : 'hub-grafiek__gat'}
              >
                {celTekst(cel)}
              </text>
            </g>
          );
        })}
      </g>
    );
  });
  const weggelaten = tabel.rijen.length > rijen.length;
  return (
    <figure class="hub-grafiek">
      <svg
        viewBox={`0 0 ${BREEDTE} ${y}`}
        role="img"
        aria-labelledby={`${id}-naam ${tabelId}-titel`}
        aria-describedby={`${id}-uitleg ${tabelId}-bron`}
      >
        {groepen}
      </svg>
      <span id={`${id}-naam`} hidden>
        Staafdiagram:
      </span>
      <figcaption id={`${id}-uitleg`} class="utrecht-paragraph hub-grafiek__uitleg">
        Grafiek van de tabel: per cijfer een staaf per gemeente; een afgeschermd cijfer is een open plek met
        •.{weggelaten ? ' Aandelen en bedragen staan alleen in de tabel.' : ''} De regio staat alleen in de
        tabel.
      </figcaption>
    </figure>
  );
}
