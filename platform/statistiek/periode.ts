import { Field, InputType, Int } from 'type-graphql';
import { badUserInput } from '../errors';

/**
 * The years a statistic may be asked for. Bounded, so that a request cannot make the statistics
 * statement walk an arbitrary span; wide enough for the history the partners keep.
 */
export const MIN_JAAR = 2000;
export const MAX_JAAR = 2100;

@InputType('Periode', {
  description:
    'A whole calendar year, quarter or month: `{ jaar }` for a year, `{ jaar, kwartaal }` for a quarter, ' +
    '`{ jaar, maand }` for a month (not both). Statistics have no day windows: a small count could be ' +
    'recovered from two windows one day apart.',
})
export class Periode {
  @Field(() => Int, { description: `The calendar year, ${MIN_JAAR} to ${MAX_JAAR}.` })
  jaar!: number;

  @Field(() => Int, { nullable: true, description: 'A quarter of the year, 1 to 4.' })
  kwartaal?: number | null;

  @Field(() => Int, { nullable: true, description: 'A month of the year, 1 to 12.' })
  maand?: number | null;
}

export type PeriodKind = 'jaar' | 'kwartaal' | 'maand';

/** A validated period: its year and the months it covers, as indices 0 (January) to 11. */
export interface MonthRange {
  year: number;
  kind: PeriodKind;
  first: number;
  last: number;
}

function isIn(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/** BAD_USER_INPUT unless the period is a year in range, with at most one of a quarter or a month. */
export function toMonthRange(periode: Periode): MonthRange {
  const { jaar, kwartaal, maand } = periode;
  if (!isIn(jaar, MIN_JAAR, MAX_JAAR)) {
    throw badUserInput(`Invalid periode: jaar is ${MIN_JAAR} to ${MAX_JAAR}.`);
  }
  const hasQuarter = kwartaal !== null && kwartaal !== undefined;
  const hasMonth = maand !== null && maand !== undefined;
  if (hasQuarter && hasMonth) throw badUserInput('Invalid periode: give kwartaal or maand, not both.');
  if (hasQuarter) {
    if (!isIn(kwartaal, 1, 4)) throw badUserInput('Invalid periode: kwartaal is 1 to 4.');
    return { year: jaar, kind: 'kwartaal', first: (kwartaal - 1) * 3, last: (kwartaal - 1) * 3 + 2 };
  }
  if (hasMonth) {
    if (!isIn(maand, 1, 12)) throw badUserInput('Invalid periode: maand is 1 to 12.');
    return { year: jaar, kind: 'maand', first: maand - 1, last: maand - 1 };
  }
  return { year: jaar, kind: 'jaar', first: 0, last: 11 };
}

/** The month indices of a range, in order. */
export function monthsOf(range: MonthRange): number[] {
  return Array.from({ length: range.last - range.first + 1 }, (_, index) => range.first + index);
}

/** A month of the range's year as YYYY-MM. */
export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month + 1).padStart(2, '0')}`;
}
