/** Loads a subgraph's schema.graphql, the source of truth. */
import { readFileSync } from 'node:fs';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';

/** Parses a schema file, e.g. `new URL('../schema.graphql', import.meta.url)` from `<subgraph>/src/`. */
export function loadSchemaFile(file: URL): DocumentNode {
  return gql(readFileSync(file, 'utf8'));
}
