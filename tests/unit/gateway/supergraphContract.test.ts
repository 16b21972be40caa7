/** The composed API schema honours the contract's names (DESIGN §3) and documents itself. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Supergraph } from '@apollo/federation-internals';
import {
  isEnumType,
  isInputObjectType,
  isObjectType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';

const api: GraphQLSchema = Supergraph.build(
  readFileSync(new URL('../../../supergraph.graphql', import.meta.url), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

const userTypes = Object.values(api.getTypeMap()).filter(
  (t) => !t.name.startsWith('__') && !['String', 'Boolean', 'ID', 'Int', 'Float'].includes(t.name),
);

describe('the API schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of userTypes) {
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : [])
            if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type))
        for (const v of type.getValues())
          if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });

  it('has the contract’s fields with their types', () => {
    const fields = (name: string) => {
      const type = api.getType(name);
      if (!isObjectType(type)) throw new Error(`${name} is not an object type`);
      return Object.fromEntries(
        Object.values(type.getFields()).map((f) => [f.name, String(f.type)]),
      );
    };
    expect(fields('Query')).toMatchObject({ citizen: 'Citizen!', me: 'Citizen!' });
    expect(fields('Mutation')).toMatchObject({
      giveConsent: 'Consent!',
      withdrawConsent: 'Consent!',
    });
    expect(fields('Citizen')).toMatchObject({
      cpr: 'CPR!',
      cases: '[Case!]!',
      benefits: '[Benefit!]!',
      interventions: '[Intervention!]!',
      employment: 'EmploymentStatus',
      consent: 'Consent',
      access: '[AreaAccess!]!',
    });
    expect(fields('Citizen')).not.toHaveProperty('accessGrant');
    expect(fields('Case')).toMatchObject({
      id: 'ID!',
      title: 'String!',
      area: 'SectorArea!',
      kle: 'String!',
      status: 'String!',
      openedAt: 'Date!',
      closedAt: 'Date',
      sourceSystem: 'String!',
    });
    expect(fields('Benefit')).toMatchObject({
      id: 'ID!',
      name: 'String!',
      area: 'SectorArea!',
      status: 'String!',
      period: 'Period!',
    });
    expect(fields('Intervention')).toMatchObject({
      id: 'ID!',
      title: 'String!',
      area: 'SectorArea!',
      legalBasis: 'String',
      status: 'String!',
      period: 'Period!',
    });
    expect(fields('Period')).toMatchObject({ start: 'Date', end: 'Date' });
    expect(fields('EmploymentStatus')).toMatchObject({
      contactGroup: 'String!',
      visitation: 'String',
      jobGoals: '[String!]!',
    });
    expect(fields('Consent')).toMatchObject({
      id: 'ID!',
      status: 'ConsentStatus!',
      areas: '[SectorArea!]!',
      givenAt: 'DateTime!',
      validUntil: 'Date!',
      withdrawnAt: 'DateTime',
    });
    expect(fields('AreaAccess')).toMatchObject({
      area: 'SectorArea!',
      visible: 'Boolean!',
      basis: 'AccessBasis!',
    });
    for (const s of ['CPR', 'Date', 'DateTime']) expect(isScalarType(api.getType(s))).toBe(true);
  });

  it('has exactly the six sector areas and the contract’s enum values', () => {
    const values = (name: string) => {
      const type = api.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      return type.getValues().map((v) => v.name);
    };
    expect(values('SectorArea')).toEqual([
      'EMPLOYMENT',
      'SOCIAL_ADULT',
      'CHILDREN_FAMILY',
      'HEALTH',
      'EDUCATION',
      'ADDICTION',
    ]);
    expect(values('ConsentStatus')).toEqual(
      expect.arrayContaining(['ACTIVE', 'WITHDRAWN', 'EXPIRED']),
    );
    expect(values('AccessBasis')).toEqual(
      expect.arrayContaining(['OWN_AUTHORITY', 'CONSENT', 'OWN_DATA', 'NONE']),
    );
  });
});
