import { apiAs, count } from '../helpers/api';
import { at, TEST_NOW } from '../helpers/clock';
import { deliverMail, mailEventsOf, mailFixture, mailInboxOf, VORONKA_ADDRESS } from '../helpers/mail';
import { sweepPlan } from '../helpers/sweep';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Mail on workerd: the Email Worker's `email()` handler is called through Miniflare's worker
 * fetcher (`getWorker().email(...)`, the call Miniflare's own /cdn-cgi/handler/email makes; only
 * plain data and streams cross from Node, so no Headers or setReject), and /api/mail/log over HTTP.
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker({ bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const fixture = mailFixture;
const deliver = (raw: Buffer | string, opts: { rawSize?: number; bytes?: boolean } = {}) => deliverMail(w, raw, opts);
const mailEvents = (messageId: string) => mailEventsOf(w, messageId);
const inboxOf = (messageId: string) => mailInboxOf(w, messageId);

const A = () => apiAs(w, 'managerA');
const occurredAt = async (messageId: string) =>
  (
    await w.db
      .prepare("SELECT occurred_at FROM events WHERE source = 'mail' AND kind = 'mail' AND substr(external_id, 1, ?) = ? ORDER BY id")
      .bind(messageId.length + 1, `${messageId}#`)
      .all<{ occurred_at: number }>()
  ).results.map((r) => r.occurred_at);

describe('the Email Worker files mail', () => {
  test("a mail from a known contact lands on 101's timeline with its subject, snippet and sender; the inbox keeps headers and snippet", async () => {
    await deliver(fixture('plain-known-sender.eml'));
    const [event, ...more] = await mailEvents('plain-1@krovlya.ru');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      company_id: world.companies.ofA,
      contact_id: 201,
      user_id: world.users.managerA.id,
      direction: 'in',
      counterpart: 'ivan@krovlya.ru',
      subject: 'Сроки поставки профнастила',
    });
    expect(JSON.parse(event!.details)).toMatchObject({
      messageId: 'plain-1@krovlya.ru',
      threadId: 'plain-1@krovlya.ru',
      from: 'ivan@krovlya.ru',
      to: ['a@test.ru'],
      attachments: [],
      snippet: 'Анна, добрый день! Подскажите, когда сможете отгрузить профнастил С21 (120 листов)?',
    });
    const card = await A().get(`/api/companies/${world.companies.ofA}/card`);
    expect(card.body.timeline).toContainEqual(
      expect.objectContaining({ kind: 'mail', direction: 'in', subject: 'Сроки поставки профнастила', userName: 'Анна Менеджер' }),
    );
    const [kept] = await inboxOf('plain-1@krovlya.ru');
    expect(kept).toMatchObject({ method: 'EMAIL', path: `mailto:${VORONKA_ADDRESS}`, outcome: 'stored', reason: null });
    expect(JSON.parse(kept!.body)).toMatchObject({
      headers: expect.stringContaining('Message-ID: <plain-1@krovlya.ru>'),
      message: { snippet: expect.stringContaining('профнастил С21') },
    });
  });

  test("an outgoing mail with a PDF from manager A moves A's open lead to «КП отправлено»; a logo in a signature does not", async () => {
    const lead = await A().post('/api/leads', { companyId: world.companies.ofA });
    expect(lead.body.stageId).toBe('new');

    await deliver(fixture('outgoing-signature-logo.eml'));
    expect((await mailEvents('logo-1@test.ru'))[0]).toMatchObject({
      direction: 'out',
      lead_id: lead.body.id,
      user_id: world.users.managerA.id,
    });
    expect((await A().get(`/api/leads/${lead.body.id}`)).body.stageId).toBe('new');

    await deliver(fixture('outgoing-with-pdf.eml'));
    const [event] = await mailEvents('kp-1@test.ru');
    expect(event).toMatchObject({
      direction: 'out',
      lead_id: lead.body.id,
      user_id: world.users.managerA.id,
      counterpart: 'ivan@krovlya.ru',
    });
    expect(JSON.parse(event!.details)).toMatchObject({
      attachments: [{ name: 'КП_Кровля_А.pdf', size: 142 }],
      cc: ['b@test.ru'],
      hasAttachment: true,
    });
    const card = (await A().get(`/api/leads/${lead.body.id}`)).body;
    expect(card.stageId).toBe('proposal');
    expect(card.history.at(-1)).toMatchObject({
      toStageId: 'proposal',
      cause: 'rule',
      causeText: 'Правило «исходящее письмо с вложением»: КП на профнастил С21',
    });
    const [kept] = await inboxOf('kp-1@test.ru');
    expect(kept!.body).not.toContain('JVBERi0'); // the PDF's base64 never reaches the inbox
    expect(kept!.body).toContain('КП_Кровля_А.pdf');
  });

  test('a reply threads to the root of its conversation, through the References it carries', async () => {
    await deliver(fixture('reply-in-thread.eml'));
    const [reply] = await mailEvents('reply-2@krovlya.ru');
    expect(JSON.parse(reply!.details)).toMatchObject({
      threadId: 'plain-1@krovlya.ru',
      inReplyTo: 'kp-1@test.ru',
      snippet: 'Спасибо, цена устраивает. Выставляйте счёт.',
    });
    // In-Reply-To alone finds the thread through the stored event it answers.
    await deliver(
      `From: ivan@krovlya.ru\nTo: a@test.ru\nSubject: Re: Re: КП\nMessage-ID: <reply-3@krovlya.ru>\nIn-Reply-To: <reply-2@krovlya.ru>\nDate: Tue, 24 Nov 2026 10:00:00 +0300\n\nИ ещё вопрос по доставке.\n`,
    );
    expect(JSON.parse((await mailEvents('reply-3@krovlya.ru'))[0]!.details).threadId).toBe('plain-1@krovlya.ru');
    // A new conversation is its own thread.
    await deliver(fixture('cp1251-subject.eml'));
    expect(JSON.parse((await mailEvents('cp1251-1@krovlya.ru'))[0]!.details)).toMatchObject({ threadId: 'cp1251-1@krovlya.ru' });
  });

  test("an unknown sender opens a prospect named after his domain, with him as a contact and a lead 'new' from mail in the pool", async () => {
    const companiesBefore = await count(w, 'SELECT count(*) AS n FROM companies');
    await deliver(fixture('unknown-sender.eml'));
    const [event] = await mailEvents('unknown-1@stroymir-ekb.ru');
    const company = await w.db
      .prepare('SELECT * FROM companies WHERE id = ?')
      .bind(event!.company_id)
      .first<{ name: string; status: string; owner_id: number | null; region_id: number }>();
    expect(company).toMatchObject({ name: 'stroymir-ekb.ru', status: 'prospect', owner_id: null, region_id: world.regions.msk });
    expect(
      await w.db
        .prepare(
          "SELECT k.name, p.value FROM contact_points p JOIN contacts k ON k.id = p.contact_id WHERE p.kind = 'email' AND p.company_id = ?",
        )
        .bind(event!.company_id)
        .all(),
    ).toMatchObject({ results: [{ name: 'Сергей Орлов', value: 'orlov@stroymir-ekb.ru' }] });
    const lead = await w.db
      .prepare('SELECT * FROM leads WHERE company_id = ?')
      .bind(event!.company_id)
      .first<{ id: number; stage_id: string; channel: string; owner_id: number | null }>();
    expect(lead).toMatchObject({ id: event!.lead_id, stage_id: 'new', channel: 'mail', owner_id: null });
    expect(
      await w.db.prepare('SELECT cause, cause_rule, cause_event_id FROM stage_changes WHERE lead_id = ?').bind(lead!.id).first(),
    ).toEqual({ cause: 'event', cause_rule: 'mail_unknown_sender', cause_event_id: event!.id });
    expect((await apiAs(w, 'headA').get(`/api/leads/${lead!.id}`)).body.why).toBe('Запрос цены на металлочерепицу');

    // The same mail again changes nothing; a colleague from the same firm joins it as a contact, without a second lead.
    await deliver(fixture('unknown-sender.eml'));
    await deliver(
      'From: Ольга Петрова <petrova@stroymir-ekb.ru>\nTo: a@test.ru\nSubject: Реквизиты\nMessage-ID: <unknown-2@stroymir-ekb.ru>\nDate: Wed, 25 Nov 2026 16:00:00 +0500\n\nВысылаю реквизиты.\n',
    );
    expect(await count(w, 'SELECT count(*) AS n FROM companies')).toBe(companiesBefore + 1);
    expect(await count(w, 'SELECT count(*) AS n FROM leads WHERE company_id = ?', event!.company_id)).toBe(1);
    expect((await mailEvents('unknown-2@stroymir-ekb.ru'))[0]).toMatchObject({
      company_id: event!.company_id,
      lead_id: lead!.id,
      counterpart: 'petrova@stroymir-ekb.ru',
    });
    expect((await inboxOf('unknown-1@stroymir-ekb.ru')).map((r) => r.outcome)).toEqual(['stored', 'duplicate']);
  });

  test('never-logged and internal mail create no events and no prospects, but stay in the inbox with the reason', async () => {
    expect((await apiAs(w, 'admin').post('/api/mail/never-log', { pattern: '@Bank-Rassylka.ru', note: 'банк, рассылки' })).status).toBe(
      201,
    );
    const companiesBefore = await count(w, 'SELECT count(*) AS n FROM companies');
    await deliver(fixture('newsletter.eml'));
    await deliver(fixture('internal.eml'));
    expect(await mailEvents('news-777@bank-rassylka.ru')).toEqual([]);
    expect(await mailEvents('internal-1@test.ru')).toEqual([]);
    expect(await inboxOf('news-777@bank-rassylka.ru')).toMatchObject([
      { outcome: 'stored', reason: 'в списке «не записывать»: @bank-rassylka.ru' },
    ]);
    expect(await inboxOf('internal-1@test.ru')).toMatchObject([{ outcome: 'stored', reason: 'внутренняя переписка — не записывается' }]);
    // A newsletter from a sender nobody listed still opens no lead: it is kept as rejected, to list or to replay.
    await deliver(
      fixture('newsletter.eml')
        .toString('utf8')
        .replace(/bank-rassylka\.ru/g, 'shop-promo.ru'),
    );
    expect(await inboxOf('news-777@shop-promo.ru')).toMatchObject([
      {
        outcome: 'rejected',
        reason: 'ничего не записано — news@shop-promo.ru: рассылка от неизвестного отправителя (List-Unsubscribe / List-Id)',
      },
    ]);
    expect(await count(w, 'SELECT count(*) AS n FROM companies')).toBe(companiesBefore);
  });

  test('an outgoing mail to an unknown address is kept as rejected and files itself on replay once the address is a contact', async () => {
    await deliver(
      'From: a@test.ru\nTo: zakupki@novyi-zavod.ru\nSubject: КП\nMessage-ID: <to-unknown-1@test.ru>\nDate: Thu, 26 Nov 2026 09:00:00 +0300\n\nДобрый день, направляем КП.\n',
    );
    const kept = await w.db
      .prepare("SELECT id, outcome, reason FROM inbox WHERE source = 'mail' AND external_id = 'to-unknown-1@test.ru'")
      .first<{ id: number; outcome: string; reason: string }>();
    expect(kept).toMatchObject({ outcome: 'rejected', reason: 'ничего не записано — zakupki@novyi-zavod.ru: нет такого контакта' });
    expect(
      (await A().post(`/api/companies/${world.companies.ofA}/contacts`, { name: 'Закупки', emails: ['zakupki@novyi-zavod.ru'] })).status,
    ).toBe(201);
    const replay = await apiAs(w, 'admin').post(`/api/inbox/${kept!.id}/replay`);
    expect(replay.body).toMatchObject({ outcome: 'stored' });
    expect(await mailEvents('to-unknown-1@test.ru')).toMatchObject([{ company_id: world.companies.ofA, direction: 'out' }]);
  });

  test('a mail over 25 MiB or one that cannot be parsed is kept as rejected, never thrown back at the sender', async () => {
    await deliver('From: big@client.ru\nTo: a@test.ru\nSubject: Чертежи\nMessage-ID: <big-1@client.ru>\n\n(вложения)\n', {
      rawSize: 26 * 1024 * 1024,
    });
    const nested = `From: deep@client.ru\nTo: a@test.ru\nMessage-ID: <deep-1@client.ru>\nContent-Type: multipart/mixed; boundary="b0"\n\n${Array.from(
      { length: 300 },
      (_, i) => `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`,
    ).join('')}`;
    await deliver(nested, { bytes: true });
    const rows = (
      await w.db
        .prepare(
          "SELECT body, outcome, reason FROM inbox WHERE source = 'mail' AND (body LIKE '%big-1@client.ru%' OR body LIKE '%deep-1@client.ru%') ORDER BY id",
        )
        .all<{ body: string; outcome: string; reason: string }>()
    ).results;
    expect(rows).toMatchObject([
      { outcome: 'rejected', reason: `письмо больше 25 МиБ (${26 * 1024 * 1024} байт)` },
      { outcome: 'rejected', reason: expect.stringMatching(/^письмо не разобрано: /) },
    ]);
    expect(JSON.parse(rows[0]!.body).headers).toContain('Subject: Чертежи');
  });
});

describe('the extension logs a webmail message: POST /api/mail/log', () => {
  const body = (over: Record<string, unknown> = {}) => ({
    messageId: '<ext-1@krovlya.ru>',
    from: 'Иван Петров <ivan@krovlya.ru>',
    to: ['Анна Менеджер <a@test.ru>'],
    date: '2026-11-26T11:00:00+03:00',
    subject: 'Счёт получили',
    snippet: 'Счёт получили, оплатим в пятницу.\n> старое',
    attachments: [],
    ...over,
  });

  test('answers what was logged, and is idempotent by Message-ID with the Email Worker in either order', async () => {
    const first = await A().post('/api/mail/log', body());
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      messageId: 'ext-1@krovlya.ru',
      direction: 'in',
      duplicate: false,
      leadCreated: false,
      companies: [{ companyId: world.companies.ofA, duplicate: false }],
    });
    expect((await A().post('/api/mail/log', body())).body).toMatchObject({
      duplicate: true,
      companies: [{ companyId: world.companies.ofA, eventId: first.body.companies[0].eventId }],
    });
    await deliver(
      `From: ivan@krovlya.ru\nTo: a@test.ru\nSubject: Счёт получили\nMessage-ID: <ext-1@krovlya.ru>\nDate: Thu, 26 Nov 2026 11:00:00 +0300\n\nСчёт получили, оплатим в пятницу.\n`,
    );
    expect(await mailEvents('ext-1@krovlya.ru')).toHaveLength(1);
    expect((await inboxOf('ext-1@krovlya.ru')).map((r) => [r.method, r.outcome])).toEqual([
      ['POST', 'stored'],
      ['POST', 'duplicate'],
      ['EMAIL', 'duplicate'],
    ]);

    // The other order: the Email Worker first (the cp1251 mail above), the extension second.
    const again = await A().post('/api/mail/log', body({ messageId: 'cp1251-1@krovlya.ru', subject: 'Коммерческое предложение' }));
    expect(again.body).toMatchObject({ duplicate: true, threadId: 'cp1251-1@krovlya.ru' });
    expect(await mailEvents('cp1251-1@krovlya.ru')).toHaveLength(1);
  });

  test("the event is filed at the mail's own date, not at the click; a date from the future or 20+ years back is refused and kept", async () => {
    const res = await A().post('/api/mail/log', body({ messageId: '<ext-dated@krovlya.ru>', date: '2026-11-20T05:15:00+03:00' }));
    expect(res.status).toBe(200);
    expect(await occurredAt('ext-dated@krovlya.ru')).toEqual([at('2026-11-20T05:15:00+03:00')]);

    const ahead = await A().post('/api/mail/log', body({ messageId: '<ext-future@krovlya.ru>', date: TEST_NOW + 11 * 60_000 }));
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.fields).toEqual([{ field: 'body.date', message: 'Дата письма в будущем' }]);
    const ancient = await A().post('/api/mail/log', body({ messageId: '<ext-old@krovlya.ru>', date: '1926-11-20T05:15:00+03:00' }));
    expect(ancient.body.error.fields).toEqual([{ field: 'body.date', message: 'Дата письма старше 20 лет' }]);
    // A clock a few minutes fast is normal: filed at the server's now, never later.
    await A().post('/api/mail/log', body({ messageId: '<ext-skew@krovlya.ru>', date: TEST_NOW + 4 * 60_000 }));
    expect(await occurredAt('ext-skew@krovlya.ru')).toEqual([TEST_NOW]);

    // A page whose date the extension cannot read sends none: filed at receipt.
    const { date: _date, ...undated } = body({ messageId: '<ext-undated@krovlya.ru>' });
    expect((await A().post('/api/mail/log', undated)).status).toBe(200);
    expect(await occurredAt('ext-undated@krovlya.ru')).toEqual([TEST_NOW]);
    // …and the event says it is dated at its receipt; a dated one does not.
    expect(JSON.parse((await mailEvents('ext-undated@krovlya.ru'))[0]!.details)).toMatchObject({ dateSource: 'receipt' });
    expect(JSON.parse((await mailEvents('ext-dated@krovlya.ru'))[0]!.details)).not.toHaveProperty('dateSource');

    expect(await mailEvents('ext-future@krovlya.ru')).toEqual([]);
    const kept = await w.db
      .prepare("SELECT outcome, reason FROM inbox WHERE source = 'mail' AND path = '/api/mail/log' AND body LIKE '%ext-future@krovlya.ru%'")
      .all<{ outcome: string; reason: string }>();
    expect(kept.results).toEqual([{ outcome: 'rejected', reason: 'a@test.ru: body.date: Дата письма в будущем' }]);
  });

  test("a manager logs only into his own scope: B's attempt on A's client writes nothing and says so", async () => {
    const res = await apiAs(w, 'managerB').post('/api/mail/log', body({ messageId: '<ext-b@krovlya.ru>', to: ['b@test.ru'] }));
    expect(res.body).toMatchObject({ duplicate: false, companies: [], skipped: [{ address: 'ivan@krovlya.ru', reason: 'out_of_scope' }] });
    expect(await mailEvents('ext-b@krovlya.ru')).toEqual([]);
  });

  test('an unknown sender logged by a manager opens a prospect and lead that are his; an outgoing mail with a file moves it', async () => {
    const res = await A().post(
      '/api/mail/log',
      body({ messageId: '<ext-new@gmail.com>', from: 'Пётр Козлов <kozlov.p@gmail.com>', subject: 'Нужен профлист' }),
    );
    expect(res.body).toMatchObject({ leadCreated: true, companies: [{ createdProspect: true }] });
    const { companyId, leadId } = res.body.companies[0];
    expect(await w.db.prepare('SELECT name, owner_id FROM companies WHERE id = ?').bind(companyId).first()).toEqual({
      name: 'Пётр Козлов',
      owner_id: world.users.managerA.id,
    });
    const out = await A().post(
      '/api/mail/log',
      body({
        messageId: '<ext-kp@test.ru>',
        from: 'a@test.ru',
        to: ['kozlov.p@gmail.com'],
        inReplyTo: '<ext-new@gmail.com>',
        attachments: [{ name: 'КП.pdf', size: 52_000 }],
      }),
    );
    expect(out.body).toMatchObject({
      direction: 'out',
      threadId: 'ext-new@gmail.com',
      companies: [{ companyId, leadId, movedTo: 'proposal' }],
    });
  });

  test('malformed bodies (of 2,100 generated): each is a 400 naming what is wrong, none a 5xx, and every one is kept in the inbox as rejected', async () => {
    const extension = (await createToken(w, await sessionCookie(w, 'managerA'), 'api')).secret;
    const generated = malformedBodies(2_100);
    const bodies = sweepPlan('malformed /api/mail/log', generated.length, 500).indexes.map((i) => generated[i]!);
    const before = await count(
      w,
      "SELECT count(*) AS n FROM inbox WHERE source = 'mail' AND path = '/api/mail/log' AND outcome = 'rejected'",
    );
    const statuses = new Map<number, number>();
    for (let i = 0; i < bodies.length; i += 25) {
      await Promise.all(
        bodies.slice(i, i + 25).map(async (b, j) => {
          const res = await w.fetch('/api/mail/log', {
            method: 'POST',
            headers: { authorization: `Bearer ${extension}`, 'content-type': 'application/json' },
            body: b,
          });
          const json = (await res.json()) as { error?: { code: string } };
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          if (res.status !== 400) throw new Error(`body #${i + j} answered ${res.status}: ${b.slice(0, 300)}`);
          expect(['validation_failed', 'bad_request']).toContain(json.error?.code);
        }),
      );
    }
    expect([...statuses.keys()]).toEqual([400]);
    expect(
      await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'mail' AND path = '/api/mail/log' AND outcome = 'rejected'"),
    ).toBe(before + bodies.length);
    const sample = await w.db
      .prepare("SELECT reason FROM inbox WHERE source = 'mail' AND outcome = 'rejected' AND reason LIKE '%body.date%' LIMIT 1")
      .first<{ reason: string }>();
    expect(sample!.reason).toMatch(/^a@test\.ru: .*body\.date/);
    // Without credentials nothing is read and nothing kept.
    const anonymous = await w.fetch('/api/mail/log', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"messageId":1}',
    });
    expect(anonymous.status).toBe(401);
    expect(
      await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'mail' AND path = '/api/mail/log' AND outcome = 'rejected'"),
    ).toBe(before + bodies.length);
  });
});

describe('the never-log list (admin)', () => {
  test('adds an address or @domain in stored form, refuses anything else, lists it with the own domains, removes it', async () => {
    const admin = apiAs(w, 'admin');
    expect((await admin.post('/api/mail/never-log', { pattern: 'Director@Bank.ru' })).body).toEqual({
      pattern: 'director@bank.ru',
      note: null,
    });
    const bad = await admin.post('/api/mail/never-log', { pattern: 'bank.ru' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('body.pattern');
    const list = (await admin.get('/api/mail/never-log')).body;
    expect(list.ownDomains).toEqual(['test.ru']);
    expect(list.items).toEqual(
      expect.arrayContaining([
        { pattern: 'director@bank.ru', note: null },
        { pattern: '@bank-rassylka.ru', note: 'банк, рассылки' },
      ]),
    );
    expect((await admin.del('/api/mail/never-log?pattern=director%40bank.ru')).body).toEqual({
      pattern: 'director@bank.ru',
      removed: true,
    });
    expect((await admin.del('/api/mail/never-log?pattern=director%40bank.ru')).status).toBe(404);
    expect((await A().post('/api/mail/never-log', { pattern: '@x.ru' })).status).toBe(403);
  });
});

/** Deterministic bad bodies: a valid one with one to three breaking changes, plus non-JSON and wrong shapes. */
function malformedBodies(n: number): string[] {
  let seed = 20261127;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const valid = () =>
    ({
      messageId: `<sweep-${Math.floor(rnd() * 1e9)}@krovlya.ru>`,
      from: 'ivan@krovlya.ru',
      to: ['a@test.ru'],
      date: '2026-11-26T11:00:00+03:00',
      subject: 'Тема',
    }) as Record<string, unknown>;
  const breaks: ((b: Record<string, unknown>) => void)[] = [
    (b) => {
      delete b[pick(['messageId', 'from', 'to'])];
    },
    (b) => {
      b['messageId'] = pick(['', 'a b@c', 'x', 123, null, {}, [], 'x'.repeat(1000), '<a@b> <c@d>']);
    },
    (b) => {
      b['from'] = pick(['не адрес', '', 42, ['ivan@krovlya.ru'], 'ivan@krovlya', null, 'Иван <ivan@krovlya.ru', '<>']);
    },
    (b) => {
      b['to'] = pick(['a@test.ru', [1], ['bad'], null, {}, Array(101).fill('a@test.ru'), [null]]);
    },
    (b) => {
      b['cc'] = pick(['a@test.ru', [{}], ['nope'], 7]);
    },
    (b) => {
      b['date'] = pick(['вчера', '', -5, 1.5, true, null, {}, [], '2026-13-45T99:99']);
    },
    (b) => {
      b['subject'] = pick([5, [], {}, 'я'.repeat(2001), false]);
    },
    (b) => {
      b['snippet'] = pick([5, [], {}, 'я'.repeat(100_001)]);
    },
    (b) => {
      b['attachments'] = pick([
        {},
        [{}],
        [{ name: '' }],
        [{ name: 'a.pdf', size: -1 }],
        [{ name: 'a.pdf', size: 'big' }],
        Array(101).fill({ name: 'a.pdf' }),
        'a.pdf',
        [{ name: 'я'.repeat(256) }],
      ]);
    },
    (b) => {
      b['inReplyTo'] = pick(['', 'a b', 5, {}]);
    },
    (b) => {
      b['references'] = pick(['<a@b>', [' a b '], [5], Array(101).fill('<a@b>')]);
    },
  ];
  const raw: string[] = [
    '',
    'null',
    '[]',
    '"письмо"',
    '42',
    'true',
    '{',
    '{"messageId":',
    '\u0000\u0001\u0002',
    '<html>',
    'messageId=1&from=2',
    '{}',
  ];
  const out: string[] = [...raw];
  while (out.length < n) {
    const b = valid();
    const times = 1 + Math.floor(rnd() * 3);
    for (let k = 0; k < times; k++) pick(breaks)(b);
    const json = JSON.stringify(b);
    out.push(rnd() < 0.05 ? json.slice(0, Math.floor(rnd() * json.length)) : json);
  }
  return out;
}
