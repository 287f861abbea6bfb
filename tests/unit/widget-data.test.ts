import { fetchWidgetData } from '../../widgets/src/lib/api';
import { readWidgetConfig } from '../../widgets/src/lib/config';
import { formatDay } from '../../widgets/src/lib/format';
import { describeProblem, isFinal } from '../../widgets/src/lib/messages';

const config = { apiBase: 'http://127.0.0.1:8787', token: 'vke_secret', refreshMs: 15_000 };
const realFetch = global.fetch;
afterEach(() => {
  global.fetch = realFetch;
});

function answer(status: number, body: unknown) {
  const calls: string[] = [];
  global.fetch = jest.fn(async (url: string | URL) => {
    calls.push(String(url));
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return calls;
}

describe('widget data', () => {
  it('asks the endpoint with the embed token and returns the figures', async () => {
    const calls = answer(200, { callsToday: 3 });

    const result = await fetchWidgetData(config, '/api/widgets/today');

    expect(result).toEqual({ ok: true, data: { callsToday: 3 } });
    expect(calls).toEqual(['http://127.0.0.1:8787/api/widgets/today?t=vke_secret']);
  });

  it('reads 401 as a revoked token, which stops the refresh', async () => {
    answer(401, { error: { code: 'unauthorized', message: 'Нужно войти в систему', requestId: 'r' } });

    const result = await fetchWidgetData(config, '/api/widgets/today');

    expect(result).toEqual({ ok: false, problem: { kind: 'revoked' } });
    expect(isFinal({ kind: 'revoked' })).toBe(true);
    expect(describeProblem({ kind: 'revoked' })).toBe('Токен отозван или истёк — создайте новый на странице токенов');
  });

  it('reads a failed request as offline, which is retried', async () => {
    global.fetch = jest.fn(async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;

    const result = await fetchWidgetData(config, '/api/widgets/today');

    expect(result).toEqual({ ok: false, problem: { kind: 'offline' } });
    expect(isFinal({ kind: 'offline' })).toBe(false);
    expect(describeProblem({ kind: 'offline' })).toBe('Нет связи — повторяем автоматически');
  });

  it('passes a server error message through', async () => {
    answer(503, { error: { code: 'unavailable', message: 'Сервис временно недоступен', requestId: 'r' } });

    expect(await fetchWidgetData(config, '/api/widgets/today')).toEqual({
      ok: false,
      problem: { kind: 'server', message: 'Сервис временно недоступен' },
    });
  });

  it('does not call the server without a token', async () => {
    const calls = answer(200, {});

    expect(await fetchWidgetData({ ...config, token: null }, '/api/widgets/today')).toEqual({
      ok: false,
      problem: { kind: 'missing-token' },
    });
    expect(calls).toEqual([]);
  });
});

describe('widget configuration', () => {
  const element = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null }) as unknown as Element;

  it('takes the token from ?t= and the API from the page origin when data-api is empty', () => {
    expect(readWidgetConfig(element({ 'data-api': '' }), 'https://crm.example.ru/w/today?t=vke_abc')).toEqual({
      apiBase: 'https://crm.example.ru',
      token: 'vke_abc',
      refreshMs: 15_000,
    });
  });

  it('prefers data-token and data-api when given', () => {
    expect(
      readWidgetConfig(element({ 'data-api': 'https://api.example.ru', 'data-token': 'vke_attr' }), 'https://1c.example.ru/home?t=vke_url'),
    ).toEqual({ apiBase: 'https://api.example.ru', token: 'vke_attr', refreshMs: 15_000 });
  });

  it('has no token when neither is given', () => {
    expect(readWidgetConfig(element({}), 'https://1c.example.ru/home').token).toBeNull();
  });
});

describe('widget date', () => {
  it('shows the manager’s local date in Russian', () => {
    expect(formatDay('2026-11-20')).toBe('пятница, 20 ноября');
  });
});
