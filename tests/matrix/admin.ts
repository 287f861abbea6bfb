import { world } from '../helpers/world';
import { leavingManager } from './clients';
import type { Row } from './foundation';

let seq = 0;

export const adminRows: Row[] = [
  { route: 'GET /api/admin/integrations', name: 'integrations status: the admin', path: '/api/admin/integrations', allowed: ['admin'] },
  {
    route: 'POST /api/admin/integrations/:id/check',
    name: 'integration check: the admin',
    method: 'POST',
    path: '/api/admin/integrations/mail/check',
    allowed: ['admin'],
  },
  { route: 'GET /app/admin/integrations', name: 'integrations page: the admin', path: '/app/admin/integrations', allowed: ['admin'] },
  {
    route: 'POST /api/users',
    name: 'add a user: the admin',
    method: 'POST',
    path: '/api/users',
    body: async () => JSON.stringify({ name: 'Новый', email: `new${++seq}@test.ru`, role: 'manager', regionIds: [1] }),
    allowed: ['admin'],
  },
  {
    route: 'PATCH /api/users/:id',
    name: 'edit a user: the admin',
    method: 'PATCH',
    path: async ({ w }) => `/api/users/${await leavingManager(w)}`,
    body: JSON.stringify({ timeZone: 'Asia/Vladivostok' }),
    allowed: ['admin'],
  },
  {
    route: 'GET /api/users/:id/hand-over/preview',
    name: 'hand-over preview of a region-1 manager: the head and the admin',
    path: async ({ w }) => `/api/users/${await leavingManager(w)}/hand-over/preview?to=${world.users.managerA.id}`,
    allowed: ['headA', 'admin'],
  },
];
