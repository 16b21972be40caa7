/**
 * The web app's build (`npm run build` runs it after `tsc -b`): one bundle with DKFDS's CSS,
 * fonts and icons as files of this origin (the BFF serves them; its CSP allows nothing else),
 * no inlined data: URIs, no source maps shipped. The client kit is bundled from its sources.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** dkfds/dist/ (its package exports name only the script, not the CSS, fonts and icons). */
const DKFDS_DIST = dirname(dirname(createRequire(import.meta.url).resolve('dkfds')));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  resolve: {
    alias: [
      {
        find: '@hoi/client-kit',
        replacement: fileURLToPath(new URL('../../clients/src/index.ts', import.meta.url)),
      },
      { find: /^dkfds\/dist\/(.*)$/, replacement: `${DKFDS_DIST}/$1` },
    ],
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1024,
  },
});
