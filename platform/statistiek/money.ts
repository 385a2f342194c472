import type { MonthRange } from './periode';
import type { Bedrag } from './types';

/** A sum of money is shown only when at least this many residents contribute to it. */
export const MIN_CONTRIBUTORS = 10;

/**
 * The p of the p%-rule: a sum is hidden when the total minus its two largest contributions is less
 * than p% of the largest. The second-largest contributor, who knows their own amount, could otherwise
 * estimate the largest to within p%.
 */
export const P_PERCENT = 10;

/** A sum of money over one period, with what the rules need to know about who contributes. */
export interface MoneyCell {
  centen: number;
  /** Residents with a non-zero contribution (per resident, summed over the period). */
  bijdragers: number;
  grootste: number;
  tweede: number;
}

/** True when a sum may be shown: nobody contributes (it is 0), or enough residents and nobody dominates. */
export function isMoneySafe({ centen, bijdragers, grootste, tweede }: MoneyCell): boolean {
  if (bijdragers === 0) return true;
  return bijdragers >= MIN_CONTRIBUTORS && (centen - grootste - tweede) * 100 >= P_PERCENT * grootste;
}

/**
 * Sums of money of one gemeente over one calendar year. Sums of nested periods could be subtracted
 * (the year minus three quarters gives the fourth), so each level is shown whole or not at all: the
 * months only when all twelve are safe, the quarters only when all four are, the year when it is.
 * A sum of safe sums is safe, so whatever is shown, every difference of shown sums is a safe sum too.
 */
export class MoneyTable {
  private readonly monthsShown: boolean;
  private readonly quartersShown: boolean;

  constructor(
    private readonly months: readonly MoneyCell[],
    private readonly quarters: readonly MoneyCell[],
    private readonly year: MoneyCell,
  ) {
    if (months.length !== 12 || quarters.length !== 4)
      throw new Error('Money needs 12 months and 4 quarters');
    this.monthsShown = months.every(isMoneySafe);
    this.quartersShown = quarters.every(isMoneySafe);
  }

  amount(range: MonthRange): Bedrag {
    const [figure, shown] =
      range.kind === 'jaar'
        ? [this.year, isMoneySafe(this.year)]
        : range.kind === 'kwartaal'
          ? [this.quarters[range.first / 3], this.quartersShown]
          : [this.months[range.first], this.monthsShown];
    if (!figure || !shown) return { centen: null, onderdrukt: true };
    return { centen: figure.centen, onderdrukt: false };
  }
}
