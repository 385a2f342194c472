import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/**
 * Why a value is not a BSN, or null when it is one. A BSN has 9 digits and passes the 11-proef:
 * 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 and not 0.
 */
export function bsnProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'a BSN is a string of 9 digits';
  if (!/^\d{9}$/.test(value)) return 'a BSN has exactly 9 digits';
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(value[i]);
  sum -= Number(value[8]);
  if (sum === 0 || sum % 11 !== 0) return 'the BSN fails the 11-proef';
  return null;
}

export function isValidBsn(value: unknown): value is string {
  return bsnProblem(value) === null;
}

function parseBsn(value: unknown): string {
  const problem = bsnProblem(value);
  // The value itself is not echoed: an error message may end up in a log.
  if (problem) throw new GraphQLError(`Invalid BSN: ${problem}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value as string;
}

export const BSNScalar = new GraphQLScalarType<string, string>({
  name: 'BSN',
  description: 'Burgerservicenummer: 9 digits that pass the 11-proef.',
  serialize: (value) => parseBsn(value),
  parseValue: (value) => parseBsn(value),
  parseLiteral: (ast) => parseBsn(ast.kind === Kind.STRING ? ast.value : undefined),
});
