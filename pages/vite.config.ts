import preact from '@preact/preset-vite';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Page scripts of the worker-served pages: every pages/src/<name>.ts(x) listed here → one ES module
 * dist/public/app/<name>.js, loaded by platform/page.tsx as `<script type="module" nonce>`; shared
 * code goes to dist/public/app/chunks/. The folder is not emptied, so other assets in dist/public survive.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const PAGE_SCRIPTS = {
  app: 'src/app.ts', // every signed-in page: «Выйти»
  'sign-in': 'src/sign-in.ts',
  sync: 'src/sync.ts',
  'admin-users': 'src/admin-users.ts',
  integrations: 'src/integrations.ts',
  tokens: 'src/tokens.ts',
  report: 'src/report.ts',
  'client-card': 'src/client-card.ts',
  today: 'src/today.ts', // «Мой день» and the tasks page: row actions
  'new-client': 'src/new-client.ts',
  pay: 'src/pay.ts',
  'pay-rule': 'src/pay-rule.ts',
  plans: 'src/plans.ts',
  import: 'src/import.tsx',
};

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
    modulePreload: false,
    rollupOptions: {
      input: Object.fromEntries(Object.entries(PAGE_SCRIPTS).map(([name, file]) => [name, resolve(here, file)])),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
