import type { Plugin } from '@envelop/core';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import {
  Lexer,
  parse,
  Source,
  syntaxError,
  TokenKind,
  type GraphQLError,
  type ParseOptions,
  type ValidationContext,
} from 'graphql';

/** Largest number of tokens a document may have; the dashboard document has about 700. */
export const MAX_TOKENS = 5000;
/**
 * Deepest nesting of braces, parentheses and brackets a document may have. The parser recurses once
 * per level, so a document nested some thousands deep within the token limit would exhaust its stack
 * (an internal error) before the depth limit could see it.
 */
export const MAX_NESTING = 64;

const OPENING = new Set<string>([TokenKind.BRACE_L, TokenKind.PAREN_L, TokenKind.BRACKET_L]);
const CLOSING = new Set<string>([TokenKind.BRACE_R, TokenKind.PAREN_R, TokenKind.BRACKET_R]);

/**
 * Refuses a document nested deeper than `MAX_NESTING` as the parser refuses one of too many tokens: a
 * syntax error at the place it goes too deep. Reads tokens only, so strings and comments do not count;
 * what lies past the token limit is left to the parser, which refuses it.
 */
export function checkNesting(source: string | Source): void {
  const lexer = new Lexer(typeof source === 'string' ? new Source(source) : source);
  let depth = 0;
  for (let tokens = 0; tokens <= MAX_TOKENS; tokens++) {
    const token = lexer.advance();
    if (token.kind === TokenKind.EOF) return;
    if (CLOSING.has(token.kind)) depth--;
    else if (OPENING.has(token.kind) && ++depth > MAX_NESTING) {
      throw syntaxError(
        lexer.source,
        token.start,
        `Document nests deeper than ${MAX_NESTING} levels. Parsing aborted.`,
      );
    }
  }
}

/**
 * Limits on what one document may ask, so a hostile or careless query cannot exhaust the gateway or the
 * partners: nesting depth, aliases, tokens, nesting of the text itself, directives and an estimated
 * cost (graphql-armor's plugins for the engine). The regional dashboard (four municipalities, every statistic, a dozen aliases) and
 * introspection stay well within them.
 */
/**
 * A refusal is reported as a validation error rather than thrown (a thrown error would reach the client
 * as an internal error), so the client gets a 400 that says which limit the document exceeds.
 */
const asValidationError = {
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

export function queryLimits(): Plugin[] {
  const { plugins } = new EnvelopArmor({
    maxDepth: { n: 10, ignoreIntrospection: true, flattenFragments: true, ...asValidationError },
    maxAliases: { n: 40, ...asValidationError },
    // Tokens are limited by the parser itself (below), which reports a proper parse error.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20, ...asValidationError },
    costLimit: { maxCost: 100_000, ignoreIntrospection: true, ...asValidationError },
    // No field suggestions ("did you mean …"): error messages carry no schema text. The schema itself is
    // published in schema/ and open to introspection by verified employees (no token, no parsing).
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const tokenLimit: Plugin = {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) => {
        checkNesting(source);
        return parse(source, { ...options, maxTokens: MAX_TOKENS });
      });
    },
  };
  return [tokenLimit, ...plugins];
}
