/** Loads a subgraph's schema.graphql (the source of truth) next to its src folder. */
import { readFileSync } from 'node:fs';
import type { DocumentNode } from 'graphql';
import { gql } from 'graphql-tag';

/** Parses `<subgraph>/schema.graphql`, given `import.meta.url` of a file in `<subgraph>/src/`. */
export function loadSchemaFile(srcFileUrl: string): DocumentNode {
  return gql(readFileSync(new URL('../schema.graphql', srcFileUrl), 'utf8'));
}
