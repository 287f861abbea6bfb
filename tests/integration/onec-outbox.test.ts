import { completeInn } from '../../schema/domain/inn';
import { apiAs, count } from '../helpers/api';
import { runCron, startOnecServer, type OnecServer } from '../helpers/onec-server';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/** Companies made in Voronka go to 1C (Catalog_Контрагенты) through the outbox, in order, whatever 1C's mood. */
let w: TestWorker;
let onec: OnecServer;
beforeAll(async () => {
  onec = await startOnecServer({ data: { Catalog_Контрагенты: [] } });
  w = await startWorker({ bindings: onec.bindings() });
  await seedWorld(w);
});
afterAll(async () => {
  await w?.dispose();
  await onec?.close();
});

const MINUTE = 60_000;
const A = () => apiAs(w, 'managerA');

type OutboxRow = {
  id: number;
  entity_id: number;
  state: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  external_ref: string | null;
};
const outbox = async () =>
  (
    await w.db
      .prepare('SELECT id, entity_id, state, attempts, next_attempt_at, last_error, external_ref FROM outbox ORDER BY id')
      .all<OutboxRow>()
  ).results;
/** What the outbox said to 1C (the pull's catalog reads left out). */
const outboxCalls = (since = 0) =>
  onec.requests.slice(since).filter((r) => r.method === 'POST' || (r.query['$filter'] ?? '').includes('ИНН'));

const ALPHA_INN = completeInn('781600345');
const GAMMA_INN = completeInn('660800271');
const ids: number[] = [];

describe('the outbox to 1C', () => {
  test('a company created in Voronka, by hand or by import, is queued in creation order', async () => {
    const alpha = await A().post('/api/companies', {
      name: 'ООО «Альфа Кровля»',
      inn: ALPHA_INN,
      kpp: '781601001',
      regionId: world.regions.msk,
      contacts: [{ name: 'Пётр Сидоров', position: 'Снабженец', phones: ['+7 (916) 123-45-67'], emails: ['Snab@Alfa-Krovlya.ru'] }],
    });
    const beta = await A().post('/api/companies', { name: 'ИП Беляев (фасады)', regionId: world.regions.msk });
    expect([alpha.status, beta.status]).toEqual([201, 201]);
    const opened = await A().post('/api/imports', {
      fileName: 'клиенты.csv',
      regionId: world.regions.msk,
      mapping: { Наименование: 'name', ИНН: 'inn' },
      totalRows: 1,
    });
    const imported = await A().post(`/api/imports/${opened.body.id}/commit`, {
      rows: [{ rowNo: 2, name: 'ООО «Гамма Металл»', inn: GAMMA_INN }],
    });
    expect(imported.body.rows[0]).toMatchObject({ outcome: 'new', companyId: expect.any(Number) });
    ids.push(alpha.body.company.id, beta.body.company.id, imported.body.rows[0].companyId);

    expect((await outbox()).map((r) => [r.entity_id, r.state, r.attempts])).toEqual(ids.map((id) => [id, 'pending', 0]));
  });

  test('while 1C is down the head of the queue backs off 1, 2, 4 … 30 minutes and the others wait behind it', async () => {
    onec.down = true;
    const t0 = TEST_NOW;
    await runCron(w, t0);
    const [head, ...rest] = await outbox();
    expect(head).toMatchObject({
      attempts: 1,
      next_attempt_at: t0 + MINUTE,
      state: 'pending',
      last_error: expect.stringContaining('1С ответила 503'),
    });
    expect(rest.map((r) => r.attempts)).toEqual([0, 0]);

    // A run before the head is due does not touch it, nor overtake it.
    const mark = onec.requests.length;
    await runCron(w, t0 + 30_000);
    expect(outboxCalls(mark)).toEqual([]);
    expect((await outbox())[0]!.attempts).toBe(1);

    // An hour and a half of 1C being down: each retry comes when due and pushes the next one further out.
    const delays: number[] = [];
    let at = t0;
    for (let due = (await outbox())[0]!.next_attempt_at; due - t0 <= 90 * MINUTE; due = (await outbox())[0]!.next_attempt_at) {
      delays.push((due - at) / MINUTE);
      at = due;
      await runCron(w, due);
    }
    expect(delays).toEqual([1, 2, 4, 8, 16, 30]);
    expect((await outbox()).map((r) => [r.state, r.attempts])).toEqual([
      ['pending', 7],
      ['pending', 0],
      ['pending', 0],
    ]);

    const queuedAt = await count(w, 'SELECT min(created_at) AS n FROM outbox');
    const state = await apiAs(w, 'headA').get('/api/integrations/onec');
    expect(state.body.outbox).toMatchObject({
      pending: 3,
      sent: 0,
      headAttempts: 7,
      oldestPendingAt: queuedAt,
      oldestPendingAgeSec: expect.any(Number),
      lastError: expect.stringContaining('503'),
      headNextAttemptAt: (await outbox())[0]!.next_attempt_at,
    });
    expect(state.body.outbox.oldestPendingAgeSec).toBeLessThanOrEqual(Math.ceil((TEST_NOW - queuedAt) / 1000));
    expect((await apiAs(w, 'managerA').get('/api/integrations/onec')).status).toBe(403);
  });

  test('when 1C is back everything is delivered in creation order and the Ref_Keys come back to the companies', async () => {
    onec.down = false;
    const mark = onec.requests.length;
    await runCron(w, (await outbox())[0]!.next_attempt_at);

    const posts = onec.requests.slice(mark).filter((r) => r.method === 'POST');
    expect(posts.map((r) => [r.entity, r.status, r.body!['Description']])).toEqual([
      ['Catalog_Контрагенты', 201, 'ООО «Альфа Кровля»'],
      ['Catalog_Контрагенты', 201, 'ИП Беляев (фасады)'],
      ['Catalog_Контрагенты', 201, 'ООО «Гамма Металл»'],
    ]);
    expect(posts[0]!.body).toEqual({
      Description: 'ООО «Альфа Кровля»',
      НаименованиеПолное: 'ООО «Альфа Кровля»',
      ИНН: ALPHA_INN,
      КПП: '781601001',
      КонтактнаяИнформация: [
        {
          LineNumber: '1',
          Тип: 'Телефон',
          Представление: '+79161234567',
          НомерТелефона: '+79161234567',
          Комментарий: 'Пётр Сидоров, Снабженец',
        },
        {
          LineNumber: '2',
          Тип: 'АдресЭлектроннойПочты',
          Представление: 'snab@alfa-krovlya.ru',
          АдресЭП: 'snab@alfa-krovlya.ru',
          Комментарий: 'Пётр Сидоров, Снабженец',
        },
      ],
    });
    // Before creating a company with an ИНН, 1C is asked whether it has it already.
    expect(
      outboxCalls(mark)
        .filter((r) => r.method === 'GET')
        .map((r) => r.query['$filter']),
    ).toEqual([
      `ИНН eq '${ALPHA_INN}' and КПП eq '781601001' and DeletionMark eq false`,
      `ИНН eq '${GAMMA_INN}' and КПП eq '' and DeletionMark eq false`,
    ]);

    const refsIn1C = onec.data['Catalog_Контрагенты']!.map((c) => c['Ref_Key']);
    const rows = await outbox();
    expect(rows.map((r) => [r.state, r.external_ref])).toEqual(refsIn1C.map((ref) => ['sent', ref]));
    for (const [i, id] of ids.entries()) {
      expect(await w.db.prepare('SELECT onec_ref FROM companies WHERE id = ?').bind(id).first()).toEqual({ onec_ref: refsIn1C[i] });
    }
    expect((await apiAs(w, 'admin').get('/api/integrations/onec')).body.outbox).toMatchObject({
      pending: 0,
      sent: 3,
      oldestPendingAt: null,
      headAttempts: null,
    });
  });

  test('nothing is sent twice, and pulling the counterparties back makes no duplicate companies', async () => {
    const companies = await count(w, 'SELECT count(*) AS n FROM companies');
    const mark = onec.requests.length;
    await runCron(w, TEST_NOW + 2 * 3_600_000);
    expect(onec.requests.slice(mark).filter((r) => r.method === 'POST')).toEqual([]);
    expect(onec.reads('Catalog_Контрагенты', mark).length).toBeGreaterThan(0);
    expect(await count(w, 'SELECT count(*) AS n FROM companies')).toBe(companies);
    expect(onec.data['Catalog_Контрагенты']).toHaveLength(3);
  });

  test('a company 1C already has (same ИНН and КПП) is linked to it, not created again', async () => {
    const existing = {
      Ref_Key: '3c9e11d2-6a0b-11f1-8c2a-00155d0a1f01',
      DataVersion: 'AAAAAwAAAAA=',
      DeletionMark: false,
      Description: 'Дельта Профиль',
      НаименованиеПолное: 'ООО «Дельта Профиль»',
      ИНН: completeInn('773101234'),
      КПП: '773101001',
    };
    onec.data['Catalog_Контрагенты']!.push(existing);
    const made = await A().post('/api/companies', {
      name: 'ООО «Дельта Профиль»',
      inn: existing.ИНН,
      kpp: existing.КПП,
      regionId: world.regions.msk,
    });
    expect(made.status).toBe(201);
    const mark = onec.requests.length;
    await runCron(w, TEST_NOW + 3 * 3_600_000);
    expect(onec.requests.slice(mark).filter((r) => r.method === 'POST')).toEqual([]);
    expect(await w.db.prepare('SELECT onec_ref FROM companies WHERE id = ?').bind(made.body.company.id).first()).toEqual({
      onec_ref: existing.Ref_Key,
    });
    expect((await outbox()).at(-1)).toMatchObject({ entity_id: made.body.company.id, state: 'sent', external_ref: existing.Ref_Key });
  });

  test('an answer lost after 1C wrote the counterparty makes no second one: the retry finds it by ИНН', async () => {
    const inn = completeInn('502900112');
    const made = await A().post('/api/companies', { name: 'ООО «Эпсилон Снаб»', inn, kpp: '502901001', regionId: world.regions.msk });
    onec.loseAnswers = true;
    const first = TEST_NOW + 4 * 3_600_000;
    await runCron(w, first);
    onec.loseAnswers = false;
    expect((await outbox()).at(-1)).toMatchObject({
      entity_id: made.body.company.id,
      state: 'pending',
      attempts: 1,
      last_error: expect.stringContaining('504'),
    });
    const written = onec.data['Catalog_Контрагенты']!.filter((c) => c['ИНН'] === inn);
    expect(written).toHaveLength(1);

    // The pull's catalog pass fails this time, so only the outbox itself can find the written one.
    onec.failWhen = (r) =>
      r.method === 'GET' && r.entity === 'Catalog_Контрагенты' && !(r.query['$filter'] ?? '').includes('ИНН') ? 500 : null;
    const mark = onec.requests.length;
    await runCron(w, first + MINUTE);
    onec.failWhen = null;
    expect(outboxCalls(mark).map((r) => r.method)).toEqual(['GET']);
    expect(onec.data['Catalog_Контрагенты']!.filter((c) => c['ИНН'] === inn)).toHaveLength(1);
    expect((await outbox()).at(-1)).toMatchObject({ state: 'sent', attempts: 2, external_ref: written[0]!['Ref_Key'] });
    expect(await w.db.prepare('SELECT onec_ref FROM companies WHERE id = ?').bind(made.body.company.id).first()).toEqual({
      onec_ref: written[0]!['Ref_Key'],
    });
  });
});
