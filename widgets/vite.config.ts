import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * One widget → one self-contained IIFE the worker serves as /w/<name>.js (from dist/public).
 * Only dist/public/w is written and it is not emptied, so other assets there survive the build.
 * An IIFE build takes a single entry: a second widget gets its own build with the same settings.
 */
const here = dirname(fileURLToPath(import.meta.url));

/**
 * The asset-routing files wrangler and Miniflare read from dist/public. Written explicitly (even
 * when empty) because Miniflare under jest cannot tell a missing file from a failure.
 */
function assetRoutingFiles(): Plugin {
  const dir = resolve(here, '../dist/public');
  return {
    name: 'voronka-asset-routing',
    closeBundle() {
      mkdirSync(dir, { recursive: true });
      // Widgets change with each deploy: a short cache keeps the 1C home page fast without stale code.
      writeFileSync(resolve(dir, '_headers'), '/w/*.js\n  Cache-Control: public, max-age=300\n');
      writeFileSync(resolve(dir, '_redirects'), '');
      writeFileSync(resolve(dir, '.assetsignore'), '');
    },
  };
}

export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false }), assetRoutingFiles()],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(here, '../dist/public/w'),
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: resolve(here, 'src/today.tsx'),
      formats: ['iife'],
      name: 'VoronkaToday',
      fileName: () => 'today.js',
    },
  },
});
