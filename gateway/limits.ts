import type { Plugin } from '@envelop/core';
import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { parse, type GraphQLError, type ParseOptions, type Source, type ValidationContext } from 'graphql';

/** Largest number of tokens a document may have; the dashboard document has about 700. */
export const MAX_TOKENS = 5000;

/**
 * Limits on what one document may ask, so a hostile or careless query cannot exhaust the gateway or the
 * partners: nesting depth, aliases, tokens, directives and an estimated cost (graphql-armor's plugins
 * for the engine). The regional dashboard (four municipalities, every statistic, a dozen aliases) and
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
    // Field suggestions ("did you mean …") would let a caller map a schema that introspection hides.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const tokenLimit: Plugin = {
    onParse({ setParseFn }) {
      setParseFn((source: string | Source, options?: ParseOptions) =>
        parse(source, { ...options, maxTokens: MAX_TOKENS }),
      );
    },
  };
  return [tokenLimit, ...plugins];
}
