/**
 * `npm run compose`: writes supergraph.graphql from supergraph.yaml, and schema/api.graphql,
 * the client-facing API schema (the supergraph without federation internals: no join
 * directives, no @inaccessible fields such as `accessGrant`), for vendors and client codegen.
 * `npm run compose -- --check`: fails when either committed file is stale.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { composeSupergraph, CompositionError, readSupergraphConfig } from '@hoi/gateway';

const check = process.argv.includes('--check');
const root = new URL('../', import.meta.url);
const outputs = (sdl: string): [URL, string][] => [
  [new URL('supergraph.graphql', root), sdl],
  [
    new URL('schema/api.graphql', root),
    `${printSchema(Supergraph.build(sdl).apiSchema().toGraphQLJSSchema()).trimEnd()}\n`,
  ],
];
try {
  const sdl = `${composeSupergraph(readSupergraphConfig(new URL('supergraph.yaml', root).pathname)).trimEnd()}\n`;
  let stale = false;
  for (const [file, text] of outputs(sdl)) {
    const name = file.pathname.slice(root.pathname.length);
    if (check) {
      let committed = '';
      try {
        committed = readFileSync(file, 'utf8');
      } catch {
        // missing: stale
      }
      if (committed !== text) {
        console.error(`${name} is stale: run \`npm run compose\` and commit the result.`);
        stale = true;
      } else console.log(`${name} is up to date.`);
    } else {
      mkdirSync(new URL('.', file), { recursive: true });
      writeFileSync(file, text);
      console.log(`Wrote ${name}.`);
    }
  }
  if (stale) process.exit(1);
} catch (e) {
  if (e instanceof CompositionError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
