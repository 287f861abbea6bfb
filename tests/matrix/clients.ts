import type { TestWorker } from '../helpers/worker';
import { world } from '../helpers/world';
import { SESSIONS, type Row } from './foundation';

let seq = 0;
const next = () => ++seq;

/** A throwaway company (and optionally a contact) written straight to D1, so every caller gets his own. */
async function freshCompany(w: TestWorker, ownerId: number | null, regionId = 1): Promise<number> {
  const id = 50_000 + next();
  await w.db
    .prepare(`INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'client', 0, 0)`)
    .bind(id, `Матрица ${id}`, `матрица ${id}`, regionId, ownerId)
    .run();
  return id;
}

async function freshContact(w: TestWorker, companyId: number): Promise<number> {
  const id = 60_000 + next();
  await w.db
    .prepare('INSERT INTO contacts (id, company_id, name, created_at) VALUES (?, ?, ?, 0)')
    .bind(id, companyId, `Контакт ${id}`)
    .run();
  return id;
}

const A = world.users.managerA.id;
const WRITERS_OF_A = ['managerA', 'headA', 'admin', 'extension'] as const;

/** A throwaway manager of region 1 (a leaving one), so deactivating or handing him over changes no one else's row. */
export async function leavingManager(w: TestWorker, active = 1): Promise<number> {
  const id = 70_000 + next();
  await w.db.batch([
    w.db
      .prepare(
        "INSERT INTO users (id, email, name, role, password_hash, time_zone, active, created_at) VALUES (?, ?, 'Уходящий', 'manager', 'x', 'Europe/Moscow', ?, 0)",
      )
      .bind(id, `leaving${id}@test.ru`, active),
    w.db.prepare('INSERT INTO user_regions (user_id, region_id) VALUES (?, 1)').bind(id),
  ]);
  return id;
}

export const clientRows: Row[] = [
  {
    route: 'POST /api/companies',
    name: "create in region 1: its managers, its head, the admin, A's extension",
    path: '/api/companies',
    method: 'POST',
    allowed: ['managerA', 'managerB', 'headA', 'admin', 'extension'],
    body: async () => JSON.stringify({ name: `Новая ${next()}`, regionId: 1 }),
  },
  {
    route: 'PATCH /api/companies/:id',
    name: "edit A's company",
    method: 'PATCH',
    allowed: WRITERS_OF_A,
    path: async ({ w }) => `/api/companies/${await freshCompany(w, A)}`,
    body: JSON.stringify({ status: 'client' }),
  },
  {
    route: 'POST /api/companies/:id/contacts',
    name: "add a contact to A's company",
    method: 'POST',
    allowed: WRITERS_OF_A,
    path: async ({ w }) => `/api/companies/${await freshCompany(w, A)}/contacts`,
    body: async () => JSON.stringify({ name: 'Контакт', phones: [`+7 916 ${String(1_000_000 + next()).slice(-7)}`] }),
  },
  {
    route: 'PATCH /api/contacts/:id',
    name: "correct a contact of A's company: the same callers as adding one",
    method: 'PATCH',
    allowed: WRITERS_OF_A,
    path: async ({ w }) => `/api/contacts/${await freshContact(w, await freshCompany(w, A))}`,
    body: async () => JSON.stringify({ position: 'Снабженец', phones: [`8 (916) ${String(2_000_000 + next()).slice(-7)}`] }),
  },
  {
    route: 'PATCH /api/contacts/:id',
    name: "correct a contact of a region-1 pool client: as adding one (its managers, its head, the admin, A's extension)",
    method: 'PATCH',
    allowed: ['managerA', 'managerB', 'headA', 'admin', 'extension'],
    path: async ({ w }) => `/api/contacts/${await freshContact(w, await freshCompany(w, null))}`,
    body: JSON.stringify({ name: 'Исправленное имя' }),
  },
  {
    route: 'GET /api/companies/:id/card',
    name: "A's card (IDOR)",
    path: `/api/companies/${world.companies.ofA}/card`,
    allowed: WRITERS_OF_A,
  },
  {
    route: 'POST /api/companies/:id/merge',
    name: "merge two of A's companies: A, his head, the admin (session only)",
    method: 'POST',
    allowed: ['managerA', 'headA', 'admin'],
    path: async ({ w }) => `/api/companies/${await freshCompany(w, A)}/merge`,
    body: async ({ w }) => JSON.stringify({ sourceId: await freshCompany(w, A) }),
  },
  {
    route: 'POST /api/contacts/:id/merge',
    name: "merge two contacts of A's company",
    method: 'POST',
    allowed: ['managerA', 'headA', 'admin'],
    path: async ({ w }) => `/api/contacts/${await freshContact(w, await freshCompany(w, A))}/merge`,
    body: async ({ w }) => JSON.stringify({ sourceId: await freshContact(w, world.companies.ofA) }),
  },
  {
    route: 'PUT /api/companies/:id/owner',
    name: "give A's company to B: the head and the admin only",
    method: 'PUT',
    allowed: ['headA', 'admin'],
    path: async ({ w }) => `/api/companies/${await freshCompany(w, A)}/owner`,
    body: JSON.stringify({ ownerId: world.users.managerB.id }),
  },
  {
    route: 'POST /api/companies/:id/claim',
    name: "claim from the region-1 pool: its managers (and A's extension)",
    method: 'POST',
    allowed: ['managerA', 'managerB', 'extension'],
    path: async ({ w }) => `/api/companies/${await freshCompany(w, null)}/claim`,
  },
  {
    route: 'POST /api/users/:id/hand-over',
    name: "hand over a region-1 manager's book: the head and the admin",
    method: 'POST',
    allowed: ['headA', 'admin'],
    path: async ({ w }) => {
      const id = await leavingManager(w);
      await freshCompany(w, id);
      return `/api/users/${id}/hand-over`;
    },
    body: JSON.stringify({ toUserIds: [world.users.managerB.id] }),
  },
  {
    route: 'POST /api/users/:id/deactivate',
    name: 'deactivate a leaving manager: the admin only',
    method: 'POST',
    allowed: ['admin'],
    path: async ({ w }) => `/api/users/${await leavingManager(w)}/deactivate`,
  },
  {
    route: 'POST /api/users/:id/activate',
    name: 'activate a deactivated manager again: the admin only',
    method: 'POST',
    allowed: ['admin'],
    path: async ({ w }) => `/api/users/${await leavingManager(w, 0)}/activate`,
  },
  { route: 'GET /app/admin/users', name: 'users page: the admin', path: '/app/admin/users', allowed: ['admin'] },
  {
    route: 'GET /api/search',
    name: 'search: signed-in users and the extension',
    path: `/api/search?q=${encodeURIComponent('кровля')}`,
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'GET /api/collisions',
    name: 'collision check: signed-in users and the extension',
    path: '/api/collisions?inn=7707083893',
    allowed: [...SESSIONS, 'extension'],
  },
];
