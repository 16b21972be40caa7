/**
 * The custom scalars' input is validated at the gateway before any planning (DESIGN §3,
 * §3b): a malformed CPR, Date or DateTime is BAD_USER_INPUT whether it arrives as a variable,
 * an inline literal or a variable's default value. The supergraph's scalars are opaque to the
 * gateway, so graphql validation alone lets them pass (and a subgraph's refusal would reach
 * the client as an internal error).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type GraphQLInputType,
  type ValueNode,
} from 'graphql';
import { badUserInput, CprFormatError, parseCpr, parseIsoDate, parseIsoInstant } from '@hoi/domain';
import type { GatewayContext } from '../context.js';

/** The input check of each custom scalar: throws on a malformed value. */
const SCALAR_CHECKS: Readonly<Record<string, (value: unknown) => unknown>> = {
  CPR: parseCpr,
  Date: parseIsoDate,
  DateTime: parseIsoInstant,
};

function checkScalar(name: string, value: unknown, where: string): void {
  const check = SCALAR_CHECKS[name];
  if (!check) return;
  try {
    check(value);
  } catch (e) {
    const problem =
      e instanceof CprFormatError ? e.message : e instanceof GraphQLError ? e.message : null;
    if (problem === null) throw e;
    throw badUserInput(`${where}: ${problem}`, { http: { status: 400 } });
  }
}

/** Checks a runtime (variable) value against an input type, recursing into lists and objects. */
function checkValue(type: GraphQLInputType, value: unknown, where: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(type.ofType, value, where);
  if (isListType(type)) {
    for (const [i, v] of (Array.isArray(value) ? value : [value]).entries())
      checkValue(type.ofType, v, `${where}[${i}]`);
    return;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return;
    for (const field of Object.values(type.getFields())) {
      checkValue(
        field.type,
        (value as Record<string, unknown>)[field.name],
        `${where}.${field.name}`,
      );
    }
    return;
  }
  checkScalar(type.name, value, where);
}

/** Checks a literal, leaving variables inside it to the variable check. */
function checkLiteral(type: GraphQLInputType, node: ValueNode, where: string): void {
  if (node.kind === Kind.VARIABLE || node.kind === Kind.NULL) return;
  if (isNonNullType(type)) return checkLiteral(type.ofType, node, where);
  if (isListType(type)) {
    const items = node.kind === Kind.LIST ? node.values : [node];
    items.forEach((v, i) => checkLiteral(type.ofType, v, `${where}[${i}]`));
    return;
  }
  if (isInputObjectType(type)) {
    if (node.kind !== Kind.OBJECT) return;
    const fields = type.getFields();
    for (const f of node.fields) {
      const field = fields[f.name.value];
      if (field) checkLiteral(field.type, f.value, `${where}.${f.name.value}`);
    }
    return;
  }
  checkScalar(
    getNamedType(type).name,
    node.kind === Kind.STRING ? node.value : Symbol.for('non-string'),
    where,
  );
}

/** The plugin. */
export function scalarValidationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, request }) {
          const typeInfo = new TypeInfo(schema);
          const variables = request.variables ?? {};
          visit(
            document,
            visitWithTypeInfo(typeInfo, {
              VariableDefinition(node) {
                const type = typeInfo.getInputType();
                if (!type) return;
                const where = `Variable $${node.variable.name.value}`;
                checkValue(type, variables[node.variable.name.value], where);
                if (node.defaultValue) checkLiteral(type, node.defaultValue, `${where} default`);
              },
              Argument(node) {
                const type = typeInfo.getInputType();
                if (type) checkLiteral(type, node.value, `Argument ${node.name.value}`);
              },
            }),
          );
        },
      };
    },
  };
}
