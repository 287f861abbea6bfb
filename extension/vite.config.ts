import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';

// A string path: the URL global here is workers-types', which node:url does not accept.
const here = dirname(fileURLToPath(import.meta.url));

/** MV3 build for "Load unpacked": everything is bundled, nothing is fetched at run time. */
export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [preact(), crx({ manifest })],
  build: {
    outDir: resolve(here, '../dist/extension'),
    emptyOutDir: true,
    target: 'chrome120',
    sourcemap: false,
  },
});
