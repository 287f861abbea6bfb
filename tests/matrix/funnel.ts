import type { TestWorker } from '../helpers/worker';
import { world } from '../helpers/world';
import { SESSIONS, type Row } from './foundation';

let seq = 0;

/** A throwaway lead of manager A in region 1, so every caller moves his own. */
async function leadOfA(w: TestWorker): Promise<number> {
  const id = 80_000 + ++seq;
  await w.db
    .prepare(`INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at)
    VALUES (?, ?, 1, ?, 'new', 'manual', 0, 0)`)
    .bind(id, world.companies.ofA, world.users.managerA.id)
    .run();
  return id;
}

async function taskOfA(w: TestWorker, doneAt: number | null = null): Promise<number> {
  const id = 90_000 + ++seq;
  await w.db
    .prepare(`INSERT INTO tasks (id, user_id, company_id, title, due_at, done_at, created_at) VALUES (?, ?, ?, 'Матрица', 0, ?, 0)`)
    .bind(id, world.users.managerA.id, world.companies.ofA, doneAt)
    .run();
  return id;
}

/** A call-back waiting in region 1's missed-call queue since long ago (so its head sees it too), about a client nobody owns. */
async function queueTaskOfRegion1(w: TestWorker): Promise<number> {
  const id = 95_000 + ++seq;
  await w.db
    .prepare(
      `INSERT INTO tasks (id, user_id, region_id, company_id, kind, title, due_at, created_at) VALUES (?, NULL, 1, NULL, 'callback', 'Матрица', 0, 0)`,
    )
    .bind(id)
    .run();
  return id;
}

const A_AND_ABOVE = ['managerA', 'headA', 'admin', 'extension'] as const;

export const funnelRows: Row[] = [
  {
    route: 'POST /api/leads',
    name: "open a lead on A's company",
    path: '/api/leads',
    method: 'POST',
    body: JSON.stringify({ companyId: world.companies.ofA }),
    allowed: A_AND_ABOVE,
  },
  {
    route: 'POST /api/leads',
    name: "open a lead with a subject at a later open stage on A's company",
    path: '/api/leads',
    method: 'POST',
    body: JSON.stringify({ companyId: world.companies.ofA, subject: 'Кровля на склад', stageId: 'proposal' }),
    allowed: A_AND_ABOVE,
  },
  { route: 'GET /api/leads/:id', name: "A's lead (IDOR)", path: async ({ w }) => `/api/leads/${await leadOfA(w)}`, allowed: A_AND_ABOVE },
  {
    route: 'POST /api/leads/:id/stage',
    name: "move A's lead forward",
    method: 'POST',
    allowed: A_AND_ABOVE,
    path: async ({ w }) => `/api/leads/${await leadOfA(w)}/stage`,
    body: JSON.stringify({ stageId: 'qualified' }),
  },
  {
    route: 'GET /api/tasks',
    name: 'own tasks: signed-in users and the extension',
    path: '/api/tasks',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'POST /api/tasks',
    name: 'a task for oneself',
    path: '/api/tasks',
    method: 'POST',
    allowed: [...SESSIONS, 'extension'],
    body: JSON.stringify({ title: 'Матрица', dueAt: 0 }),
  },
  {
    route: 'POST /api/tasks/:id/complete',
    name: "complete A's task: A, his head, the admin, A's extension",
    method: 'POST',
    allowed: A_AND_ABOVE,
    path: async ({ w }) => `/api/tasks/${await taskOfA(w)}/complete`,
  },
  {
    route: 'POST /api/tasks/:id/reassign',
    name: "give A's task to B: the head and the admin",
    method: 'POST',
    allowed: ['headA', 'admin'],
    path: async ({ w }) => `/api/tasks/${await taskOfA(w)}/reassign`,
    body: JSON.stringify({ userId: world.users.managerB.id }),
  },
  {
    route: 'POST /api/tasks/:id/take',
    name: "take a call-back from region 1's queue: its managers, its head (after an hour), the admin, A's extension",
    method: 'POST',
    allowed: ['managerA', 'managerB', 'headA', 'admin', 'extension'],
    path: async ({ w }) => `/api/tasks/${await queueTaskOfRegion1(w)}/take`,
  },
  {
    route: 'PATCH /api/tasks/:id',
    name: "move A's task: A, his head, the admin, A's extension",
    method: 'PATCH',
    allowed: A_AND_ABOVE,
    path: async ({ w }) => `/api/tasks/${await taskOfA(w)}`,
    body: JSON.stringify({ dueAt: 86_400_000 }),
  },
  {
    route: 'PATCH /api/tasks/:id',
    name: "put A's done task back to work: A, his head, the admin, A's extension",
    method: 'PATCH',
    allowed: A_AND_ABOVE,
    path: async ({ w }) => `/api/tasks/${await taskOfA(w, 1)}`,
    body: JSON.stringify({ done: false }),
  },
  {
    route: 'GET /api/today',
    name: '«Мой день»: signed-in users and the extension',
    path: '/api/today',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'GET /api/today',
    name: "region 1's day: its head and the admin (a manager's day is his own; the other head's is 404)",
    path: '/api/today?regionId=1',
    allowed: ['headA', 'admin'],
  },
  {
    route: 'GET /api/today/counts',
    name: 'the menu counters: signed-in users and the extension',
    path: '/api/today/counts',
    allowed: [...SESSIONS, 'extension'],
  },
  {
    route: 'GET /api/deviations',
    name: 'deviations in scope: signed-in users and the extension',
    path: '/api/deviations',
    allowed: [...SESSIONS, 'extension'],
  },
];

funnelRows.push({
  route: 'POST /api/companies/:id/events',
  name: "log a note on A's company",
  path: `/api/companies/${world.companies.ofA}/events`,
  method: 'POST',
  body: JSON.stringify({ kind: 'note', subject: 'Матрица' }),
  allowed: A_AND_ABOVE,
});

funnelRows.push(
  {
    route: 'GET /api/funnel/stages',
    name: 'stages: anyone signed in, the extension and widgets',
    path: '/api/funnel/stages',
    allowed: [...SESSIONS, 'extension', 'widget'],
  },
  {
    route: 'PATCH /api/funnel/stages/:id',
    name: 'stage settings: the admin',
    path: '/api/funnel/stages/proposal',
    method: 'PATCH',
    body: JSON.stringify({ slaHours: 96 }),
    allowed: ['admin'],
  },
  {
    route: 'GET /api/funnel/rules',
    name: 'rules: heads and the admin',
    path: '/api/funnel/rules',
    allowed: ['headA', 'headOther', 'admin'],
  },
  {
    route: 'PATCH /api/funnel/rules/:id',
    name: 'rule settings: the admin',
    path: '/api/funnel/rules/call_qualifies',
    method: 'PATCH',
    body: JSON.stringify({ condition: { callResult: 'answered', minDurationSec: 30, fromStages: ['new'] } }),
    allowed: ['admin'],
  },
);
