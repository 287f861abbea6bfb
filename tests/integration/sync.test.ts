import { apiAs, count } from '../helpers/api';
import { lateCounterpartyCase, pushOnec } from '../helpers/onec-push';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const { invoice, counterparty } = lateCounterpartyCase('66666666');
const push = (items: Record<string, unknown>[], secret?: string) => pushOnec(w, items, secret);

describe('sync health and replay', () => {
  test('a rejected 1C document shows up with its reason and, once fixed, a replay applies it', async () => {
    await push([invoice]);
    await push([invoice], 'wrong-secret');
    const admin = apiAs(w, 'admin');
    const summary = (await admin.get('/api/sync')).body;
    expect(summary.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ source: 'onec', rejected24h: 2, rejectedWaiting: 2, replayable: true })]),
    );
    const rejected = (await admin.get('/api/sync/rejected?source=onec')).body.items;
    const unknown = rejected.find((r: { reason: string }) => r.reason.includes('не найден'));
    const unsigned = rejected.find((r: { reason: string }) => r.reason.startsWith('unauthorized'));
    expect(unknown).toBeDefined();
    expect(unsigned).toBeDefined();
    expect((await admin.post(`/api/inbox/${unsigned.id}/replay`)).status).toBe(409);

    const early = await admin.post(`/api/inbox/${unknown.id}/replay`);
    expect(early.body).toMatchObject({ outcome: 'rejected' });
    await push([counterparty]);
    const waiting = (await admin.get('/api/sync/rejected?source=onec')).body.items.find(
      (r: { externalId: string; reason: string }) => r.externalId === `${invoice.Ref_Key}:v1` && !r.reason.startsWith('unauthorized'),
    );
    const replayed = await admin.post(`/api/inbox/${waiting.id}/replay`);
    expect(replayed.body).toMatchObject({ outcome: 'stored' });
    expect(await count(w, 'SELECT count(*) AS n FROM onec_documents WHERE ref_key = ?', invoice.Ref_Key)).toBe(1);
    expect((await admin.post(`/api/inbox/${waiting.id}/replay`)).status).toBe(409);
  });

  test('the page lists sources and rejected items with a replay button; it is for the admin', async () => {
    const admin = apiAs(w, 'admin');
    const page = await admin.get('/app/sync');
    expect(page.status).toBe(200);
    expect(page.body).toContain('1С:УТ');
    expect(page.body).toContain('подпись не принята — нужно прислать заново');
    // The reason in plain Russian, the raw one kept behind «подробности».
    expect(page.body).toContain('Подпись не принята: подпись не совпадает: у отправителя другой секрет.');
    expect(page.body).toMatch(/<code data-raw-reason="true"[^>]*>unauthorized: X-Signature mismatch<\/code>/);
    expect((await apiAs(w, 'headA').get('/api/sync')).status).toBe(403);
  });

  test('every configured integration is listed, and one that never sent anything is called silent', async () => {
    const summary = (await apiAs(w, 'admin').get('/api/sync')).body;
    const byId = Object.fromEntries(summary.integrations.map((i: { id: string }) => [i.id, i]));
    expect(Object.keys(byId)).toEqual(['mango', 'zadarma', 'generic', 'onec-push', 'onec-pull', 'mail']);
    // Mango is configured in the test worker but has sent nothing; 1C has just pushed; the pull and mail are not configured.
    expect(byId['mango']).toMatchObject({ configured: true, lastReceivedAt: null, silentAfterHours: 72, silent: true });
    expect(byId['onec-push']).toMatchObject({ configured: true, silent: false });
    expect(byId['onec-pull']).toMatchObject({ configured: false, silent: false });
    const page = (await apiAs(w, 'admin').get('/app/sync')).body as string;
    expect(page).toMatch(/id="silent-warning"[^>]*>Молчат: Манго Офис, Zadarma, АТС по общему вебхуку \(Asterisk и др\.\)/);
  });

  test('rejects are paged by id: 100 a page, «Далее» to the rest, nothing lost or repeated', async () => {
    const admin = apiAs(w, 'admin');
    const waiting = (await admin.get('/api/sync/rejected?limit=500')).body.items.length;
    await w.db.batch(
      Array.from({ length: 190 }, (_, i) =>
        w.db
          .prepare(
            "INSERT INTO inbox (source, external_id, received_at, method, path, headers, body, outcome, reason) VALUES ('generic', ?, 0, 'POST', '/hooks/telephony/generic', '{}', '{}', 'rejected', 'нет поля timestamp')",
          )
          .bind(`page-${i}`),
      ),
    );
    const first = (await admin.get('/api/sync/rejected')).body;
    expect(first.items).toHaveLength(100);
    expect(first.total).toBe(waiting + 190);
    expect(first.next).toBe(first.items[99].id);
    const second = (await admin.get(`/api/sync/rejected?before=${first.next}&limit=500`)).body;
    expect(second.next).toBeNull();
    const ids = [...first.items, ...second.items].map((r: { id: number }) => r.id);
    expect(new Set(ids).size).toBe(waiting + 190);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page = (await admin.get('/app/sync')).body as string;
    expect(page).toContain(`href="/app/sync?before=${first.next}"`);
    expect(page).toContain(`Ждут повтора: ${waiting + 190}`);
    const next = (await admin.get(`/app/sync?before=${first.next}`)).body as string;
    expect(next).toContain('« В начало');
    expect(next).toContain('Не принято: нет поля timestamp.');
  });
});
