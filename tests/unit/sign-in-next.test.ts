import { DEFAULT_NEXT, safeNextPath } from '../../pages/src/lib/next-path';

const ORIGIN = 'https://crm.krovlya-service.ru';
/** What the sign-in page's script reads: the query's `next`, decoded once by URLSearchParams. */
const nextOf = (query: string) => new URLSearchParams(query).get('next');

describe('where the sign-in page goes after signing in', () => {
  test.each([
    ['next=/app/sync', '/app/sync'],
    ['next=%2Fapp%2Freports%2Fcalls%3Fmonth%3D2026-11', '/app/reports/calls?month=2026-11'],
    ['next=%2Fapp%2Fclients%3Fq%3D%25D0%259F%25D1%2580%25D0%25BE%25D0%25BC', '/app/clients?q=%D0%9F%D1%80%D0%BE%D0%BC'],
    ['next=/app/clients?q=100%25', '/app/clients?q=100%'],
    ['next=/app/clients%23top', '/app/clients#top'],
  ])('a path of this site is kept: ?%s', (query, expected) => {
    expect(safeNextPath(nextOf(query), ORIGIN)).toBe(expected);
  });

  test.each([
    ['', 'no next at all'],
    ['next=', 'an empty next'],
    ['next=//evil.example/app', 'a scheme-relative URL'],
    ['next=https://evil.example/app', 'an absolute URL'],
    ['next=javascript:alert(1)', 'a script URL'],
    ['next=/\\evil.example/app', 'a backslash after the slash'],
    ['next=/%5Cevil.example/app', 'an encoded backslash'],
    ['next=/%5cevil.example/app', 'an encoded backslash in lower case'],
    ['next=/%09/evil.example/app', 'a tab the URL parser would drop'],
    ['next=/%0A/evil.example/app', 'a newline the URL parser would drop'],
    ['next=/%0D%0A/evil.example', 'CR LF'],
    ['next=%09//evil.example', 'a leading tab'],
    ['next=%20//evil.example', 'a leading space'],
    ['next=/%255Cevil.example', 'a backslash encoded twice'],
    ['next=/%2509/evil.example', 'a tab encoded twice'],
    ['next=/%252F/evil.example', 'a slash encoded twice'],
    ['next=app/sync', 'a relative path'],
    ['next=/%00/evil.example', 'a NUL'],
    ['next=/%7F/evil.example', 'a DEL'],
  ])('anything else goes to the start page: ?%s (%s)', (query) => {
    expect(safeNextPath(nextOf(query), ORIGIN)).toBe(DEFAULT_NEXT);
  });

  test('whatever next says, the browser ends up on this origin', () => {
    const hostile = ['/\\evil.example', '/\t/evil.example', '//evil.example', '/\\/evil.example', '/.\\evil', '/%5C%5Cevil'];
    for (const next of hostile) expect(new URL(safeNextPath(next, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
  });
});
