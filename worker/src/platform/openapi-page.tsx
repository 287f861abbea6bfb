/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

interface Operation {
  tags: string[];
  summary: string;
  description: string;
  parameters: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: unknown }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

/** A readable reference rendered on the server from the OpenAPI document: no remote scripts. */
export function ApiDocsView({
  doc,
}: {
  doc: { info: { title: string; version: string }; paths: Record<string, Record<string, unknown>> };
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
        Машиночитаемая версия: <a href="/api/openapi.json">/api/openapi.json</a>. Ошибки всегда имеют вид{' '}
        <code>{'{"error":{"code","message","requestId"}}'}</code>.
      </p>
      <table>
        <thead>
          <tr>
            <th>Операция</th>
            <th>Параметры</th>
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
                  {op.summary}
                  <br />
                  <span class="muted">{op.description}</span>
                </td>
                <td>
                  {op.parameters.map((p, i) => (
                    <>
                      {i ? <br /> : null}
                      <code>{p.name}</code>{' '}
                      <span class="muted">
                        ({p.in}
                        {p.required ? ', обяз.' : ''})
                      </span>
                    </>
                  ))}
                  {op.requestBody ? (
                    <details>
                      <summary>Тело / body</summary>
                      <pre>{JSON.stringify(op.requestBody.content['application/json']?.schema, null, 2)}</pre>
                    </details>
                  ) : null}
                  {ok?.[1].content ? (
                    <details>
                      <summary>Ответ {ok[0]} / response</summary>
                      <pre>{JSON.stringify(ok[1].content['application/json']?.schema, null, 2)}</pre>
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
