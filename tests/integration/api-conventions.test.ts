import { readMigrations } from '../../scripts/lib/migrations';
import { cyrillicWords, interfaceText } from '../helpers/interface-text';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

type ErrorJson = { error: { code: string; message: string; requestId: string; fields?: { field: string; message: string }[] } };

describe('error shape', () => {
  test('an unknown route answers a JSON 404 in Russian by default', async () => {
    const res = await w.fetch('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toBe('Нет такого адреса: GET /api/no-such-thing');
    expect(body.error.requestId).toBe(res.headers.get('x-request-id'));
  });

  test('English is answered when the client prefers it', async () => {
    const res = await w.fetch('/api/me', { headers: { 'accept-language': 'en-US,en;q=0.9,ru;q=0.5' } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as ErrorJson).error.message).toBe('Sign-in required');
  });

  test('a validation error names every bad field', async () => {
    const res = await w.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'не почта' }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ErrorJson;
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields?.map((f) => f.field).sort()).toEqual(['body.email', 'body.password']);
    expect(body.error.fields?.every((f) => /[а-я]/i.test(f.message))).toBe(true);
  });

  test('a body that is not JSON is a 400, not a crash', async () => {
    const res = await w.fetch('/api/auth/sign-in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{oops' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.message).toBe('Тело запроса — не JSON');
  });

  test('an internal failure answers 500 with the error shape and no stack trace', async () => {
    const broken = await startWorker();
    try {
      await seedWorld(broken);
      const cookie = await sessionCookie(broken, 'admin');
      await broken.db.prepare('ALTER TABLE regions RENAME TO regions_gone').run();
      const res = await broken.fetch('/api/regions', { headers: { cookie } });
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: { code: 'internal', message: 'Внутренняя ошибка сервера', requestId: expect.any(String) },
      });
      expect(text).not.toMatch(/regions|at \w|\.ts:/);
    } finally {
      await broken.dispose();
    }
  });
});

describe('health and docs', () => {
  test('health reports the version, every applied migration and a reachable database', async () => {
    const res = await w.fetch('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: string; migrations: string[]; version: string };
    expect(body).toMatchObject({ status: 'ok', database: 'ok', version: '0.1.0' });
    expect(body.migrations).toEqual(readMigrations().map((m) => m.name));
  });

  test('the OpenAPI 3.1 document describes every API route with its schemas', async () => {
    const doc = (await (await w.fetch('/api/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { parameters: { name: string }[]; responses: Record<string, unknown>; requestBody?: unknown }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/companies/{id}', '/api/auth/sign-in', '/hooks/ping', '/api/widgets/today']),
    );
    expect(doc.paths['/api/companies/{id}']?.get?.parameters.map((p) => p.name)).toEqual(['id']);
    expect(doc.paths['/api/companies']?.get?.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['q', 'limit', 'after']));
    expect(doc.paths['/api/auth/sign-in']?.post?.requestBody).toBeDefined();
    expect(doc.paths['/app']).toBeUndefined();
  });

  test('the docs page lists the operations, readable without scripts', async () => {
    const res = await w.fetch('/api/docs');
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('<code>/api/companies/{id}</code>');
    expect(html).toContain('Карточка контрагента');
    expect(html).toContain('Доступ: cookie-сессия; Bearer API-токен расширения');
  });

  test('every operation is summarised «по-русски / in English», so the docs page speaks either language', async () => {
    const doc = (await (await w.fetch('/api/openapi.json')).json()) as { paths: Record<string, Record<string, { summary: string }>> };
    const unpaired = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => /[а-яё]/i.test(op.summary) && op.summary.split(' / ').length !== 2)
        .map(([method, op]) => `${method} ${path}: ${op.summary}`),
    );
    expect(unpaired).toEqual([]);
  });

  test('in English the docs page has no Russian: the summaries’ English halves, the frame from the catalogue', async () => {
    const html = await (await w.fetch('/api/docs', { headers: { cookie: 'voronka_lang=en' } })).text();
    expect(html).toMatch(/<html lang="en"/);
    expect(cyrillicWords(interfaceText(html))).toEqual([]);
    expect(html).toContain('Company card');
    expect(html).toContain('Access: session cookie; extension API token (Bearer)');
  });
});
