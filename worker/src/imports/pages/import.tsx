/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** The shell of the import page; the page itself is pages/src/import.tsx, served as /app/import.js. */
export function ImportShell(): Child {
  return (
    <>
      <style>{'button:disabled{opacity:.45;cursor:default}'}</style>
      <div id="import-app">
        <div class="card">
          <h1 style="margin-top:0">Импорт клиентов из Excel</h1>
          <p class="muted">Загружается…</p>
          <noscript>
            <p class="error">Для импорта нужен JavaScript.</p>
          </noscript>
        </div>
      </div>
    </>
  );
}
