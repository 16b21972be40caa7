/**
 * Fails when the committed generated files differ from what graphql-codegen makes of the
 * current schema files: every entry of codegen.ts, the subgraphs' resolver types and the client
 * kit's typed documents (clients/src/__generated__/, from schema/api.graphql and
 * clients/operations/). Run `npm run codegen` and commit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import config from '../codegen.js';

const outputs = await generate({ ...config, silent: true }, false);
const stale = outputs.filter(
  (o: { filename: string; content: string }) =>
    !existsSync(o.filename) || readFileSync(o.filename, 'utf8') !== o.content,
);
if (stale.length > 0) {
  console.error(
    `Generated types are stale: ${stale.map((o: { filename: string }) => o.filename).join(', ')}`,
  );
  console.error('Run `npm run codegen` and commit the result.');
  process.exit(1);
}
console.log(`Generated types are up to date (${outputs.length} files).`);
