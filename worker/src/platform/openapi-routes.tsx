/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { buildOpenApi } from './openapi';
import { ApiDocsView } from './openapi-page';
import { renderPage, uiLang } from './page';
import { defineRoute, type AnyRoute } from './route';

/**
 * `/api/openapi.json` and the readable `/api/docs`, describing the routes the registry passes in
 * (worker/src/routes.ts): the registry hands them over, so nothing here imports routes. Built once
 * per isolate: the routes do not change while it lives.
 */
export function openApiRoutes(listed: () => readonly AnyRoute[]): AnyRoute[] {
  let cached: ReturnType<typeof buildOpenApi> | undefined;
  const document = (version: string) => (cached ??= buildOpenApi(listed(), version));
  return [
    defineRoute({
      method: 'get',
      path: '/api/openapi.json',
      tag: 'system',
      summary: 'OpenAPI 3.1',
      access: ['public'],
      handler: async ({ ctx }) => document(ctx.config.version),
    }),
    defineRoute({
      method: 'get',
      path: '/api/docs',
      tag: 'system',
      summary: 'API reference page',
      page: true,
      access: ['public'],
      handler: async ({ ctx, c }) =>
        renderPage(c, { title: 'API', bodyLang: 'same', body: <ApiDocsView doc={document(ctx.config.version)} lang={uiLang(c)} /> }),
    }),
  ];
}
