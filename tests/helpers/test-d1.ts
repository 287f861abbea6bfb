/**
 * The tests' handle on the worker's D1, without Miniflare's D1 proxy: the proxy's synchronous
 * `prepare()` (SynchronousFetcher: Atomics.wait, then receiveMessageOnPort) can find no message yet
 * on a loaded machine and fails an assertion, failing whatever suite is running. Here every call is
 * one asynchronous request to a small SQL worker bound to the same database; the API is D1's.
 */
export const SQL_WORKER_SCRIPT = `
export default {
  async fetch(request, env) {
    const { mode, statements } = await request.json();
    try {
      const prepared = statements.map((s) => env.DB.prepare(s.sql).bind(...s.params));
      let result;
      if (mode === 'batch') result = await env.DB.batch(prepared);
      else if (mode === 'exec') result = await env.DB.exec(statements[0].sql);
      else {
        const [statement] = prepared;
        const { method, column, options } = statements[0];
        result = method === 'first' ? await statement.first(column ?? undefined)
          : method === 'all' ? await statement.all()
          : method === 'raw' ? await statement.raw(options ?? undefined)
          : await statement.run();
      }
      return Response.json({ ok: true, result: result === undefined ? null : result });
    } catch (error) {
      return Response.json({ ok: false, message: String(error && error.message || error) });
    }
  },
};`;

type Send = (body: unknown) => Promise<unknown>;
interface StatementSpec {
  sql: string;
  params: unknown[];
  method?: string;
  column?: string | null;
  options?: unknown;
}

class TestStatement {
  constructor(
    private readonly send: Send,
    readonly sql: string,
    readonly params: unknown[] = [],
  ) {}
  bind(...params: unknown[]): TestStatement {
    return new TestStatement(
      this.send,
      this.sql,
      params.map((p) => (p === undefined ? null : p)),
    );
  }
  spec(extra: Partial<StatementSpec> = {}): StatementSpec {
    return { sql: this.sql, params: this.params, ...extra };
  }
  first<T = unknown>(column?: string): Promise<T | null> {
    return this.send({ mode: 'one', statements: [this.spec({ method: 'first', column: column ?? null })] }) as Promise<T | null>;
  }
  all<T = unknown>(): Promise<D1Result<T>> {
    return this.send({ mode: 'one', statements: [this.spec({ method: 'all' })] }) as Promise<D1Result<T>>;
  }
  run<T = unknown>(): Promise<D1Result<T>> {
    return this.send({ mode: 'one', statements: [this.spec({ method: 'run' })] }) as Promise<D1Result<T>>;
  }
  raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[]> {
    return this.send({ mode: 'one', statements: [this.spec({ method: 'raw', options: options ?? null })] }) as Promise<T[]>;
  }
}

/** A D1Database-shaped client over `fetch` to the SQL worker (typed as D1Database for the tests). */
export function testD1(fetchSql: (body: string) => Promise<Response>): D1Database {
  const send: Send = async (body) => {
    const answer = (await (await fetchSql(JSON.stringify(body))).json()) as { ok: boolean; result?: unknown; message?: string };
    if (!answer.ok) throw new Error(answer.message);
    return answer.result;
  };
  const db = {
    prepare: (sql: string) => new TestStatement(send, sql),
    batch: (statements: TestStatement[]) => send({ mode: 'batch', statements: statements.map((s) => s.spec()) }),
    exec: (sql: string) => send({ mode: 'exec', statements: [{ sql, params: [] }] }),
  };
  return db as unknown as D1Database;
}
