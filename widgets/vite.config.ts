import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync, writeFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

/**
 * One widget → one self-contained IIFE the worker serves as /w/<name>.js (from dist/public).
 * Only dist/public/w is written and it is not emptied, so other assets there survive the build.
 * An IIFE build takes a single entry, so each bundle is its own run, named by the mode:
 * `vite build -c widgets/vite.config.ts --mode month` (package.json "build" runs them all).
 */
const here = dirname(fileURLToPath(import.meta.url));

/** Bundle name → entry and IIFE global; embed is the loader script, not a widget. */
const BUNDLES: Record<string, { entry: string; name: string }> = {
  today: { entry: 'src/today.tsx', name: 'VoronkaToday' },
  month: { entry: 'src/month.tsx', name: 'VoronkaMonth' },
  region: { entry: 'src/region.tsx', name: 'VoronkaRegion' },
  embed: { entry: 'src/embed.ts', name: 'VoronkaEmbed' },
};

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

export default defineConfig(({ mode }) => {
  const bundle = BUNDLES[mode];
  if (!bundle) throw new Error(`widgets/vite.config.ts: build one bundle with --mode ${Object.keys(BUNDLES).join('|')} (got "${mode}")`);
  return {
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
        entry: resolve(here, bundle.entry),
        formats: ['iife'],
        name: bundle.name,
        fileName: () => `${mode}.js`,
      },
    },
  };
});
