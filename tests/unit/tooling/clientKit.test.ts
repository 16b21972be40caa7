/**
 * The client kit's data against the API: a Danish label for every enum value of
 * schema/api.graphql, a catalogue entry for every error code, and a persisted-operation id for
 * every typed document (the text the kit sends is the manifest's text).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as kit from '@hoi/client-kit';
import { ERROR_CODES, isKnownCode } from '@hoi/domain';

const root = new URL('../../../', import.meta.url);
const schema = buildSchema(readFileSync(new URL('schema/api.graphql', root), 'utf8'));
const manifest = JSON.parse(
  readFileSync(new URL('clients/persisted-operations.json', root), 'utf8'),
) as Record<string, string>;

/** Apollo Server's request codes that isKnownCode passes through. */
const APOLLO_CODES = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
];

const documents = Object.entries(kit).filter(
  (entry): entry is [string, DocumentNode] =>
    entry[0].endsWith('Document') &&
    typeof entry[1] === 'object' &&
    (entry[1] as { kind?: unknown }).kind === 'Document',
);

describe('LABELS_DA', () => {
  it('has a Danish label for every value of every enum of the API, and nothing else', () => {
    const enums = Object.values(schema.getTypeMap()).filter(
      (t) => isEnumType(t) && !t.name.startsWith('__'),
    );
    const expected = Object.fromEntries(
      enums.map((t) => [
        t.name,
        isEnumType(t)
          ? t
              .getValues()
              .map((v) => v.name)
              .sort()
          : [],
      ]),
    );
    const actual = Object.fromEntries(
      Object.entries(kit.LABELS_DA).map(([name, values]) => [name, Object.keys(values).sort()]),
    );
    expect(actual).toEqual(expected);
    for (const values of Object.values(kit.LABELS_DA))
      for (const label of Object.values(values as Record<string, string>))
        expect(label.trim()).not.toBe('');
  });

  it('names the six sector areas as the municipality does', () => {
    expect(kit.LABELS_DA.SectorArea).toEqual({
      EMPLOYMENT: 'Beskæftigelse',
      SOCIAL_ADULT: 'Voksne/socialområdet',
      CHILDREN_FAMILY: 'Børn og familie',
      HEALTH: 'Sundhed',
      EDUCATION: 'Uddannelse',
      ADDICTION: 'Misbrug',
    });
  });
});

describe('ERROR_CATALOGUE', () => {
  it('has an entry for every error code and Apollo request code, and only for known codes', () => {
    expect(Object.keys(kit.ERROR_CATALOGUE).sort()).toEqual(
      [...new Set([...ERROR_CODES, ...APOLLO_CODES])].sort(),
    );
    for (const code of Object.keys(kit.ERROR_CATALOGUE)) expect(isKnownCode(code)).toBe(true);
  });

  it('gives each an HTTP status, an action and both languages', () => {
    for (const [code, entry] of Object.entries(kit.ERROR_CATALOGUE)) {
      expect([200, 400, 401, 403, 429, 500, 503], code).toContain(entry.httpStatus);
      for (const text of [entry.en, entry.da]) {
        expect(text.meaning.length, code).toBeGreaterThan(10);
        expect(text.whatToDo.length, code).toBeGreaterThan(10);
      }
    }
    expect(kit.ERROR_CATALOGUE.RATE_LIMITED).toMatchObject({ httpStatus: 429, retry: true });
    expect(kit.ERROR_CATALOGUE.UNAUTHENTICATED).toMatchObject({ action: 'REAUTHENTICATE' });
  });
});

describe('typed documents', () => {
  it('are one per operation file, each in the persisted-operation manifest by its id', async () => {
    expect(documents).toHaveLength(Object.keys(manifest).length);
    for (const [name, document] of documents) {
      const text = kit.operationText(document);
      const id = createHash('sha256').update(text).digest('hex');
      expect(manifest[id], name).toBe(text);
      expect(await kit.operationId(document)).toBe(id);
    }
  });
});
