import type { TestWorker } from '../helpers/worker';
import { world } from '../helpers/world';
import { SESSIONS, type Row } from './foundation';

/** A month of its own for every request, so each caller meets the statement in the state the row sets up. */
let year = 2040;
const freshMonth = () => `${++year}-03`;

const SNAPSHOT = (userId: number, month: string) =>
  JSON.stringify({
    month,
    userId,
    basis: 'shipments',
    ruleValidFrom: '2020-01',
    basisKopecks: 0,
    planKopecks: null,
    planCompletionBp: null,
    lines: [{ code: 'base', titleRu: 'Оклад', titleEn: 'Base', amountKopecks: 3_000_000, explanation: 'Оклад', refs: [] }],
    totalKopecks: 3_000_000,
  });

async function statementOf(w: TestWorker, userId: number, state: 'checked' | 'approved', month = freshMonth()): Promise<string> {
  await w.db
    .prepare('INSERT INTO salary_statements (user_id, month, state, snapshot, total_kopecks, updated_at) VALUES (?, ?, ?, ?, ?, 0)')
    .bind(userId, month, state, state === 'approved' ? SNAPSHOT(userId, month) : null, state === 'approved' ? 3_000_000 : null)
    .run();
  return month;
}

/** A month with approved statements of A (region 1) and C (region 2): each head exports his own. */
async function approvedMonth(w: TestWorker): Promise<string> {
  const month = await statementOf(w, world.users.managerA.id, 'approved');
  return statementOf(w, world.users.managerC.id, 'approved', month);
}

const A_AND_ABOVE = ['managerA', 'headA', 'admin', 'extension'] as const;
const RULE = { validFrom: '2031-01', baseKopecks: 100, commissionBp: 100, basis: 'shipments', tiers: [], kpis: [] };

export const payRows: Row[] = [
  {
    route: 'GET /api/pay/statements',
    name: 'statements in scope: signed-in users and the extension',
    path: '/api/pay/statements?month=2026-11',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'GET /api/pay/statements/:userId/:month',
    name: "A's statement (IDOR): A, his head, the admin, A's extension",
    path: `/api/pay/statements/${world.users.managerA.id}/2026-11`,
    allowed: A_AND_ABOVE,
  },
  {
    route: 'POST /api/pay/statements/:userId/:month/actions',
    name: "mark A's statement checked: A himself only",
    method: 'POST',
    allowed: ['managerA'],
    path: async () => `/api/pay/statements/${world.users.managerA.id}/${freshMonth()}/actions`,
    body: JSON.stringify({ action: 'check' }),
  },
  {
    route: 'POST /api/pay/statements/:userId/:month/actions',
    name: "approve A's checked statement: his head and the admin",
    method: 'POST',
    allowed: ['headA', 'admin'],
    path: async ({ w }) =>
      `/api/pay/statements/${world.users.managerA.id}/${await statementOf(w, world.users.managerA.id, 'checked')}/actions`,
    body: JSON.stringify({ action: 'approve' }),
  },
  {
    route: 'POST /api/pay/statements/approve',
    name: "approve A's checked statement among the checked ones: his head and the admin (another head: 404, nothing written)",
    path: '/api/pay/statements/approve',
    method: 'POST',
    allowed: ['headA', 'admin'],
    body: async ({ w }) =>
      JSON.stringify({ month: await statementOf(w, world.users.managerA.id, 'checked'), userIds: [world.users.managerA.id] }),
  },
  {
    route: 'POST /api/pay/export',
    name: 'export a month approved in both regions: each head his own, the admin all',
    path: '/api/pay/export',
    method: 'POST',
    allowed: ['headA', 'headOther', 'admin'],
    body: async ({ w }) => JSON.stringify({ month: await approvedMonth(w) }),
  },
  { route: 'GET /api/pay/rules', name: 'the salary rule: anyone signed in', path: '/api/pay/rules', allowed: SESSIONS },
  {
    route: 'POST /api/pay/rules',
    name: 'set the salary rule: the admin',
    path: '/api/pay/rules',
    method: 'POST',
    body: JSON.stringify({ rule: RULE }),
    allowed: ['admin'],
  },
  {
    route: 'GET /api/plans',
    name: 'plans in scope: signed-in users and the extension',
    path: '/api/plans?month=2026-11',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'PUT /api/plans/:userId/:month',
    name: "A's plan: his head and the admin",
    method: 'PUT',
    allowed: ['headA', 'admin'],
    path: `/api/plans/${world.users.managerA.id}/2026-12`,
    body: JSON.stringify({ amountKopecks: 150_000_000 }),
  },
  {
    route: 'POST /api/plans/import',
    name: 'plans from a file: heads and the admin (rows outside scope are refused inside)',
    method: 'POST',
    path: '/api/plans/import',
    allowed: ['headA', 'headOther', 'admin'],
    body: JSON.stringify({ rows: [{ email: world.users.managerA.email, month: '2027-01', amount: '1 000 000' }] }),
  },
  {
    route: 'GET /api/widgets/month',
    name: 'my month widget: embed token or a session',
    path: '/api/widgets/month',
    allowed: [...SESSIONS, 'widget'],
  },
  {
    route: 'GET /api/widgets/region',
    name: "region widget: heads and the admin (A's embed token is a manager's)",
    path: '/api/widgets/region',
    allowed: ['headA', 'headOther', 'admin'],
  },
  {
    route: 'GET /app/pay',
    name: 'pay page: sessions (a manager sees his own statement)',
    path: '/app/pay?month=2026-11',
    allowed: SESSIONS,
  },
  {
    route: 'GET /app/pay/:userId/:month',
    name: "A's statement page (IDOR): A, his head, the admin",
    path: `/app/pay/${world.users.managerA.id}/2026-11`,
    allowed: ['managerA', 'headA', 'admin'],
  },
  { route: 'GET /app/plans', name: 'plans page: sessions', path: '/app/plans?month=2026-11', allowed: SESSIONS },
];
