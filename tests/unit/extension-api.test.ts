import { errorFromResponse } from '../../extension/src/shared/api-error';

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

  it('falls back to the status for a body that is not the error shape', () => {
    expect(errorFromResponse(502, '<html>Bad gateway</html>')).toMatchObject({ code: 'http_502', message: 'Сервер ответил кодом 502' });
    expect(errorFromResponse(500, JSON.stringify({ error: 'boom' }))).toMatchObject({ code: 'http_500' });
  });
});
