import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { manifestFor, type TargetBrowser } from './manifest.config.ts';

// A string path: the URL global here is workers-types', which node:url does not accept.
const here = dirname(fileURLToPath(import.meta.url));

/**
 * crxjs lists a `?script&iife` import as web-accessible for every site. chrome.scripting injects
 * package files without that, and a web-accessible file lets any page detect the extension: drop it.
 */
function noWebAccessibleContentScript(outDir: string): Plugin {
  return {
    name: 'voronka:no-web-accessible-content-script',
    apply: 'build',
    enforce: 'post',
    writeBundle() {
      const file = resolve(outDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      const kept = (manifest.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((r) => !r.startsWith('src/content/')) }))
        .filter((entry) => entry.resources.length > 0);
      if (kept.length) manifest.web_accessible_resources = kept;
      else delete manifest.web_accessible_resources;
      writeFileSync(file, JSON.stringify(manifest, null, 2));
    },
  };
}

/**
 * MV3 build for "Load unpacked": everything is bundled, nothing is fetched at run time. The default
 * mode builds for Chromium (Chrome, Yandex Browser, Edge) into dist/extension; `--mode firefox` builds
 * the same sources for Firefox into dist/extension-firefox (`npm run build` makes both).
 */
export default defineConfig(({ mode }) => {
  const target: TargetBrowser = mode === 'firefox' ? 'firefox' : 'chrome';
  const outDir = resolve(here, target === 'firefox' ? '../dist/extension-firefox' : '../dist/extension');
  return {
    root: here,
    publicDir: false,
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target }), noWebAccessibleContentScript(outDir)],
    build: {
      outDir,
      emptyOutDir: true,
      target: target === 'firefox' ? 'firefox140' : 'chrome120',
      sourcemap: false,
    },
  };
});
