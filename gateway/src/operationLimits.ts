/**
 * Operation limits (DESIGN §3b): the work one request may cause is bounded before anything
 * runs. Each limit is checked at the cheapest point of Apollo's pipeline:
 *
 * - **tokens**: on the raw source, before the document is parsed (a lexer that stops at the
 *   limit, so a 1 MiB alias bomb costs a few thousand tokens of lexing, not a parse);
 * - **depth**, **aliases**, **rootFields**: validation rules (GraphQL Armor's max-depth and
 *   max-aliases, and a root-field count), run once per document: Apollo caches validated
 *   documents, so a warm request pays nothing;
 * - **cost**: per request, with its variables (graphql-query-complexity), because the bound of
 *   `citizens(cprs: $cprs)` is in the variables.
 *
 * A limit exceeded is OPERATION_LIMIT_EXCEEDED with `extensions.limit` naming it (HTTP 400).
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import {
  getNullableType,
  isListType,
  Kind,
  Lexer,
  Source,
  TokenKind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  visit,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { operationLimitExceeded, type OperationLimit } from '@hoi/domain';

/** The limits of one operation. */
export interface OperationLimits {
  /** Deepest nesting of selections (inline fragments and fragment spreads count). @default 12 */
  readonly depth: number;
  /** Aliases in the operation, its fragments included. @default 30 */
  readonly aliases: number;
  /** Fields selected at the operation's root (aliases count, `__typename` does not). @default 10 */
  readonly rootFields: number;
  /** The cost budget ({@link operationCost}). @default 50000 */
  readonly cost: number;
  /** Lexical tokens of the document. @default 3000 */
  readonly tokens: number;
  /** The cost factor of a list field without a known bound. @default 5 */
  readonly listCost: number;
}

/** The defaults: they admit every documented query (README, the playground's introspection). */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({
  depth: 12,
  aliases: 30,
  rootFields: 10,
  cost: 50_000,
  tokens: 3_000,
  listCost: 5,
});

/** The error of a limit, with what arrived when it is known. */
function exceeded(limit: OperationLimit, max: number, found?: number) {
  return operationLimitExceeded(
    limit,
    max,
    found === undefined
      ? `The operation exceeds the ${limit} limit of ${max}`
      : `The operation exceeds the ${limit} limit of ${max} (found ${found})`,
  );
}

/**
 * Throws OPERATION_LIMIT_EXCEEDED (`tokens`) when the source has more than `max` lexical
 * tokens. Stops lexing at the limit, so the cost is bounded by the limit, not the source. A
 * source no longer than `max` characters is never lexed (a token is at least one character).
 * A lexical error is left to the parser (GRAPHQL_PARSE_FAILED).
 */
export function checkTokens(source: string, max: number): void {
  if (source.length <= max) return;
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      count += 1;
      if (count > max) throw exceeded('tokens', max);
    }
  } catch (e) {
    if (count > max) throw e;
  }
}

/** A validation rule that throws the limit's error (Apollo would relabel a reported one). */
const fail =
  (limit: OperationLimit, max: number) =>
  (_context: ValidationContext | null, error: Error): void => {
    const found = /found (\d+)/.exec(error.message)?.[1];
    throw exceeded(limit, max, found === undefined ? undefined : Number(found));
  };

/** Counts the fields selected at the root, through inline fragments and fragment spreads. */
export function countRootFields(
  set: SelectionSetNode,
  fragments: (name: string) => FragmentDefinitionNode | null | undefined,
  seen: Set<string> = new Set(),
): number {
  let count = 0;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (s.name.value !== '__typename') count += 1;
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(s.selectionSet, fragments, seen);
    } else if (!seen.has(s.name.value)) {
      seen.add(s.name.value);
      const fragment = fragments(s.name.value);
      if (fragment) count += countRootFields(fragment.selectionSet, fragments, seen);
    }
  }
  return count;
}

function rootFieldsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(node) {
      const count = countRootFields(node.selectionSet, (name) => context.getFragment(name));
      if (count > max) throw exceeded('rootFields', max, count);
    },
  });
}

/** The validation rules of depth, aliases and root fields. */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.depth,
      // The standard introspection query nests `ofType` deeper than any data query; it reads
      // the schema, never citizen data, and its shape is fixed.
      ignoreIntrospection: true,
      // Inline fragments and spreads count as levels: 3,000 nested inline fragments are
      // refused here, before the query planner recurses into them.
      flattenFragments: false,
      propagateOnRejection: false,
      onReject: [fail('depth', limits.depth)],
    }),
    maxAliasesRule({
      n: limits.aliases,
      propagateOnRejection: false,
      onReject: [fail('aliases', limits.aliases)],
    }),
    rootFieldsRule(limits.rootFields),
  ];
}

/**
 * The list fields whose bound is an argument: `citizens(cprs)` reads one citizen per CPR,
 * `screening(first)` and every other connection lists up to `first` items.
 */
function boundOf(args: Record<string, unknown>, fieldName: string): number | null {
  if (fieldName === 'citizens' && Array.isArray(args.cprs)) return args.cprs.length;
  if (typeof args.first === 'number') return args.first;
  return null;
}

/**
 * The cost of an operation: every field costs 1 plus the cost of its selection; a list field
 * (or a connection with `first`) multiplies that by its bound: `citizens(cprs)` by the number
 * of CPRs, `screening(first)` and other connections by `first`, any other list of objects by
 * `listCost` (a small constant: a citizen's cases, benefits or plan elements). The items of a
 * connection (`edges`, `nodes`) are within its `first` and add no factor of their own; lists
 * of scalars cost 1.
 */
export function costEstimator(listCost: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const own = 1 + childComplexity;
    const bound = boundOf(args, field.name);
    if (bound !== null) return Math.max(bound, 1) * own;
    const returns = getNullableType(field.type);
    if (!isListType(returns) || childComplexity === 0) return own;
    if (type.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes'))
      return own;
    return listCost * own;
  };
}

/** The arguments whose values bound a list ({@link boundOf}). */
const BOUND_ARGUMENTS = new Set(['cprs', 'first']);

/**
 * True when an operation's cost can depend on its variables: a variable in a bounding argument
 * (`cprs`, `first`) or in a directive (`@include(if: $x)` decides whether a field counts).
 * Every other variable (a `cpr`, say) leaves the cost as the document alone makes it.
 */
export function costDependsOnVariables(document: DocumentNode): boolean {
  let depends = false;
  const hasVariable = (node: unknown): boolean => {
    let found = false;
    visit(node as DocumentNode, { Variable: () => void (found = true) });
    return found;
  };
  visit(document, {
    Directive(node) {
      if (hasVariable(node)) depends = true;
    },
    Field(node) {
      for (const argument of node.arguments ?? [])
        if (BOUND_ARGUMENTS.has(argument.name.value) && hasVariable(argument.value)) depends = true;
    },
  });
  return depends;
}

/**
 * The cost of the operation with its variables ({@link costEstimator}); null when the variables
 * do not fit the operation (execution refuses them as BAD_USER_INPUT before anything runs);
 * infinite when the operation expands to more selections than the analysis walks (10,000).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  listCost: number,
): number | null {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: variables ?? {},
      operationName,
      estimators: [costEstimator(listCost)],
    });
  } catch (e) {
    return e instanceof Error && /number of nodes/.test(e.message) ? Infinity : null;
  }
}

/** Throws OPERATION_LIMIT_EXCEEDED (`cost`) when the operation costs more than the budget. */
export function checkCost(cost: number | null, max: number): void {
  if (cost !== null && cost > max)
    throw exceeded('cost', max, Number.isFinite(cost) ? cost : undefined);
}

/**
 * The largest request body the gateway reads, from the token limit: 64 bytes a token (far
 * more than documents spend: names, punctuation, short literals) and 64 KiB for variables
 * (500 CPRs take 8), at most 1 MiB. A larger body cannot hold a document within the limit,
 * so it is refused before it is read.
 */
export function maxBodyBytesFor(tokens: number): number {
  return Math.min(1_048_576, tokens * 64 + 65_536);
}
