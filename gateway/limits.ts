import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Limits on what one document may ask, so a hostile or careless query cannot exhaust the gateway or the
 * partners: nesting depth, aliases, tokens, directives and an estimated cost. The regional dashboard
 * (four municipalities, every statistic, a dozen aliases) and introspection stay well within them.
 */
/** Largest number of tokens a document may have; the dashboard document has about 700. */
export const MAX_TOKENS = 5000;

export function queryLimits(): Pick<ReturnType<ApolloArmor['protect']>, 'plugins' | 'validationRules'> {
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: { n: 10, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: 40 },
    // Tokens are limited by the parser itself (MAX_TOKENS), which reports a proper parse error.
    maxTokens: { enabled: false },
    maxDirectives: { n: 20 },
    costLimit: { maxCost: 100_000, ignoreIntrospection: true },
    // Field suggestions ("did you mean …") would let a caller map a schema that introspection hides.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  return { plugins, validationRules };
}
