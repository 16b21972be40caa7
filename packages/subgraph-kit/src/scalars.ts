/**
 * The custom scalars of the contract. CPR input is validated (DESIGN §3) and always
 * serialized as `DDMMYY-SSSS`. Errors are BAD_USER_INPUT, for variables and literals alike.
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badUserInput, CprFormatError, parseCpr, parseIsoDate, parseIsoInstant } from '@hoi/domain';

function cprFrom(value: unknown): string {
  try {
    return parseCpr(value).cpr;
  } catch (e) {
    if (e instanceof CprFormatError) throw badUserInput(e.message, { argument: 'cpr' });
    throw e;
  }
}

function stringLiteral(ast: ValueNode, what: string): string {
  if (ast.kind !== Kind.STRING) throw badUserInput(`${what} must be a string`);
  return ast.value;
}

/** `CPR`: 10 digits, optionally with a dash after the 6th; out always `DDMMYY-SSSS`. */
export const CprScalar = new GraphQLScalarType({
  name: 'CPR',
  description:
    'Danish personal identification number; in: DDMMYY-SSSS or DDMMYYSSSS, out: DDMMYY-SSSS.',
  serialize: cprFrom,
  parseValue: cprFrom,
  parseLiteral: (ast) => cprFrom(stringLiteral(ast, 'CPR')),
});

/** `Date`: ISO 8601 calendar date. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'ISO 8601 calendar date (YYYY-MM-DD).',
  serialize: (v) => parseIsoDate(v),
  parseValue: parseIsoDate,
  parseLiteral: (ast) => parseIsoDate(stringLiteral(ast, 'Date')),
});

/** `DateTime`: ISO 8601 instant, serialized in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 instant, in UTC.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : parseIsoInstant(v)),
  parseValue: parseIsoInstant,
  parseLiteral: (ast) => parseIsoInstant(stringLiteral(ast, 'DateTime')),
});

/** Resolvers for the three scalars, to spread into a subgraph's resolver map. */
export const scalarResolvers = { CPR: CprScalar, Date: DateScalar, DateTime: DateTimeScalar };
