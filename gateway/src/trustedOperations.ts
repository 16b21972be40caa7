/**
 * The trusted operations manifest (DESIGN §3b): a JSON object mapping the SHA-256 (hex) of each
 * document to the document, `{ "<sha256 hex>": "<document>" }`, the ids the client kit
 * persists. The id is the APQ hash of the document, so a client sends either the document or
 * only `extensions.persistedQuery.sha256Hash`. With `TRUSTED_OPERATIONS=required` nothing
 * else runs; either way the manifest's operation names are the ones /metrics may show.
 */
import { createHash } from 'node:crypto';
import { Kind, parse } from 'graphql';

/** A loaded manifest. */
export interface TrustedOperations {
  /** Documents by the SHA-256 (hex) of their text. */
  readonly byHash: ReadonlyMap<string, string>;
  /** The names of the manifest's operations. */
  readonly names: ReadonlySet<string>;
}

/** The SHA-256 (hex) of a document, as APQ computes it. */
export const documentHash = (document: string): string =>
  createHash('sha256').update(document).digest('hex');

/** Thrown for a manifest that cannot be used; the message says what is wrong. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Checks and reads a manifest's text: every id must be its document's hash. */
export function parseTrustedManifest(text: string): TrustedOperations {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ManifestError('the trusted operations manifest is not JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ManifestError(
      'the trusted operations manifest must be an object { "<sha256 hex>": "<document>" }',
    );
  const byHash = new Map<string, string>();
  const names = new Set<string>();
  for (const [id, document] of Object.entries(json)) {
    if (typeof document !== 'string')
      throw new ManifestError(`manifest entry ${id}: the document must be a string`);
    if (documentHash(document) !== id.toLowerCase())
      throw new ManifestError(`manifest entry ${id}: not the SHA-256 of its document`);
    let ast;
    try {
      ast = parse(document);
    } catch (e) {
      throw new ManifestError(`manifest entry ${id}: ${(e as Error).message}`);
    }
    for (const d of ast.definitions)
      if (d.kind === Kind.OPERATION_DEFINITION && d.name) names.add(d.name.value);
    byHash.set(id.toLowerCase(), document);
  }
  return { byHash, names };
}
