import { localDayBounds } from '../../worker/src/platform/time';
import { apiAs, count } from '../helpers/api';
import { TEST_NOW } from '../helpers/clock';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * «Мой день» (/api/today, /api/today/counts, /app/today), the tasks page and moving a task
 * (PATCH /api/tasks/:id): what each role sees, the order by money at stake, the counters.
 */
let w: TestWorker;
const now = TEST_NOW;
const H = 3_600_000;
const D = 24 * H;
// Manager A's zone is Moscow: "today" ends at the end of his local day, wherever TEST_NOW falls.
const dayEnd = localDayBounds(now, 'Europe/Moscow')[1];
const laterToday = Math.floor((now + dayEnd) / 2);

beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
  const company = (id: number, name: string, owner: number, revenue: number, lastTouch: number | null) =>
    s(
      `INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at, revenue_24m, last_touch_at)
       VALUES (?, ?, ?, 1, ?, 'client', 0, 0, ?, ?)`,
      id,
      name,
      name.toLowerCase(),
      owner,
      revenue,
      lastTouch,
    );
  const call = (id: number, ago: number, phone: string) =>
    s(
      `INSERT INTO events (id, kind, source, external_id, occurred_at, direction, call_result, counterpart, created_at)
       VALUES (?, 'call', 'mango', ?, ?, 'in', 'missed', ?, ?)`,
      id,
      `today-${id}`,
      now - ago,
      phone,
      now,
    );
  const task = (
    id: number,
    user: number | null,
    region: number | null,
    companyId: number | null,
    kind: string,
    title: string,
    due: number,
    lead: number | null = null,
    source: number | null = null,
  ) =>
    s(
      `INSERT INTO tasks (id, user_id, region_id, company_id, lead_id, kind, title, due_at, source_event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      user,
      region,
      companyId,
      lead,
      kind,
      title,
      due,
      source,
      now - D,
    );
  await w.db.batch([
    s('UPDATE companies SET revenue_24m = 20000000 WHERE id = 101'),
    company(105, 'ООО "Молчун"', world.users.managerA.id, 30_000_000, now - 40 * D),
    company(106, 'ООО "Мелкий"', world.users.managerA.id, 5_000_000, now - 40 * D),
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at) VALUES
       (501, 101, 1, 4, 'invoice', 50000000, 'call', ?, ?), (502, 101, 1, 4, 'new', 0, 'call', ?, ?)`,
      now - 5 * D,
      now - D,
      now - 3 * H,
      now - 3 * H,
    ),
    call(9001, H / 2, '+74957654321'),
    call(9002, 2 * H, '+74959990000'),
    call(9003, 3 * H, '+74951112233'),
    task(601, 4, null, 101, 'follow_up', 'Напомнить об оплате', now - 2 * H, 501),
    task(602, 4, null, 101, 'custom', 'Отправить каталог', laterToday),
    task(603, 4, null, 101, 'custom', 'Через три дня', now + 3 * D),
    task(604, 4, null, 101, 'callback', 'Перезвонить: пропущенный', now + D, null, 9003),
    task(611, null, 1, 103, 'callback', 'Пропущенный звонок', now - H / 2, null, 9001),
    task(612, null, 1, 103, 'callback', 'Пропущенный звонок', now - 2 * H, null, 9002),
    task(621, 5, null, 102, 'custom', 'Задача Бориса', now - H),
    task(631, 6, null, 104, 'custom', 'Задача Веры', now - H),
  ]);
});
afterAll(() => w?.dispose());

const keys = (body: { items: { key: string }[] }) => body.items.map((i) => i.key);

describe('GET /api/today', () => {
  test("a manager's day: his tasks due today or overdue, call-backs, his region's queue, stuck leads, big silent clients — by money", async () => {
    const res = await apiAs(w, 'managerA').get('/api/today');
    expect(res.status).toBe(200);
    // 50 000 ₽ lead; 300 000 ₽ silent client; three rows of Кровля А's 200 000 ₽ by time; the queue (no money) by time.
    expect(keys(res.body)).toEqual(['task:601', 'company:105', 'lead:502', 'task:602', 'task:604', 'task:612', 'task:611']);
    const byKey = Object.fromEntries(res.body.items.map((i: { key: string }) => [i.key, i]));
    expect(byKey['task:601']).toMatchObject({ kind: 'task', overdue: true, moneyKopecks: 50_000_000, leadId: 501, queued: false });
    expect(byKey['task:604']).toMatchObject({ kind: 'missed', phone: '+74951112233', overdue: false, moneyKopecks: 20_000_000 });
    expect(byKey['task:611']).toMatchObject({ kind: 'missed', queued: true, phone: '+74957654321', companyName: 'ООО "Пул Москва"' });
    expect(byKey['lead:502']).toMatchObject({ kind: 'stuck_lead', title: 'Новое обращение', at: now - 2 * H, phone: '+74951234567' });
    expect(byKey['company:105']).toMatchObject({ kind: 'silent', moneyKopecks: 30_000_000, at: now - 40 * D });
    expect(res.body.counts).toEqual({ overdue: 1, missed: 3 });
    expect(res.body.dayEnd).toBe(dayEnd);
  });

  test("a head sees his region's people and the queue only once a call waited an hour; not another region", async () => {
    const res = await apiAs(w, 'headA').get('/api/today');
    expect(res.status).toBe(200);
    const k = keys(res.body);
    expect(k).toEqual(expect.arrayContaining(['task:601', 'task:602', 'task:604', 'task:621', 'task:612', 'lead:502', 'company:105']));
    expect(k).not.toContain('task:611');
    expect(k).not.toContain('task:631');
    expect(k).not.toContain('task:603');
    expect(res.body.items.find((i: { key: string }) => i.key === 'task:621')).toMatchObject({ userName: 'Борис Менеджер' });
    expect(res.body.counts).toEqual({ overdue: 2, missed: 2 });
  });

  test('another region sees none of it; the counters are the menu badge', async () => {
    const c = await apiAs(w, 'managerC').get('/api/today');
    expect(keys(c.body)).toEqual(['task:631']);
    expect((await apiAs(w, 'managerC').get('/api/today/counts')).body).toEqual({ overdue: 1, missed: 0 });
    expect((await apiAs(w, 'managerB').get('/api/today/counts')).body).toEqual({ overdue: 1, missed: 2 });
  });
});

describe("one region's day: the admin's picker (and a head's of his regions)", () => {
  test("the admin picks a region and gets its day as its head would; a head only his; a manager's day is his own", async () => {
    const admin = apiAs(w, 'admin');
    const all = keys((await admin.get('/api/today')).body);
    expect(all).toEqual(expect.arrayContaining(['task:601', 'task:621', 'task:631', 'task:611']));
    const vvo = await admin.get(`/api/today?regionId=${world.regions.vvo}`);
    expect(vvo.status).toBe(200);
    expect(keys(vvo.body)).toEqual(['task:631']);
    expect(vvo.body.counts).toEqual({ overdue: 1, missed: 0 });
    const msk = keys((await admin.get(`/api/today?regionId=${world.regions.msk}`)).body);
    expect(msk).toEqual(expect.arrayContaining(['task:601', 'task:621', 'task:611', 'task:612', 'lead:502', 'company:105']));
    expect(msk).not.toContain('task:631');
    expect((await apiAs(w, 'headA').get(`/api/today?regionId=${world.regions.msk}`)).status).toBe(200);
    expect((await apiAs(w, 'headA').get(`/api/today?regionId=${world.regions.vvo}`)).status).toBe(404);
    const manager = await apiAs(w, 'managerA').get(`/api/today?regionId=${world.regions.msk}`);
    expect(manager.status).toBe(403);
    expect(manager.body.error.message).toBe('День региона смотрят руководитель и администратор');
  });
});

describe('PATCH /api/tasks/:id moves a task', () => {
  test('the owner moves his task: the day list follows, the change is audited', async () => {
    const A = apiAs(w, 'managerA');
    const moved = await A.patch('/api/tasks/602', { dueAt: now + 2 * D });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: 602, dueAt: now + 2 * D, overdue: false });
    expect(keys((await A.get('/api/today')).body)).not.toContain('task:602');
    expect(
      await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'task' AND entity_id = '602' AND details LIKE '%update%'"),
    ).toBe(1);
    // An overdue task moved to tomorrow stops counting as overdue.
    await A.patch('/api/tasks/601', { dueAt: now + D });
    expect((await A.get('/api/today/counts')).body).toEqual({ overdue: 0, missed: 3 });
  });

  test("someone else's task is not there; a queued one must be taken first; a done one is history; an empty body is refused", async () => {
    expect((await apiAs(w, 'managerB').patch('/api/tasks/603', { dueAt: now })).status).toBe(404);
    expect((await apiAs(w, 'managerC').patch('/api/tasks/621', { dueAt: now })).status).toBe(404);
    const queued = await apiAs(w, 'managerA').patch('/api/tasks/611', { dueAt: now });
    expect(queued.status).toBe(409);
    expect(queued.body.error.message).toBe('Задача в очереди региона: сначала возьмите её');
    expect((await apiAs(w, 'headA').patch('/api/tasks/621', { dueAt: now + D })).status).toBe(200);
    await apiAs(w, 'managerA').post('/api/tasks/603/complete');
    expect((await apiAs(w, 'managerA').patch('/api/tasks/603', { dueAt: now })).status).toBe(409);
    expect((await apiAs(w, 'managerA').patch('/api/tasks/602', {})).status).toBe(400);
  });
});

describe('PATCH /api/tasks/:id {done: false} puts a done task back to work', () => {
  test('the owner reopens it: open again, back on the day, audited; the timeline keeps that it was done', async () => {
    const A = apiAs(w, 'managerA');
    await w.db
      .prepare(
        `INSERT INTO tasks (id, user_id, company_id, kind, title, due_at, created_at) VALUES (641, 4, 101, 'custom', 'Сверить акт', ?, ?)`,
      )
      .bind(now - H, now - D)
      .run();
    expect((await A.post('/api/tasks/641/complete')).status).toBe(200);
    expect(keys((await A.get('/api/today')).body)).not.toContain('task:641');

    const reopened = await A.patch('/api/tasks/641', { done: false });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ id: 641, doneAt: null, overdue: true });
    expect(await count(w, 'SELECT count(*) AS n FROM tasks WHERE id = 641 AND done_at IS NULL')).toBe(1);
    expect(keys((await A.get('/api/today')).body)).toContain('task:641');
    expect(
      await count(
        w,
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'task' AND entity_id = '641' AND json_extract(details, '$.op') = 'reopen'",
      ),
    ).toBe(1);
    // Done again: a second «task done» in the timeline, the first one kept (marked reopened).
    await A.post('/api/tasks/641/complete');
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE kind = 'task_done' AND json_extract(details, '$.taskId') = 641")).toBe(2);
    expect(
      await count(w, "SELECT count(*) AS n FROM events WHERE kind = 'task_done' AND json_extract(details, '$.reopenedAt') = ?", now),
    ).toBe(1);
    // Reopening an open task changes nothing; the head reopens his manager's; another region cannot.
    expect((await apiAs(w, 'managerC').patch('/api/tasks/641', { done: false })).status).toBe(404);
    expect((await apiAs(w, 'managerB').patch('/api/tasks/641', { done: false })).status).toBe(404);
    expect((await apiAs(w, 'headA').patch('/api/tasks/641', { done: false })).body).toMatchObject({ doneAt: null });
    expect((await A.patch('/api/tasks/641', { done: false })).status).toBe(200);
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity_id = '641' AND json_extract(details, '$.op') = 'reopen'")).toBe(
      2,
    );
  });

  test('a withdrawn (cancelled) task is 409; `done: true` is not a way to complete', async () => {
    await w.db
      .prepare(
        `INSERT INTO tasks (id, user_id, company_id, kind, title, due_at, done_at, cancelled_at, cancel_reason, created_at)
         VALUES (642, 4, 101, 'callback', 'Перезвонить', ?, ?, ?, 'звонок принят другим менеджером', ?)`,
      )
      .bind(now - H, now - H / 2, now - H / 2, now - D)
      .run();
    const res = await apiAs(w, 'managerA').patch('/api/tasks/642', { done: false });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('Задача снята (звонок принят другим менеджером): её не вернуть в работу');
    expect(await count(w, 'SELECT count(*) AS n FROM tasks WHERE id = 642 AND done_at IS NOT NULL')).toBe(1);
    expect((await apiAs(w, 'managerA').patch('/api/tasks/641', { done: true })).status).toBe(400);
  });
});

describe('pages', () => {
  const page = async (path: string, who: 'managerA' | 'headA' = 'managerA') => {
    const res = await w.fetch(path, { headers: { cookie: await sessionCookie(w, who), accept: 'text/html' }, redirect: 'manual' });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  };

  test('/app opens «Мой день»; the page lists the rows with their actions and the counters', async () => {
    expect(await page('/app')).toMatchObject({ status: 302, location: '/app/today' });
    const today = await page('/app/today');
    expect(today.status).toBe(200);
    expect(today.html).toContain('<h1>Мой день</h1>');
    expect(today.html).toContain('data-key="task:611"');
    expect(today.html).toMatch(/data-key="task:611"[^]*?data-action="take"/);
    expect(today.html).toContain('id="menu-today-count"');
    expect(today.html).toContain('src="/app/today.js"');
  });

  test("the admin's «Регион» picker: all regions, then one region's day", async () => {
    const admin = async (path: string) =>
      (await w.fetch(path, { headers: { cookie: await sessionCookie(w, 'admin'), accept: 'text/html' } })).text();
    const all = await admin('/app/today');
    expect(all).toContain('<option value="" selected="">Все регионы</option>');
    expect(all).toContain('<option value="2" translate="no">Приморский край</option>');
    const vvo = await admin('/app/today?region=2');
    expect(vvo).toContain('<option value="2" selected="" translate="no">Приморский край</option>');
    expect(vvo).toContain('Работа региона «<span translate="no">Приморский край</span>»');
    expect(vvo).toContain('data-key="task:631"');
    expect(vvo).not.toContain('data-key="task:601"');
    // A manager has no picker; a head of one region neither.
    expect((await page('/app/today')).html).not.toContain('id="region-pick"');
    expect((await page('/app/today', 'headA')).html).not.toContain('id="region-pick"');
  });

  test('the tasks page: four tabs, the queue with «Взять», done tasks with «Вернуть в работу» only', async () => {
    const queue = await page('/app/tasks?tab=queue');
    expect(queue.status).toBe(200);
    expect(queue.html).toContain('aria-current="page" data-tab="queue"');
    expect(queue.html).toContain('data-key="task:611"');
    const done = await page('/app/tasks?tab=done');
    expect(done.html).toContain('data-key="task:603"');
    expect(done.html).not.toMatch(/data-key="task:603"[^]*?data-action="done"/);
    // «Вернуть в работу» on a done task, not on a withdrawn one (marked «снята»).
    expect(done.html).toMatch(/data-key="task:603"(?:(?!<\/li>)[^])*data-action="reopen"/);
    expect(done.html).toMatch(/data-key="task:642"(?:(?!<\/li>)[^])*снята/);
    expect(done.html).not.toMatch(/data-key="task:642"(?:(?!<\/li>)[^])*data-action="reopen"/);
    expect((await page('/app/tasks?tab=nonsense')).html).toContain('aria-current="page" data-tab="mine"');
  });

  test("the card carries the composer; «Новый клиент» offers the viewer's regions", async () => {
    const card = await page('/app/clients/101');
    expect(card.html).toContain('id="composer"');
    expect(card.html).toContain('data-form="task"');
    const form = await page('/app/clients/new');
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="new-client"');
    expect(form.html).toContain('<option value="1" translate="no">Москва</option>');
    expect(form.html).not.toContain('Приморский край');
  });
});

describe('the card shows what each event carries', () => {
  test("a mail's snippet, attachments and thread; a call's recording link", async () => {
    const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
    // As mail/ingest.ts files a mail and telephony/apply-signal.ts a call (events.details).
    const mail = (n: number, ago: number, details: Record<string, unknown>) =>
      s(
        `INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, counterpart, subject, details, created_at)
         VALUES ('mail', 'mail', ?, ?, 101, 'in', 'ivan@krovlya.ru', 'Re: КП на профлист', ?, ?)`,
        `card-mail-${n}`,
        now - ago,
        JSON.stringify(details),
        now,
      );
    await w.db.batch([
      mail(1, 3 * H, {
        messageId: '<m1@krovlya.ru>',
        threadId: '<m1@krovlya.ru>',
        snippet: 'Добрый день! Пришлите счёт.',
        attachments: [],
      }),
      mail(2, 2 * H, {
        messageId: '<m2@krovlya.ru>',
        threadId: '<m1@krovlya.ru>',
        snippet: 'Реквизиты во вложении',
        attachments: [{ name: 'Реквизиты.pdf', size: 48_200 }],
      }),
      s(
        `INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, duration_sec, call_result, counterpart, details, created_at)
         VALUES ('call', 'mango', 'card-call-1', ?, 101, 'out', 312, 'answered', '+74951234567', ?, ?)`,
        now - H,
        JSON.stringify({ callId: 'c-1', provider: 'mango', recordingUrl: 'https://records.example/c-1.mp3' }),
        now,
      ),
    ]);
    const card = await apiAs(w, 'managerA').get('/api/companies/101/card');
    const [call, second, first] = card.body.timeline.filter((e: { external?: string; kind: string }) => ['mail', 'call'].includes(e.kind));
    expect(call).toMatchObject({ kind: 'call', durationSec: 312, recordingUrl: 'https://records.example/c-1.mp3' });
    expect(second).toMatchObject({
      snippet: 'Реквизиты во вложении',
      attachments: [{ name: 'Реквизиты.pdf', size: 48_200 }],
      threadId: '<m1@krovlya.ru>',
    });
    expect(first).toMatchObject({ snippet: 'Добрый день! Пришлите счёт.', attachments: [] });
    const html = await (
      await w.fetch('/app/clients/101', { headers: { cookie: await sessionCookie(w, 'managerA'), accept: 'text/html' } })
    ).text();
    expect(html).toContain('Реквизиты во вложении');
    expect(html).toContain('<span translate="no">Реквизиты.pdf</span> (47 КБ)');
    expect(html).toContain('в переписке 2 письма');
    expect(html).toContain('href="https://records.example/c-1.mp3"');
    expect(html).toContain('05:12');
  });
});
