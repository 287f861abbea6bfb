import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitMailAddress } from '../../schema/contracts/mail';
import { classifyMail, inDomain } from '../../worker/src/mail/direction';
import { applyNeverLog, neverLogPatternFor, normalizeNeverLogPattern } from '../../worker/src/mail/never-log';
import { messageFromFields, parseMail, snippetOf, SNIPPET_MAX } from '../../worker/src/mail/parse';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'mail', name));
const parse = (name: string) => parseMail(fixture(name));
const own = (domains: string[]) => (address: string) => domains.some((d) => inDomain(address, d));

describe('parsing a raw mail', () => {
  test('a plain mail: ids without brackets, lower-cased addresses with names, the Date in ms, the signature cut from the snippet', async () => {
    const m = await parse('plain-known-sender.eml');
    expect(m).toMatchObject({
      messageId: 'plain-1@krovlya.ru',
      inReplyTo: null,
      references: [],
      from: { address: 'ivan@krovlya.ru', name: 'Иван Петров' },
      to: [{ address: 'a@test.ru', name: 'Анна Менеджер' }],
      cc: [],
      date: Date.UTC(2026, 10, 23, 7, 15),
      subject: 'Сроки поставки профнастила',
      attachments: [],
      automated: false,
    });
    expect(m.snippet).toBe('Анна, добрый день! Подскажите, когда сможете отгрузить профнастил С21 (120 листов)?');
  });

  test('a multipart mail: the PDF is listed by its decoded name and size, its bytes are not kept, quoted lines are cut', async () => {
    const m = await parse('outgoing-with-pdf.eml');
    expect(m.attachments).toEqual([{ name: 'КП_Кровля_А.pdf', size: 142 }]);
    expect(JSON.stringify(m)).not.toContain('%PDF');
    expect(m.snippet).toBe('Иван, добрый день! Во вложении коммерческое предложение на профнастил С21, цена действует до пятницы.');
    expect(m.cc).toEqual([{ address: 'b@test.ru', name: '' }]);
  });

  test('a logo referenced from the HTML signature is not an attachment (or every signed mail would be a proposal)', async () => {
    const m = await parse('outgoing-signature-logo.eml');
    expect(m.attachments).toEqual([]);
    expect(m.snippet).toBe('Иван, доставка будет в четверг после обеда.');
  });

  test('a reply: In-Reply-To and References in order, the quoted history after «… пишет:» cut', async () => {
    const m = await parse('reply-in-thread.eml');
    expect(m.inReplyTo).toBe('kp-1@test.ru');
    expect(m.references).toEqual(['plain-1@krovlya.ru', 'kp-1@test.ru']);
    expect(m.snippet).toBe('Спасибо, цена устраивает. Выставляйте счёт.');
  });

  test('a Windows-1251 base64 subject, name and body are decoded', async () => {
    const m = await parse('cp1251-subject.eml');
    expect(m.subject).toBe('Коммерческое предложение');
    expect(m.from).toEqual({ address: 'ivan@krovlya.ru', name: 'Иван Петров' });
    expect(m.snippet).toBe('Просим прислать коммерческое предложение на водосточную систему — 40 метров.');
  });

  test('a newsletter is marked automated and its HTML-only body still gives a snippet', async () => {
    const m = await parse('newsletter.eml');
    expect(m.automated).toBe(true);
    expect(m.snippet).toBe('Новые тарифы Откройте счёт за 0 ₽.');
    expect((await parse('unknown-sender.eml')).automated).toBe(false);
  });

  test('a mail without a Message-ID gets one from its bytes: the same mail twice is the same id', async () => {
    const raw = (body: string) => Buffer.from(`From: x@client.ru\r\nTo: a@test.ru\r\nSubject: hi\r\n\r\n${body}\r\n`);
    const a = await parseMail(raw('один'));
    expect(a.messageId).toMatch(/^no-message-id\.[0-9a-f]{40}@voronka\.invalid$/);
    expect((await parseMail(raw('один'))).messageId).toBe(a.messageId);
    expect((await parseMail(raw('два'))).messageId).not.toBe(a.messageId);
  });
});

describe('snippet', () => {
  test('folds whitespace and stops at SNIPPET_MAX characters', () => {
    const s = snippetOf(`${'слово '.repeat(200)}\n\n\n  хвост`);
    expect(s.length).toBe(SNIPPET_MAX);
    expect(s.endsWith('…')).toBe(true);
    expect(s).not.toMatch(/\s{2}/);
  });
});

describe('direction', () => {
  test('from an own domain (or its subdomain) is outgoing, its counterparts the outside recipients', async () => {
    const parties = classifyMail(await parse('outgoing-with-pdf.eml'), own(['test.ru']));
    expect(parties.direction).toBe('out');
    expect(parties.counterparts.map((a) => a.address)).toEqual(['ivan@krovlya.ru']);
    expect(parties.own.map((a) => a.address)).toEqual(['a@test.ru', 'b@test.ru']);
    expect(inDomain('a@msk.test.ru', 'test.ru')).toBe(true);
    expect(inDomain('a@nottest.ru', 'test.ru')).toBe(false);
  });

  test('to an own address is incoming from the sender; own on both sides is internal', async () => {
    const incoming = classifyMail(await parse('plain-known-sender.eml'), own(['test.ru']));
    expect(incoming).toMatchObject({ direction: 'in', counterparts: [{ address: 'ivan@krovlya.ru' }], own: [{ address: 'a@test.ru' }] });
    expect(classifyMail(await parse('internal.eml'), own(['test.ru'])).direction).toBe('internal');
  });

  test('the Voronka address itself is never a party', async () => {
    const m = await parse('plain-known-sender.eml');
    const parties = classifyMail(
      { ...m, cc: [{ address: 'crm@voronka.example', name: '' }] },
      own(['test.ru']),
      new Set(['crm@voronka.example']),
    );
    expect(parties.counterparts.map((a) => a.address)).toEqual(['ivan@krovlya.ru']);
  });
});

describe('never-log', () => {
  test('patterns are an exact address or @domain, stored lower-case', () => {
    expect(normalizeNeverLogPattern(' @Bank-Rassylka.RU ')).toBe('@bank-rassylka.ru');
    expect(normalizeNeverLogPattern('News@Bank.ru')).toBe('news@bank.ru');
    expect(normalizeNeverLogPattern('@почта.рф')).toBe('@почта.рф');
    for (const bad of ['bank.ru', '@', '@bank', 'news@', '@bank..ru', 'a b@bank.ru']) expect(normalizeNeverLogPattern(bad)).toBeNull();
  });

  test('a domain covers its subdomains, an address only itself', () => {
    expect(neverLogPatternFor('x@mail.bank.ru', ['@bank.ru'])).toBe('@bank.ru');
    expect(neverLogPatternFor('x@notbank.ru', ['@bank.ru'])).toBeNull();
    expect(neverLogPatternFor('boss@bank.ru', ['news@bank.ru'])).toBeNull();
  });

  test('a mail whose every counterpart is listed is never logged; a listed copy alone is just skipped', async () => {
    const news = classifyMail(await parse('newsletter.eml'), own(['test.ru']));
    expect(applyNeverLog(news, ['@bank-rassylka.ru'])).toMatchObject({
      neverLog: true,
      logged: [],
      skipped: [{ address: 'news@bank-rassylka.ru', pattern: '@bank-rassylka.ru' }],
    });
    const m = await parse('plain-known-sender.eml');
    const copied = classifyMail({ ...m, cc: [{ address: 'news@bank-rassylka.ru', name: '' }] }, own(['test.ru']));
    expect(applyNeverLog(copied, ['@bank-rassylka.ru'])).toMatchObject({ neverLog: false, logged: [{ address: 'ivan@krovlya.ru' }] });
    expect(applyNeverLog(classifyMail(await parse('internal.eml'), own(['test.ru'])), []).internal).toBe(true);
  });
});

describe('a mail read off a webmail page', () => {
  test('addresses with names, brackets around ids and an ISO date are normalized like a raw mail', () => {
    const m = messageFromFields({
      messageId: ' <kp-9@test.ru> ',
      from: '"Анна Менеджер" <A@Test.ru>',
      to: ['Иван <IVAN@krovlya.ru>', 'ivan@krovlya.ru', 'не адрес'],
      cc: [],
      date: '2026-11-23T12:40:00+03:00',
      subject: '  КП \n на профнастил ',
      snippet: 'Текст\n> цитата',
      attachments: [{ name: 'КП.pdf', size: 1000 }],
      references: ['<a@x.ru>', '<a@x.ru>', 'b@x.ru'],
    });
    expect(m).toMatchObject({
      messageId: 'kp-9@test.ru',
      from: { address: 'a@test.ru', name: 'Анна Менеджер' },
      to: [{ address: 'ivan@krovlya.ru', name: 'Иван' }],
      date: Date.UTC(2026, 10, 23, 9, 40),
      subject: 'КП на профнастил',
      snippet: 'Текст',
      attachments: [{ name: 'КП.pdf', size: 1000 }],
      references: ['a@x.ru', 'b@x.ru'],
      automated: false,
    });
  });

  test('splitMailAddress takes «Name <address>» or a bare address and nothing else', () => {
    expect(splitMailAddress('Иван Петров <Ivan@Krovlya.ru>')).toEqual({ name: 'Иван Петров', address: 'ivan@krovlya.ru' });
    expect(splitMailAddress('ivan@krovlya.ru')).toEqual({ name: '', address: 'ivan@krovlya.ru' });
    for (const bad of ['', 'Иван', '<>', 'a@b', 'Иван <ivan@krovlya.ru', 'x@y.ru z@y.ru']) expect(splitMailAddress(bad)).toBeNull();
  });
});
