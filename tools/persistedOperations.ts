/**
 * The client kit's persisted-operation manifest (run by `npm run codegen`): writes
 * clients/persisted-operations.json, `{ "<sha256 hex of the document>": "<document>" }` for
 * every operation of clients/operations/*.graphql, the format the gateway's
 * TRUSTED_OPERATIONS_MANIFEST reads. The document is graphql-js's `print` of the file: the
 * text the kit's `operationText` sends for the generated typed document, so ids and requests
 * match. `--check` (run by `npm run check`) fails when the committed manifest is stale.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Kind, parse, print } from 'graphql';

const root = new URL('../clients/', import.meta.url);
const operations = new URL('operations/', root);
const manifestFile = new URL('persisted-operations.json', root);

const manifest: Record<string, string> = {};
const names = new Set<string>();
for (const file of readdirSync(operations)
  .filter((f) => f.endsWith('.graphql'))
  .sort()) {
  const document = parse(readFileSync(new URL(file, operations), 'utf8'));
  const ops = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const name = ops[0]?.name?.value;
  // One named operation per file, named as the file: the manifest's names are what /metrics
  // shows, and a client finds an operation by its file.
  if (ops.length !== 1 || name === undefined || `${name}.graphql` !== file) {
    console.error(
      `clients/operations/${file}: needs exactly one operation, named ${file.slice(0, -8)}`,
    );
    process.exit(1);
  }
  names.add(name);
  const text = print(document);
  manifest[createHash('sha256').update(text).digest('hex')] = text;
}
const json = `${JSON.stringify(manifest, null, 2)}\n`;
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(manifestFile, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== json) {
    console.error(
      'clients/persisted-operations.json is stale: run `npm run codegen` and commit the result.',
    );
    process.exit(1);
  }
  console.log(`clients/persisted-operations.json is up to date (${names.size} operations).`);
} else {
  writeFileSync(manifestFile, json);
  console.log(`Wrote clients/persisted-operations.json (${names.size} operations).`);
}
