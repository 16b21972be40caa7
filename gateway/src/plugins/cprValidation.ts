/**
 * CPR arguments are validated at the gateway before any planning (DESIGN §3): a malformed
 * CPR is BAD_USER_INPUT whether it arrives as a variable or as an inline literal. The
 * supergraph's CPR scalar is opaque to the gateway, so graphql validation alone lets it pass.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
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
import { badUserInput, CprFormatError, parseCpr } from '@hoi/domain';
import type { GatewayContext } from '../context.js';

function checkCpr(value: unknown, where: string): void {
  try {
    parseCpr(value);
  } catch (e) {
    if (e instanceof CprFormatError)
      throw badUserInput(`${where}: ${e.message}`, { http: { status: 400 } });
    throw e;
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
  if (type.name === 'CPR') checkCpr(value, where);
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
  if (getNamedType(type).name === 'CPR')
    checkCpr(node.kind === Kind.STRING ? node.value : Symbol.for('non-string'), where);
}

/** The plugin. */
export function cprValidationPlugin(): ApolloServerPlugin<GatewayContext> {
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
                if (type)
                  checkValue(
                    type,
                    variables[node.variable.name.value],
                    `Variable $${node.variable.name.value}`,
                  );
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
