import { apiAs, count } from '../helpers/api';
import { deliverMail, mailEventsOf, mailFixture, mailInboxOf } from '../helpers/mail';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Mail as real clients and servers send it, through the worker's email() entry (tests/helpers/mail.ts): Outlook, Thunderbird, Apple Mail, Яндекс, Mail.ru, 1С:УТ, Exchange
 * and Postfix reports and auto-replies — each with the event, snippet and lead it should leave, or
 * none. Also: no input length breaks ingest or the company search (D1 refuses LIKE patterns over
 * 50 bytes), and a mail that cannot be filed is kept in the inbox and replays.
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker({ bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const LONG_DOMAIN = 'proizvodstvenno-kommercheskaya-firma-stroykomplekt.ru';
const fixture = mailFixture;
const deliver = (raw: Buffer | string) => deliverMail(w, raw);
const mailEvents = (messageId: string) => mailEventsOf(w, messageId);
const inboxOf = (messageId: string) => mailInboxOf(w, messageId);
const companyOf = (id: number) =>
  w.db.prepare('SELECT name, status, owner_id FROM companies WHERE id = ?').bind(id).first<{ name: string; status: string }>();
const leadsOf = async (companyId: number) =>
  (
    await w.db
      .prepare('SELECT id, stage_id, channel FROM leads WHERE company_id = ? ORDER BY id')
      .bind(companyId)
      .all<{ id: number; stage_id: string; channel: string }>()
  ).results;
const companies = () => count(w, 'SELECT count(*) AS n FROM companies');
const emailsOf = async (companyId: number) =>
  (
    await w.db
      .prepare("SELECT value FROM contact_points WHERE kind = 'email' AND company_id = ? ORDER BY id")
      .bind(companyId)
      .all<{ value: string }>()
  ).results.map((r) => r.value);

describe('mail as the clients write it', () => {
  let leadOfA: number;
  beforeAll(async () => {
    leadOfA = (await apiAs(w, 'managerA').post('/api/leads', { companyId: world.companies.ofA })).body.id;
  });

  test('Outlook (windows-1251, quoted-printable) from a known contact: one event on his company, the «От: … Отправлено:» history cut', async () => {
    const before = await companies();
    await deliver(fixture('outlook-cp1251-qp.eml'));
    const [event, ...more] = await mailEvents('000a01db6459$3c9f2e40$b5dd8ac0$@krovlya.ru');
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      company_id: world.companies.ofA,
      contact_id: 201,
      lead_id: leadOfA,
      user_id: world.users.managerA.id,
      direction: 'in',
      counterpart: 'ivan@krovlya.ru',
      subject: 'RE: Счёт на профнастил С21',
    });
    expect(JSON.parse(event!.details).snippet).toBe(
      'Анна, добрый день! Счёт получили, оплатим до пятницы. Доставку ждём в четверг, как договаривались. С уважением, Иван Петров ООО «Кровля А», отдел снабжения +7 (495) 123-45-67',
    );
    expect(await companies()).toBe(before);
    expect(await leadsOf(world.companies.ofA)).toEqual([{ id: leadOfA, stage_id: 'new', channel: 'manual' }]);
  });

  test('1С:УТ sends an invoice PDF from the manager: an outgoing mail with the file, which moves the lead by the attachment rule', async () => {
    await deliver(fixture('1c-ut-invoice.eml'));
    const [event] = await mailEvents('6f2b9d1e4a7c4b3f8e0d1c2a5b6e7f80@test.ru');
    expect(event).toMatchObject({
      company_id: world.companies.ofA,
      lead_id: leadOfA,
      user_id: world.users.managerA.id,
      direction: 'out',
      counterpart: 'ivan@krovlya.ru',
      subject: 'Счет на оплату № ТД-125 от 02.12.2026',
    });
    expect(JSON.parse(event!.details)).toMatchObject({
      attachments: [{ name: 'Счет на оплату № ТД-125 от 02.12.2026.pdf', size: 142 }],
      snippet: 'Добрый день! Направляем Вам счет на оплату № ТД-125 от 02.12.2026 на сумму 86 400,00 руб. С уважением, Анна Менеджер',
    });
    expect((await leadsOf(world.companies.ofA)).map((l) => l.stage_id)).toEqual(['proposal']);
  });

  test("Exchange's «Автоматический ответ» from a known contact is on his timeline as an auto-reply, and opens nothing", async () => {
    const before = await companies();
    await deliver(fixture('exchange-oof-ru.eml'));
    const [event] = await mailEvents('6E1D2C3B4A5948F7A1B2C3D4E5F60718@EXCH01.krovlya.local');
    expect(event).toMatchObject({
      company_id: world.companies.ofA,
      lead_id: leadOfA,
      direction: 'in',
      subject: 'Автоматический ответ: Счет на оплату',
    });
    expect(JSON.parse(event!.details)).toMatchObject({
      auto: 'auto_reply',
      threadId: '6f2b9d1e4a7c4b3f8e0d1c2a5b6e7f80@test.ru',
      snippet: 'Здравствуйте! Я в отпуске до 14 декабря. По срочным вопросам: Мария Сидорова, +7 495 123-45-68. Иван Петров',
    });
    expect(await companies()).toBe(before);
    expect((await leadsOf(world.companies.ofA)).map((l) => l.stage_id)).toEqual(['proposal']);
  });

  test('Thunderbird (format=flowed, reply under the quote) from an unknown sender at a 53-character domain opens a prospect; Apple Mail (delsp=yes) from his colleague joins it', async () => {
    const before = await companies();
    await deliver(fixture('thunderbird-flowed.eml'));
    const [event] = await mailEvents(`8f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f@${LONG_DOMAIN}`);
    expect(event).toMatchObject({ direction: 'in', counterpart: `snab@${LONG_DOMAIN}`, subject: 'Re: Прайс на декабрь' });
    expect(JSON.parse(event!.details).snippet).toBe(
      'Анна, спасибо! Нас интересует профнастил С21 оцинкованный, 0,5 мм — около 340 м² на объект в Тюмени. Подскажите, пожалуйста, сроки и стоимость доставки до объекта.',
    );
    expect(await companyOf(event!.company_id)).toMatchObject({ name: LONG_DOMAIN, status: 'prospect', owner_id: null });
    const [lead, ...moreLeads] = await leadsOf(event!.company_id);
    expect(moreLeads).toEqual([]);
    expect(lead).toEqual({ id: event!.lead_id, stage_id: 'new', channel: 'mail' });

    // The colleague is found by the domain (a suffix compare, not LIKE '%@…', which D1 refuses past 50 bytes).
    await deliver(fixture('applemail-flowed-delsp.eml'));
    const [second] = await mailEvents(`A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C5D@${LONG_DOMAIN}`);
    expect(second).toMatchObject({ company_id: event!.company_id, lead_id: lead!.id, counterpart: `buh@${LONG_DOMAIN}` });
    expect(JSON.parse(second!.details).snippet).toBe(
      'Анна, добрый день! Прошу выставить счёт на профнастил С21, 340 м². Реквизиты во вложении к прошлому письму. — оплата в течение трёх дней — доставка за наш счёт С уважением, Ирина Волкова',
    );
    expect(await emailsOf(event!.company_id)).toEqual([`snab@${LONG_DOMAIN}`, `buh@${LONG_DOMAIN}`]);
    expect(await companies()).toBe(before + 1);
  });

  test('Яндекс (history unquoted under «02.12.2026, 10:00, "Имя" <адрес>:») and Mail.ru (KOI8-R) from public mailboxes: prospects named after the people, the history cut', async () => {
    await deliver(fixture('yandex-reply.eml'));
    const [ya] = await mailEvents('1402231764666331@mail.yandex.ru');
    expect(JSON.parse(ya!.details).snippet).toBe(
      'Добрый день! Да, доставка в четверг подходит. Пришлите, пожалуйста, счёт на ИП Смирнова О. В. Ольга',
    );
    expect(await companyOf(ya!.company_id)).toMatchObject({ name: 'Ольга Смирнова', status: 'prospect' });
    expect(await leadsOf(ya!.company_id)).toEqual([{ id: ya!.lead_id, stage_id: 'new', channel: 'mail' }]);

    await deliver(fixture('mailru-koi8r.eml'));
    const [mr] = await mailEvents('1764674469.357193411@f512.i.mail.ru');
    expect(mr).toMatchObject({ subject: 'Re: Счёт 121 от 2 декабря', counterpart: 's.kuznetsov@mail.ru' });
    expect(JSON.parse(mr!.details).snippet).toBe('Анна, здравствуйте! Счёт оплатили сегодня, платёжку пришлю завтра утром.');
    expect(await companyOf(mr!.company_id)).toMatchObject({ name: 'Сергей Кузнецов', status: 'prospect' });
    expect(await leadsOf(mr!.company_id)).toEqual([{ id: mr!.lead_id, stage_id: 'new', channel: 'mail' }]);
  });
});

describe('reports and auto-replies are not clients', () => {
  test('an Exchange non-delivery report in Russian (multipart/mixed) from postmaster of a client’s domain: no event, no contact, no lead', async () => {
    const before = { companies: await companies(), leads: await count(w, 'SELECT count(*) AS n FROM leads') };
    await deliver(fixture('exchange-ndr-ru.eml'));
    expect(await mailEvents('3b9e0f1c-5d2a-4c7e-9a81-2e4d6f8b0c13@EXCH01.krovlya.local')).toEqual([]);
    // Without the check postmaster@krovlya.ru would have joined «Кровля А» as a contact (one company writes from that domain).
    expect(await emailsOf(world.companies.ofA)).toEqual(['ivan@krovlya.ru']);
    expect(await inboxOf('3b9e0f1c-5d2a-4c7e-9a81-2e4d6f8b0c13@EXCH01.krovlya.local')).toMatchObject([
      { outcome: 'stored', reason: 'отчёт о недоставке — не записывается (X-MS-Exchange-Message-Is-Ndr)' },
    ]);
    expect({ companies: await companies(), leads: await count(w, 'SELECT count(*) AS n FROM leads') }).toEqual(before);
  });

  test("a Postfix bounce from MAILER-DAEMON, Яндекс's «Недоставленное сообщение» and an Exchange Online «Automatic reply» from a stranger open nothing and say why", async () => {
    const before = { companies: await companies(), leads: await count(w, 'SELECT count(*) AS n FROM leads') };
    await deliver(fixture('postfix-bounce.eml'));
    // From mailer-daemon@yandex.ru, a public mailbox: unrecognised it would be a prospect named after that address.
    await deliver(fixture('yandex-bounce.eml'));
    expect(await mailEvents('20261202094000.6B2C3D4E5F@forward101a.mail.yandex.net')).toEqual([]);
    expect(await inboxOf('20261202094000.6B2C3D4E5F@forward101a.mail.yandex.net')).toMatchObject([
      { outcome: 'stored', reason: 'отчёт о недоставке — не записывается (Content-Type: multipart/report)' },
    ]);
    await deliver(fixture('exchange-oof-en.eml'));
    expect(await mailEvents('4dKs2W1XyJz3Q@mx1.stroymarket-nsk.ru')).toEqual([]);
    expect(await mailEvents('PAXPR08MB7023A1B2C3D4E5F6A7B8C9D0@PAXPR08MB7023.eurprd08.prod.outlook.com')).toEqual([]);
    expect(await inboxOf('4dKs2W1XyJz3Q@mx1.stroymarket-nsk.ru')).toMatchObject([
      { outcome: 'stored', reason: 'отчёт о недоставке — не записывается (Content-Type: multipart/report)' },
    ]);
    expect(await inboxOf('PAXPR08MB7023A1B2C3D4E5F6A7B8C9D0@PAXPR08MB7023.eurprd08.prod.outlook.com')).toMatchObject([
      {
        outcome: 'rejected',
        reason:
          'ничего не записано — procurement@uralsteel-trading.com: автоответ от неизвестного отправителя (Auto-Submitted: auto-generated)',
      },
    ]);
    expect({ companies: await companies(), leads: await count(w, 'SELECT count(*) AS n FROM leads') }).toEqual(before);
  });
});

describe('no input length breaks anything', () => {
  test('this D1 refuses a LIKE pattern over 50 bytes, as production does — so the tests below would catch a LIKE on outside input', async () => {
    await expect(w.db.prepare("SELECT 1 AS one WHERE 'x' LIKE ?").bind(`%@${LONG_DOMAIN}`).first()).rejects.toThrow(
      /LIKE or GLOB pattern too complex/,
    );
  });

  test('a company search by a long Cyrillic name answers 200 with the right companies: the API, the page and the CSV', async () => {
    const A = apiAs(w, 'managerA');
    const north = await A.post('/api/companies', {
      name: 'ООО «Промышленная строительная компания Северо-Западного федерального округа»',
      regionId: 1,
    });
    const south = await A.post('/api/companies', { name: 'ООО «Промышленная строительная компания Юг»', regionId: 1 });
    const odd = await A.post('/api/companies', { name: 'Сталь_100%', regionId: 1 });
    expect([north.status, south.status, odd.status]).toEqual([201, 201, 201]);
    const ids = async (q: string) => {
      const res = await A.get(`/api/companies?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      return res.body.items.map((c: { id: number }) => c.id);
    };
    const sixty = 'Промышленная строительная компания Северо-Западного федерал';
    expect(sixty.length).toBe(59);
    expect(await ids('Промышленная строительная компания')).toEqual([north.body.company.id, south.body.company.id]);
    expect(await ids(sixty)).toEqual([north.body.company.id]);
    expect(await ids(`«${sixty.toUpperCase()}ьного округа»`)).toEqual([north.body.company.id]);
    expect(await ids('я'.repeat(200))).toEqual([]);
    // The full-text search (FTS5, no LIKE) answers the same query too.
    const search = await A.get(`/api/search?q=${encodeURIComponent(sixty)}`);
    expect(search.status).toBe(200);
    expect(search.body.items.map((c: { id: number }) => c.id)).toEqual([north.body.company.id]);
    // LIKE's wildcards are plain characters now: alone they match nothing (as patterns they would match every
    // company); inside a word they are punctuation, so «Стал%» is the word start «Стал» (docs/workspace.md).
    expect(await ids('Сталь_100%')).toEqual([odd.body.company.id]);
    expect(await ids('%')).toEqual([]);
    expect(await ids('_%_')).toEqual([]);
    expect(await ids('Стал%')).toEqual([odd.body.company.id]);

    const cookie = await sessionCookie(w, 'managerA');
    const page = await w.fetch(`/app/clients?q=${encodeURIComponent(sixty)}`, { headers: { cookie, accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Промышленная строительная компания Северо-Западного федерального округа');
    expect(html).not.toContain('Промышленная строительная компания Юг');
    const csv = await w.fetch(`/api/companies/export.csv?q=${encodeURIComponent(sixty)}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Промышленная строительная компания Северо-Западного федерального округа');
  });

  test('senders built to break it — long and Cyrillic domains, LIKE wildcards, huge fields, odd charsets — are each filed or kept with a reason, none fails', async () => {
    const label63 = 'a'.repeat(63);
    const b64 = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
    const mail = (n: number, from: string, extra: { subject?: string; headers?: string; charset?: string } = {}) =>
      `From: ${from}\nTo: a@test.ru\nSubject: ${extra.subject ?? `Проверка ${n}`}\nMessage-ID: <break-${n}@break.example>\nDate: Thu, 3 Dec 2026 09:00:00 +0300\n${
        extra.headers ?? ''
      }Content-Type: text/plain; charset=${extra.charset ?? 'utf-8'}\nContent-Transfer-Encoding: 8bit\n\nДобрый день, нужен расчёт.\n`;
    const senders = [
      mail(1, `${b64('Закупки')} <zakupki@${'производственно-коммерческая-фирма-'.repeat(3)}север.рф>`),
      mail(2, `${b64('Снабжение')} <snab@${'производственно-коммерческая-фирма-'.repeat(3)}север.рф>`),
      mail(3, `sale_100%@stroy_market%.ru`),
      mail(4, `info@${label63}.${label63}.${label63}.${'b'.repeat(57)}.ru`),
      mail(5, `${b64('Я'.repeat(1500))} <boss@${'x'.repeat(60)}.ru>`, { subject: b64('Т'.repeat(3000)) }),
      mail(6, `${'z'.repeat(64)}@${'очень-длинное-название-'.repeat(4)}компании.рф`, { charset: '"x-unknown-charset-zz"' }),
      mail(7, `undisclosed-recipients:;`),
      mail(8, `robot@${'y'.repeat(70)}.ru`, {
        headers: `References: ${Array.from({ length: 300 }, (_, i) => `<r${i}@x.ru>`).join(' ')}\n`,
      }),
      mail(9, `"O'Brien \\ %_" <obrien@${'q'.repeat(45)}.com>`, { charset: 'win-1251' }),
      // 4,000 References (~200 KB) and a 5,000-character "address": what is kept stays within a D1 row
      mail(10, `ref@${'w'.repeat(60)}.ru`, {
        headers: `References: ${Array.from({ length: 4000 }, (_, i) => `<ref-${i}-${'r'.repeat(30)}@x.ru>`).join('\n ')}\nCc: ${'c'.repeat(5000)}@x.ru\n`,
      }),
    ];
    const before = await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'mail'");
    for (const raw of senders) await deliver(raw);
    expect(await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'mail'")).toBe(before + senders.length);
    const kept = (
      await w.db
        .prepare("SELECT external_id, outcome, reason FROM inbox WHERE source = 'mail' AND external_id LIKE 'break-%' ORDER BY id")
        .all<{ external_id: string; outcome: string; reason: string | null }>()
    ).results;
    expect(kept.filter((r) => (r.reason ?? '').startsWith('ошибка обработки'))).toEqual([]);
    // The two colleagues at the 113-character Cyrillic domain are one prospect.
    const [first] = await mailEvents('break-1@break.example');
    const [second] = await mailEvents('break-2@break.example');
    expect(second!.company_id).toBe(first!.company_id);
    expect(await mailEvents('break-3@break.example')).toMatchObject([{ counterpart: 'sale_100%@stroy_market%.ru' }]);
    const [big] = await inboxOf('break-10@break.example');
    const kept10 = JSON.parse(big!.body).message;
    expect([kept10.references.length, kept10.references[0], kept10.cc]).toEqual([100, `ref-0-${'r'.repeat(30)}@x.ru`, []]);
  });

  test('a mail that fails to file is kept whole in the inbox with the reason, and replays once the cause is gone', async () => {
    // A failure of our own, forced in the database: any mail event about this subject is refused.
    await w.db
      .prepare(
        "CREATE TRIGGER test_refuse_mail BEFORE INSERT ON events WHEN NEW.subject = 'Заявка на кровлю' BEGIN SELECT RAISE(ABORT, 'forced by the test'); END",
      )
      .run();
    const raw = `From: =?UTF-8?B?${Buffer.from('Олег Сидоров').toString('base64')}?= <o.sidorov@${LONG_DOMAIN.replace('stroykomplekt', 'krovlya-montazh')}>
To: a@test.ru
Subject: =?UTF-8?B?${Buffer.from('Заявка на кровлю').toString('base64')}?=
Message-ID: <forced-1@krovlya-montazh.example>
Date: Thu, 3 Dec 2026 10:00:00 +0300
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Нужна кровля на склад, 1200 м².
`;
    await deliver(raw); // does not throw: the mail is safe in the inbox
    expect(await mailEvents('forced-1@krovlya-montazh.example')).toEqual([]);
    const [kept, ...more] = await inboxOf('forced-1@krovlya-montazh.example');
    expect(more).toEqual([]);
    expect(kept).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/^ошибка обработки, письмо сохранено — повторите его из входящих: .*forced by the test/),
    });
    expect(JSON.parse(kept!.body).message).toMatchObject({
      messageId: 'forced-1@krovlya-montazh.example',
      snippet: 'Нужна кровля на склад, 1200 м².',
    });

    await w.db.prepare('DROP TRIGGER test_refuse_mail').run();
    const replay = await apiAs(w, 'admin').post(`/api/inbox/${kept!.id}/replay`);
    expect(replay.body).toMatchObject({ outcome: 'stored' });
    const [event] = await mailEvents('forced-1@krovlya-montazh.example');
    expect(event).toMatchObject({ direction: 'in', subject: 'Заявка на кровлю', counterpart: expect.stringMatching(/^o\.sidorov@/) });
    expect(await companyOf(event!.company_id)).toMatchObject({ status: 'prospect' });
    expect(await leadsOf(event!.company_id)).toEqual([{ id: event!.lead_id, stage_id: 'new', channel: 'mail' }]);
  });
});
