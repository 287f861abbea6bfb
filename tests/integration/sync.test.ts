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
    expect((await apiAs(w, 'headA').get('/api/sync')).status).toBe(403);
  });
});
