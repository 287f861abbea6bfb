import { world } from '../helpers/world';
import { SESSIONS, type Row } from './foundation';

/**
 * The client pages and the CSV export: sessions only (pages send the others to /sign-in, the
 * export answers 401). A card out of scope answers 404 like a missing one.
 */
export const clientPagesRows: Row[] = [
  { route: 'GET /app/clients', name: 'client list page needs a session', path: '/app/clients', allowed: SESSIONS },
  { route: 'GET /app/clients/new', name: '«Новый клиент» page needs a session', path: '/app/clients/new', allowed: SESSIONS },
  { route: 'GET /app/today', name: '«Мой день» page needs a session', path: '/app/today', allowed: SESSIONS },
  {
    route: 'GET /app/today',
    name: "region 1's day page: its head and the admin",
    path: '/app/today?region=1',
    allowed: ['headA', 'admin'],
  },
  { route: 'GET /app/tasks', name: 'tasks page needs a session', path: '/app/tasks', allowed: SESSIONS },
  {
    route: 'GET /app/clients/:id',
    name: "A's card page (IDOR): A, his head, the admin",
    path: `/app/clients/${world.companies.ofA}`,
    allowed: ['managerA', 'headA', 'admin'],
  },
  {
    route: 'GET /app/clients/:id',
    name: 'pool card page of region 1: its managers, its head, the admin',
    path: `/app/clients/${world.companies.poolMsk}`,
    allowed: ['managerA', 'managerB', 'headA', 'admin'],
  },
  {
    route: 'GET /api/companies/export.csv',
    name: 'client list export: sessions only',
    path: '/api/companies/export.csv',
    allowed: SESSIONS,
  },
];
