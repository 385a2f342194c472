import { monthLabel, type MonthRange } from './periode';
import type { Cell } from './suppression';
import type { Aandeel, Aantal, Maandwaarde } from './types';

/** A cell as the API shows it: its value, or null and `onderdrukt` when the rules hide it. */
export function aantal(figure: Cell): Aantal {
  return figure.shown ? { waarde: figure.value, onderdrukt: false } : { waarde: null, onderdrukt: true };
}

/** A ratio is shown only with both its parts: a ratio and one shown part would give the other. */
export function aandeel(teller: Cell, noemer: Cell): Aandeel {
  const parts = { teller: aantal(teller), noemer: aantal(noemer) };
  if (!teller.shown || !noemer.shown) return { ...parts, ratio: null, onderdrukt: true };
  return { ...parts, ratio: noemer.value === 0 ? null : teller.value / noemer.value, onderdrukt: false };
}

/** The cells of the months of a range, labelled YYYY-MM. */
export function maandwaarden(range: MonthRange, cells: readonly Cell[]): Maandwaarde[] {
  return cells.map((figure, index) => ({
    maand: monthLabel(range.year, range.first + index),
    aantal: aantal(figure),
  }));
}
