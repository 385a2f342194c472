import { GraphQLError, parse } from 'graphql';
import { checkNesting, MAX_NESTING, MAX_TOKENS } from '../limits';

const nested = (levels: number): string => `${'{ a '.repeat(levels)}${'}'.repeat(levels)}`;

function refusal(document: string): GraphQLError | null {
  try {
    checkNesting(document);
    return null;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

describe('Query limits: nesting of the document text', () => {
  it('lets a document nested up to the limit through to the parser', () => {
    expect(refusal(nested(MAX_NESTING))).toBeNull();
    expect(() => parse(nested(MAX_NESTING))).not.toThrow();
  });

  it('refuses one level more as a syntax error at the brace that goes too deep', () => {
    const error = refusal(nested(MAX_NESTING + 1));
    expect(error?.message).toBe(
      `Syntax Error: Document nests deeper than ${MAX_NESTING} levels. Parsing aborted.`,
    );
    expect(error?.locations).toEqual([{ line: 1, column: 4 * MAX_NESTING + 1 }]);
  });

  it('refuses a document nested thousands deep, which would exhaust the parser’s stack', () => {
    expect(refusal(nested(3000))?.message).toMatch(/nests deeper than/);
  });

  it('counts parentheses and brackets of arguments and values as well', () => {
    const list = `{ a(b: ${'['.repeat(MAX_NESTING)}1${']'.repeat(MAX_NESTING)}) }`;
    expect(refusal(list)?.message).toMatch(/nests deeper than/);
  });

  it('does not count braces inside strings, block strings or comments', () => {
    const text = `{ a(b: "${'{'.repeat(500)}", c: """${'['.repeat(500)}""") # ${'('.repeat(500)}\n }`;
    expect(refusal(text)).toBeNull();
  });

  it('leaves a document past the token limit to the parser, which refuses it', () => {
    const long = `{ ${'a '.repeat(MAX_TOKENS + 10)}}`;
    expect(refusal(long)).toBeNull();
    expect(() => parse(long, { maxTokens: MAX_TOKENS })).toThrow(/more that 5000 tokens/);
  });
});
