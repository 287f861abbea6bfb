import { statusFailure } from '../../extension/src/background/connection-state';
import { insecureWarning, isInsecureOrigin, readSiteOrigin } from '../../extension/src/shared/sites';

describe('an own site typed on the options page', () => {
  test('a typed scheme is kept: https as is, plain http accepted and marked insecure', () => {
    expect(readSiteOrigin('https://pochta.krovlya-service.ru/roundcube/')).toEqual({
      kind: 'origin',
      origin: 'https://pochta.krovlya-service.ru',
      insecure: false,
    });
    expect(readSiteOrigin(' http://mail.krovlya.local.ru:8080/?_task=mail ')).toEqual({
      kind: 'origin',
      origin: 'http://mail.krovlya.local.ru:8080',
      insecure: true,
    });
    // This computer is not "the network": no warning for a local test server.
    expect(readSiteOrigin('http://127.0.0.1:8080')).toEqual({ kind: 'origin', origin: 'http://127.0.0.1:8080', insecure: false });
  });

  test('without a scheme nothing is guessed silently: both readings are offered', () => {
    expect(readSiteOrigin('pochta.krovlya-service.ru')).toEqual({
      kind: 'choose',
      https: 'https://pochta.krovlya-service.ru',
      http: 'http://pochta.krovlya-service.ru',
    });
    expect(readSiteOrigin('pochta.krovlya-service.ru:8443/mail')).toEqual({
      kind: 'choose',
      https: 'https://pochta.krovlya-service.ru:8443',
      http: 'http://pochta.krovlya-service.ru:8443',
    });
  });

  test('what is not a site address is refused', () => {
    for (const typed of ['', 'почта', 'ftp://mail.company.ru', 'javascript:alert(1)', 'https://user:pass@mail.company.ru'])
      expect([typed, readSiteOrigin(typed)]).toEqual([typed, { kind: 'invalid' }]);
  });

  test('the warning names the address and says the traffic is not encrypted', () => {
    expect(isInsecureOrigin('http://pochta.krovlya-service.ru')).toBe(true);
    expect(isInsecureOrigin('https://pochta.krovlya-service.ru')).toBe(false);
    expect(insecureWarning('http://pochta.krovlya-service.ru')).toMatch(
      /^Соединение без шифрования: http:\/\/pochta\.krovlya-service\.ru открывается по http:\/\//,
    );
  });
});

describe('a failed status check', () => {
  test('401 signs out; no answer or a 5xx is "server unreachable"; other refusals are neither', () => {
    expect([401, 0, 500, 502, 503, 504, 403, 404, 429].map((status) => [status, statusFailure(status)])).toEqual([
      [401, 'signed-out'],
      [0, 'unreachable'],
      [500, 'unreachable'],
      [502, 'unreachable'],
      [503, 'unreachable'],
      [504, 'unreachable'],
      [403, 'refused'],
      [404, 'refused'],
      [429, 'refused'],
    ]);
  });
});
