import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { SIGN_OUT_SCRIPT, appHeader, htmlPage } from '../../platform/page-layout';

/** The shell of the import page; the page itself is pages/src/import.tsx, served as /app/import.js. */
export default defineRoute({
  method: 'get',
  path: '/app/import',
  tag: 'pages',
  summary: 'Import page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) =>
    htmlPage(c, {
      title: 'Импорт клиентов',
      header: appHeader(requireUser(ctx.principal).user.name),
      body: `<style>button:disabled{opacity:.45;cursor:default}</style><div id="import-app"><div class="card"><h1 style="margin-top:0">Импорт клиентов из Excel</h1><p class="muted">Загружается…</p>
<noscript><p class="error">Для импорта нужен JavaScript.</p></noscript></div></div>
<script src="/app/import.js" defer></script>`,
      script: SIGN_OUT_SCRIPT,
    }),
});
