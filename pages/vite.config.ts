import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Browser code of the worker-served pages → dist/public/app/<page>.js, one IIFE per page (an IIFE
 * build takes one entry). The folder is not emptied, so other assets in dist/public survive.
 */
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  publicDir: false,
  plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: resolve(here, '../dist/public/app'),
    emptyOutDir: false,
    target: 'es2020',
    sourcemap: false,
    lib: {
      entry: resolve(here, 'src/import.tsx'),
      formats: ['iife'],
      name: 'VoronkaImport',
      fileName: () => 'import.js',
    },
  },
});
