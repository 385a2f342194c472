import { badUserInput } from './errors';

/** Largest value of a PostgreSQL `serial`: a larger id cannot exist, so it is unknown, not invalid. */
export const MAX_SERIAL = 2_147_483_647;

/** The number a string of digits without leading zeros stands for, or null when it is not one. */
export function positiveInteger(value: string): number | null {
  return /^[1-9]\d*$/.test(value) ? Number(value) : null;
}

/** The numeric key of an `ID` argument, or null when no row can have it; BAD_USER_INPUT when malformed. */
export function serialId(id: string): number | null {
  const key = positiveInteger(id);
  if (key === null) throw badUserInput('Invalid id: expected a positive integer.');
  return key <= MAX_SERIAL ? key : null;
}
