/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg, msgf } from './i18n';

interface Operation {
  tags: string[];
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
  /** Who may call it (openapi.ts): none = public, else one entry per access kind. */
  security: Record<string, unknown>[];
}

/**
 * The half of a «русский / English» text (the routes' summaries are written so) in `lang`; a text
 * that is not such a pair, as written.
 */
export function sideOf(text: string, lang: Lang): string {
  const parts = text.split(' / ');
  return parts.length === 2 ? parts[lang === 'en' ? 1 : 0]! : text;
}

/** «Доступ: cookie-сессия; Bearer API-токен расширения» from the operation's security list. */
function accessLine(op: Operation, lang: Lang): string {
  const kinds = op.security.length ? op.security.flatMap((s) => Object.keys(s)) : ['public'];
  return `${msg('api.access', lang)}: ${kinds.map((k) => msg(`api.access.${k}` as MessageKey, lang)).join('; ')}`;
}

/**
 * A readable reference rendered on the server from the OpenAPI document: no remote scripts. In the
 * reader's language: the frame from the catalogue, each summary's half of its «русский / English»
 * pair; the JSON schemas are code, shown as written (`translate="no"`).
 */
export function ApiDocsView({
  doc,
  lang,
}: {
  doc: { info: { title: string; version: string }; paths: Record<string, Record<string, unknown>> };
  lang: Lang;
}): Child {
  const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, raw]) => ({ path, method, op: raw as Operation })),
  );
  return (
    <>
      <h1>
        {doc.info.title} <span class="muted">{doc.info.version}</span>
      </h1>
      <p>
        {msg('api.machineReadable', lang)} <a href="/api/openapi.json">/api/openapi.json</a>. {msg('api.errorsLook', lang)}{' '}
        <code>{'{"error":{"code","message","requestId"}}'}</code>.
      </p>
      <table>
        <thead>
          <tr>
            <th>{msg('api.operation', lang)}</th>
            <th>{msg('api.parameters', lang)}</th>
          </tr>
        </thead>
        <tbody>
          {operations.map(({ path, method, op }) => {
            const ok = Object.entries(op.responses).find(([code]) => code !== 'default');
            return (
              <tr>
                <td>
                  <b>{method.toUpperCase()}</b> <code>{path}</code>
                  <br />
                  {sideOf(op.summary, lang)}
                  <br />
                  <span class="muted">{accessLine(op, lang)}</span>
                </td>
                <td>
                  {op.parameters.map((p, i) => (
                    <>
                      {i ? <br /> : null}
                      <code>{p.name}</code>{' '}
                      <span class="muted">
                        ({p.in}
                        {p.required ? `, ${msg('api.required', lang)}` : ''})
                      </span>
                    </>
                  ))}
                  {op.requestBody ? (
                    <details>
                      <summary>{msg('api.body', lang)}</summary>
                      <pre translate="no">{JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2)}</pre>
                    </details>
                  ) : null}
                  {ok?.[1].content ? (
                    <details>
                      <summary>{msgf('api.response', lang, { status: ok[0] })}</summary>
                      <pre translate="no">{JSON.stringify(ok[1].content['application/json']?.schema, null, 2)}</pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
