import { escapeHtml } from './page-layout';

interface Operation {
  tags: string[];
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

/** A readable reference rendered on the server from the OpenAPI document: no remote scripts. */
export function renderApiDocs(doc: { info: { title: string; version: string }; paths: Record<string, Record<string, unknown>> }): string {
  const rows = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, raw]) => {
      const op = raw as Operation;
      const params = op.parameters
        .map((p) => `<code>${escapeHtml(p.name)}</code> <span class="muted">(${escapeHtml(p.in)}${p.required ? ', обяз.' : ''})</span>`)
        .join('<br>');
      const body = op.requestBody
        ? `<details><summary>Тело / body</summary><pre>${escapeHtml(JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2))}</pre></details>`
        : '';
      const ok = Object.entries(op.responses).find(([code]) => code !== 'default');
      const response = ok?.[1].content
        ? `<details><summary>Ответ ${escapeHtml(ok[0])} / response</summary><pre>${escapeHtml(JSON.stringify(ok[1].content['application/json']?.schema, null, 2))}</pre></details>`
        : '';
      return `<tr><td><b>${method.toUpperCase()}</b> <code>${escapeHtml(path)}</code><br>${escapeHtml(op.summary)}<br><span class="muted">${escapeHtml(op.description)}</span></td><td>${params}${body}${response}</td></tr>`;
    }),
  );
  return `<h1>${escapeHtml(doc.info.title)} <span class="muted">${escapeHtml(doc.info.version)}</span></h1>
<p>Машиночитаемая версия: <a href="/api/openapi.json">/api/openapi.json</a>. Ошибки всегда имеют вид <code>{"error":{"code","message","requestId"}}</code>.</p>
<table><thead><tr><th>Операция</th><th>Параметры</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
