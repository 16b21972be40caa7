/**
 * Composition: reads supergraph.yaml (rover's format) and composes the subgraph schemas with
 * @apollo/composition, in process (the rover CLI downloads a plugin at run time).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** One subgraph of supergraph.yaml. */
export interface SubgraphDefinition {
  readonly name: string;
  readonly url: string;
  readonly schemaFile: string;
}

/** Reads supergraph.yaml; schema paths are resolved relative to it. */
export function readSupergraphConfig(file: string): SubgraphDefinition[] {
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
  };
  return Object.entries(doc.subgraphs ?? {}).map(([name, s]) => {
    if (!s.routing_url || !s.schema?.file) {
      throw new Error(`${file}: subgraph ${name} needs routing_url and schema.file`);
    }
    return { name, url: s.routing_url, schemaFile: resolve(dirname(file), s.schema.file) };
  });
}

/** Thrown when composition fails; the message lists every composition error. */
export class CompositionError extends Error {
  override readonly name = 'CompositionError';
}

/** Composes the subgraphs into a supergraph SDL. */
export function composeSupergraph(subgraphs: readonly SubgraphDefinition[]): string {
  const result = composeServices(
    subgraphs.map((s) => ({
      name: s.name,
      url: s.url,
      typeDefs: parse(readFileSync(s.schemaFile, 'utf8')),
    })),
  );
  if (result.errors) {
    const lines = result.errors.map((e) => `  - ${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
    throw new CompositionError(`Composition failed:\n${lines.join('\n')}`);
  }
  return result.supergraphSdl;
}
