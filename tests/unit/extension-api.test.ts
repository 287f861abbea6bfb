import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, errorFromResponse } from '../../extension/src/shared/api-error';

describe('server error parsing', () => {
  it('keeps the server’s code, Russian message and request id', () => {
    const err = errorFromResponse(
      401,
      JSON.stringify({ error: { code: 'unauthorized', message: 'Неверный e-mail или пароль', requestId: 'r-1' } }),
    );

    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'Неверный e-mail или пароль', requestId: 'r-1' });
  });

  it('appends field messages so the user sees what to fix', () => {
    const err = errorFromResponse(
      400,
      JSON.stringify({
        error: {
          code: 'validation_failed',
          message: 'Проверьте поля запроса',
          requestId: 'r-2',
          fields: [{ field: 'email', message: 'Некорректный e-mail' }],
        },
      }),
    );

    expect(err.message).toBe('Проверьте поля запроса: email — Некорректный e-mail');
  });

  it('gives a Russian reason, not a bare number, for a status without the error shape', () => {
    expect(errorFromResponse(502, '<html>Bad gateway</html>')).toMatchObject({
      code: 'http_502',
      message: 'Сервер временно недоступен (502), повторите позже',
    });
    expect(errorFromResponse(500, JSON.stringify({ error: 'boom' }))).toMatchObject({
      code: 'http_500',
      message: 'Ошибка на сервере (500), повторите позже',
    });
    expect(errorFromResponse(403, '')).toMatchObject({
      code: 'http_403',
      message: 'Нет доступа (403): войдите заново в настройках расширения',
    });
    expect(errorFromResponse(429, 'Too Many Requests')).toMatchObject({
      code: 'http_429',
      message: 'Слишком много запросов (429), повторите через минуту',
    });
    expect(errorFromResponse(418, '')).toMatchObject({ code: 'http_418', message: 'Сервер отклонил запрос (418)' });
  });
});

// Required, not imported: api.ts is browser code (RequestInit.credentials), and this project's types are the worker's.
const { callApi } = require('../../extension/src/shared/api') as {
  callApi: (call: { serverUrl: string; path: string; method?: string; body?: unknown }) => Promise<unknown>;
};

describe('a request answered by a bare status', () => {
  let server: Server;
  let origin: string;
  beforeAll(async () => {
    // What a proxy or the platform answers while the worker is down: 503, no JSON, sometimes no body at all.
    server = createServer((req, res) => {
      if (req.url === '/api/calls')
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body>Service Unavailable</body></html>');
      else res.writeHead(503).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ['an HTML page', '/api/calls'],
    ['an empty body', '/api/me'],
  ])('says the server is unavailable for a 503 with %s', async (_what, path) => {
    const failure = await callApi({ serverUrl: origin, path, method: 'POST', body: { phone: '+74951234567' } }).catch(
      (err: unknown) => err,
    );

    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 503, code: 'http_503', message: 'Сервер временно недоступен (503), повторите позже' });
  });
});
