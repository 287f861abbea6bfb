/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, MESSAGES, type MessageKey, msg } from '../../platform/i18n';

/** Every `import.…` string: the page is drawn by its script (pages/src/import.tsx), which reads them from the JSON island. */
export const IMPORT_SCRIPT_TEXT = (Object.keys(MESSAGES) as MessageKey[]).filter((k) => k.startsWith('import.'));

/** The shell of the import page; the page itself is pages/src/import.tsx, served as /app/import.js. */
export function ImportShell({ lang }: { lang: Lang }): Child {
  return (
    <>
      <style>{'button:disabled{opacity:.45;cursor:default}'}</style>
      <div id="import-app">
        <div class="card">
          <h1 style="margin-top:0">{msg('import.heading', lang)}</h1>
          <p class="muted">{msg('import.loading', lang)}</p>
          <noscript>
            <p class="error">{msg('import.needsJs', lang)}</p>
          </noscript>
        </div>
      </div>
    </>
  );
}
