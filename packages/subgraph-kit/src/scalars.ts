/**
 * The custom scalars of the contract. CPR input is validated (DESIGN §3) and always
 * serialized as `DDMMYY-SSSS`. Errors are BAD_USER_INPUT, for variables and literals alike.
 */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { badUserInput, CprFormatError, parseCpr } from '@hoi/domain';

function cprFrom(value: unknown): string {
  try {
    return parseCpr(value).cpr;
  } catch (e) {
    if (e instanceof CprFormatError) throw badUserInput(e.message, { argument: 'cpr' });
    throw e;
  }
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses an ISO 8601 date (`YYYY-MM-DD`) that exists; throws BAD_USER_INPUT otherwise. */
export function parseIsoDate(value: unknown): string {
  const m = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!m) throw badUserInput('Date must be an ISO 8601 date (YYYY-MM-DD)');
  const d = new Date(`${value as string}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw badUserInput('Date does not exist in the calendar');
  }
  return value as string;
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

function parseInstant(value: unknown): string {
  if (
    typeof value !== 'string' ||
    Number.isNaN(Date.parse(value)) ||
    !/^\d{4}-\d{2}-\d{2}T/.test(value)
  ) {
    throw badUserInput('DateTime must be an ISO 8601 instant (YYYY-MM-DDThh:mm:ssZ)');
  }
  return new Date(value).toISOString();
}

/** `DateTime`: ISO 8601 instant, serialized in UTC. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'ISO 8601 instant, in UTC.',
  serialize: (v) => (v instanceof Date ? v.toISOString() : parseInstant(v)),
  parseValue: parseInstant,
  parseLiteral: (ast) => parseInstant(stringLiteral(ast, 'DateTime')),
});

/** Resolvers for the three scalars, to spread into a subgraph's resolver map. */
export const scalarResolvers = { CPR: CprScalar, Date: DateScalar, DateTime: DateTimeScalar };
