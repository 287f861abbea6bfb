import { publicOrigin } from '../../worker/src/admin/integrations/status';
import { INTEGRATIONS, missingSettings } from '../../worker/src/admin/integrations/catalogue';
import { loadConfig } from '../../worker/src/platform/config';
import type { Env } from '../../worker/src/platform/env';
import { explainReason } from '../../worker/src/sync/explain-reason';

const env = (vars: Record<string, string>) => ({ DB: null, ...vars }) as unknown as Env;

describe('rejected reasons in plain Russian', () => {
  // Reasons as the worker writes them (platform/route.ts, the signature checks, parseInput, the readers).
  test.each([
    [
      'unauthorized: webhook-timestamp outside the 5-minute window',
      'Подпись не принята: время в подписи расходится с нашим больше чем на 5 минут: проверьте часы отправителя. Такой запрос нужно прислать заново, повтор здесь невозможен.',
    ],
    [
      'unauthorized: X-Signature mismatch',
      'Подпись не принята: подпись не совпадает: у отправителя другой секрет. Такой запрос нужно прислать заново, повтор здесь невозможен.',
    ],
    [
      'unauthorized: TELEPHONY_WEBHOOK_SECRET не задан',
      'Подпись не принята: секрет для этой интеграции у нас не задан. Такой запрос нужно прислать заново, повтор здесь невозможен.',
    ],
    [
      'payload_too_large: over 1000000 bytes (Content-Length 2000000)',
      'Запрос больше 1 МБ: хранится только его начало. Его нужно прислать заново частями.',
    ],
    ['body.value: Invalid input: expected array, received undefined', 'Данные не прошли проверку: поле «value» — не заполнено.'],
    [
      'body.value.0.Ref_Key: Неверный ввод: ожидалось string, получено number; body.name: Слишком большое значение',
      'Данные не прошли проверку: поле «value.0.Ref_Key» — неверный тип значения; поле «name» — Слишком большое значение.',
    ],
    ['нет поля timestamp', 'Не принято: нет поля timestamp.'],
    ['The request body is not valid JSON', 'Тело запроса — не JSON: отправитель прислал что-то другое.'],
    ['something odd', 'Не принято: причина на английском — см. подробности.'],
  ])('%s', (raw, plain) => {
    expect(explainReason(raw)).toBe(plain);
  });
});

describe('integration settings', () => {
  test('PUBLIC_URL, when it is a URL, is the origin given to providers; otherwise the request’s own', () => {
    expect(publicOrigin(loadConfig(env({ PUBLIC_URL: 'https://crm.example.ru/ ' })), 'http://127.0.0.1:8787/app')).toBe(
      'https://crm.example.ru',
    );
    expect(publicOrigin(loadConfig(env({ PUBLIC_URL: 'crm.example.ru' })), 'http://127.0.0.1:8787/app')).toBe('http://127.0.0.1:8787');
    expect(publicOrigin(loadConfig(env({})), 'https://voronka.workers.dev/app/admin/integrations')).toBe('https://voronka.workers.dev');
  });

  test('missing settings are named by the settings that are empty, never by value', () => {
    const mango = INTEGRATIONS.find((i) => i.id === 'mango')!;
    expect(missingSettings(mango, loadConfig(env({ MANGO_VPBX_API_KEY: 'k', MANGO_VPBX_API_SALT: ' ' })))).toEqual(['MANGO_VPBX_API_SALT']);
    expect(missingSettings(mango, loadConfig(env({ MANGO_VPBX_API_KEY: 'k', MANGO_VPBX_API_SALT: 's' })))).toEqual([]);
  });
});
