/**
 * `npm run compose`: writes supergraph.graphql from supergraph.yaml.
 * `npm run compose -- --check`: fails when the committed supergraph.graphql is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph, CompositionError, readSupergraphConfig } from '@hoi/gateway';

const check = process.argv.includes('--check');
const out = new URL('../supergraph.graphql', import.meta.url);
try {
  const sdl = `${composeSupergraph(readSupergraphConfig(new URL('../supergraph.yaml', import.meta.url).pathname)).trimEnd()}\n`;
  if (check) {
    const committed = readFileSync(out, 'utf8');
    if (committed !== sdl) {
      console.error('supergraph.graphql is stale: run `npm run compose` and commit the result.');
      process.exit(1);
    }
    console.log('supergraph.graphql is up to date.');
  } else {
    writeFileSync(out, sdl);
    console.log('Wrote supergraph.graphql.');
  }
} catch (e) {
  if (e instanceof CompositionError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
