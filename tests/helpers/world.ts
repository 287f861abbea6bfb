import { REBUILD_COMPANY_SEARCH } from '../../schema/db/search';
import { hashPasswordSync } from '../../scripts/lib/password';
import type { TestWorker } from './worker';

/**
 * A small fixed company: two regions in far-apart zones, an admin, a head per region,
 * managers A and B in region 1, manager C in region 2, and companies owned by each plus a pool one.
 */
export const PASSWORD = 'секрет-пароль-1';
const hash = hashPasswordSync(PASSWORD, 1000);

export const world = {
  regions: { msk: 1, vvo: 2 },
  users: {
    admin: { id: 1, email: 'admin@test.ru' },
    headA: { id: 2, email: 'head.msk@test.ru' },
    headOther: { id: 3, email: 'head.vvo@test.ru' },
    managerA: { id: 4, email: 'a@test.ru' },
    managerB: { id: 5, email: 'b@test.ru' },
    managerC: { id: 6, email: 'c@test.ru' },
  },
  companies: { ofA: 101, ofB: 102, poolMsk: 103, ofC: 104 },
} as const;

export type UserKey = keyof typeof world.users;

export async function seedWorld(w: TestWorker): Promise<void> {
  const now = Date.UTC(2026, 10, 20, 9, 0, 0);
  const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
  const user = (id: number, email: string, name: string, role: string, ext: string | null, tz: string) =>
    s(
      'INSERT INTO users (id, email, name, role, password_hash, phone_extension, time_zone, active, created_at) VALUES (?,?,?,?,?,?,?,1,?)',
      id,
      email,
      name,
      role,
      hash,
      ext,
      tz,
      now,
    );
  const company = (id: number, name: string, inn: string, region: number, owner: number | null) =>
    s(
      'INSERT INTO companies (id, name, name_normalized, inn, kpp, region_id, owner_id, status, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)',
      id,
      name,
      name.toLowerCase().replace(/^ооо |"/g, ''),
      inn,
      '770101001',
      region,
      owner,
      'client',
      now,
      now,
    );
  await w.db.batch([
    s(
      "INSERT INTO regions (id, code, name, time_zone) VALUES (1, 'msk', 'Москва', 'Europe/Moscow'), (2, 'vvo', 'Приморский край', 'Asia/Vladivostok')",
    ),
    user(1, 'admin@test.ru', 'Админ Админов', 'admin', null, 'Europe/Moscow'),
    user(2, 'head.msk@test.ru', 'Руководитель Москвы', 'head', null, 'Europe/Moscow'),
    user(3, 'head.vvo@test.ru', 'Руководитель Приморья', 'head', null, 'Asia/Vladivostok'),
    user(4, 'a@test.ru', 'Анна Менеджер', 'manager', '101', 'Europe/Moscow'),
    user(5, 'b@test.ru', 'Борис Менеджер', 'manager', '102', 'Europe/Moscow'),
    user(6, 'c@test.ru', 'Вера Менеджер', 'manager', '201', 'Asia/Vladivostok'),
    s('INSERT INTO user_regions (user_id, region_id) VALUES (2,1),(3,2),(4,1),(5,1),(6,2)'),
    company(101, 'ООО "Кровля А"', '7707083893', 1, 4),
    company(102, 'ООО "Профлист Б"', '7702070139', 1, 5),
    company(103, 'ООО "Пул Москва"', '7728168971', 1, null),
    company(104, 'ООО "Приморье С"', '2536010140', 2, 6),
    s("INSERT INTO contacts (id, company_id, name, position, created_at) VALUES (201, 101, 'Иван Петров', 'Снабженец', ?)", now),
    s(
      "INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (201, 101, 'phone', '+74951234567'), (201, 101, 'email', 'ivan@krovlya.ru')",
    ),
    // Rows written behind the services' back need the search index rebuilt, as bulk loads do.
    ...REBUILD_COMPANY_SEARCH.map((q) => s(q)),
  ]);
}

/** Signs a user in through the real route and returns the Cookie header value. */
export async function sessionCookie(w: TestWorker, key: UserKey): Promise<string> {
  const res = await w.fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: world.users[key].email, password: PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in of ${key} answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0]!;
}

export async function createToken(w: TestWorker, cookie: string, kind: 'api' | 'embed'): Promise<{ id: number; secret: string }> {
  const res = await w.fetch('/api/tokens', {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ kind, name: `test ${kind}` }),
  });
  if (res.status !== 201) throw new Error(`token create answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { token: { id: number }; secret: string };
  return { id: body.token.id, secret: body.secret };
}
