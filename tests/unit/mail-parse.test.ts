import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitMailAddress } from '../../schema/contracts/mail';
import { charsetAlias, fixCharsetLabels } from '../../worker/src/mail/charsets';
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

describe('mail as real clients write it', () => {
  test('Outlook: windows-1251 quoted-printable, the plain part read, the «От: … Отправлено: …» history cut', async () => {
    const m = await parse('outlook-cp1251-qp.eml');
    expect(m).toMatchObject({
      from: { address: 'ivan@krovlya.ru', name: 'Иван Петров' },
      to: [{ address: 'a@test.ru', name: 'Анна Менеджер' }],
      subject: 'RE: Счёт на профнастил С21',
      inReplyTo: 'invoice-118@test.ru',
      automated: false,
    });
    expect(m.snippet).toBe(
      'Анна, добрый день! Счёт получили, оплатим до пятницы. Доставку ждём в четверг, как договаривались. С уважением, Иван Петров ООО «Кровля А», отдел снабжения +7 (495) 123-45-67',
    );
  });

  test('Thunderbird: format=flowed paragraphs joined, the reply under the quote kept, the quote, its attribution and the signature cut', async () => {
    const m = await parse('thunderbird-flowed.eml');
    expect(m.snippet).toBe(
      'Анна, спасибо! Нас интересует профнастил С21 оцинкованный, 0,5 мм — около 340 м² на объект в Тюмени. Подскажите, пожалуйста, сроки и стоимость доставки до объекта.',
    );
    expect(m.from).toEqual({ address: 'snab@proizvodstvenno-kommercheskaya-firma-stroykomplekt.ru', name: 'Дмитрий Соколов' });
  });

  test('Apple Mail: delsp=yes rejoins a word cut at a soft break, space-stuffed lines lose the stuffing', async () => {
    expect((await parse('applemail-flowed-delsp.eml')).snippet).toBe(
      'Анна, добрый день! Прошу выставить счёт на профнастил С21, 340 м². Реквизиты во вложении к прошлому письму. — оплата в течение трёх дней — доставка за наш счёт С уважением, Ирина Волкова',
    );
  });

  test('Яндекс: the unquoted history under «02.12.2026, 10:00, "Имя" <адрес>:» is cut', async () => {
    expect((await parse('yandex-reply.eml')).snippet).toBe(
      'Добрый день! Да, доставка в четверг подходит. Пришлите, пожалуйста, счёт на ИП Смирнова О. В. Ольга',
    );
  });

  test('Mail.ru: KOI8-R headers and base64 body decoded, the signature and «Среда, … от Имя <адрес>:» history cut', async () => {
    const m = await parse('mailru-koi8r.eml');
    expect(m).toMatchObject({ subject: 'Re: Счёт 121 от 2 декабря', from: { address: 's.kuznetsov@mail.ru', name: 'Сергей Кузнецов' } });
    expect(m.snippet).toBe('Анна, здравствуйте! Счёт оплатили сегодня, платёжку пришлю завтра утром.');
  });

  test('1С:УТ: the invoice PDF (application/octet-stream, an RFC 2047 name) is listed by its decoded name', async () => {
    const m = await parse('1c-ut-invoice.eml');
    expect(m.attachments).toEqual([{ name: 'Счет на оплату № ТД-125 от 02.12.2026.pdf', size: 142 }]);
    expect(m.subject).toBe('Счет на оплату № ТД-125 от 02.12.2026');
    expect(m.automated).toBe(false);
  });
});

describe('charset labels as servers misspell them', () => {
  // The same bytes, only the label changed: `latin1` keeps every byte as it is.
  const relabel = (name: string, from: RegExp, label: string) =>
    parseMail(Buffer.from(fixture(name).toString('latin1').replace(from, label), 'latin1'));

  test.each(['win-1251', 'cp-1251', 'windows1251', 'Windows_1251', 'WIN1251', 'x-cp1251', 'ansi-1251'])(
    'Outlook windows-1251 labelled %s reads the same',
    async (label) => {
      const m = await relabel('outlook-cp1251-qp.eml', /windows-1251/g, label);
      expect(m.subject).toBe('RE: Счёт на профнастил С21');
      expect(m.from?.name).toBe('Иван Петров');
      expect(m.snippet.startsWith('Анна, добрый день! Счёт получили')).toBe(true);
    },
  );

  test.each(['koi8r', 'KOI8R', 'koi8', 'x-koi8r'])('Mail.ru KOI8-R labelled %s reads the same', async (label) => {
    const m = await relabel('mailru-koi8r.eml', /koi8-r/gi, label);
    expect(m.subject).toBe('Re: Счёт 121 от 2 декабря');
    expect(m.snippet).toBe('Анна, здравствуйте! Счёт оплатили сегодня, платёжку пришлю завтра утром.');
  });

  test('the alias table: WHATWG labels stay, misspellings map, unknown labels are left to the parser', () => {
    expect(['utf-8', 'windows-1251', 'koi8-r', 'cp1251', 'KOI8-R', 'us-ascii'].map(charsetAlias)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(['win-1251', 'cp-1252', 'koi8r', 'koi8u', 'dos-866', 'ISO 8859-5', 'utf8', 'maccyrillic'].map(charsetAlias)).toEqual([
      'windows-1251',
      'windows-1252',
      'koi8-r',
      'koi8-u',
      'ibm866',
      'iso-8859-5',
      null, // utf8 is a WHATWG label already
      'x-mac-cyrillic',
    ]);
    expect(charsetAlias('x-nonsense-42')).toBeNull();
    const bytes = new Uint8Array(fixture('cp1251-subject.eml'));
    expect(fixCharsetLabels(bytes)).toBe(bytes); // nothing to rewrite: the very same bytes
  });

  test('a label across the 32 KiB window the scan reads in is rewritten once, the bytes around it kept', () => {
    // `charset` starts 12 and 3 bytes before a window's end, right at it, and one byte before the second one's
    for (const at of [0x8000 - 12, 0x8000 - 3, 0x8000, 0x10000 - 1]) {
      const head = `${'x'.repeat(at - 2)}; `;
      const raw = new TextEncoder().encode(`${head}charset=win-1251; =?koi8r?B?4c7OwQ==?= ${'я'.repeat(10)}`);
      const text = new TextDecoder().decode(fixCharsetLabels(raw));
      expect(text).toBe(`${head}charset=windows-1251; =?koi8-r?B?4c7OwQ==?= ${'я'.repeat(10)}`);
    }
  });
});

describe('the quoted history, as clients introduce it', () => {
  test.each([
    [
      'Outlook (en)',
      'Thanks, see you Thursday.\n\nFrom: Anna <a@test.ru>\nSent: Tuesday, December 1, 2026 4:20 PM\nTo: Ivan\nSubject: Visit\n\nHi Ivan',
    ],
    [
      'Outlook (ru)',
      'Спасибо, до четверга.\n\nОт: Анна <a@test.ru>\nОтправлено: 1 декабря 2026 г. 16:20\nКому: Иван\nТема: Визит\n\nИван,',
    ],
    ['Outlook, plain text', 'Thanks, see you Thursday.\n\n-----Original Message-----\nFrom: Anna [mailto:a@test.ru]\nSent: Tuesday'],
    ['Android / Samsung', 'Спасибо, до четверга.\n\n-------- Исходное сообщение --------\nОт: Анна <a@test.ru>'],
    ['Gmail, wrapped', 'Thanks, see you Thursday.\n\nOn Wed, Dec 2, 2026 at 10:00 AM Anna Manager <\na@test.ru> wrote:\n\nHi Ivan, can we'],
    ['Thunderbird (ru)', 'Спасибо, до четверга.\n\n02.12.2026 10:00, Анна Менеджер пишет:\nИван, добрый день'],
    ['Mail.ru', 'Спасибо, до четверга.\n\nСреда, 2 декабря 2026, 10:00 +03:00 от Анна Менеджер <a@test.ru>:\nИван, добрый день'],
    ['Яндекс', 'Спасибо, до четверга.\n\n02.12.2026, 10:00, "Анна Менеджер" <a@test.ru>:\nИван, добрый день'],
    ['quoted lines', 'Спасибо, до четверга.\n> Иван, добрый день\n>> ещё раньше'],
  ])('%s', (_client, text) => {
    expect(['Thanks, see you Thursday.', 'Спасибо, до четверга.']).toContain(snippetOf(text));
  });

  test('a From line alone is text (a site form), not the start of an Outlook block', () => {
    expect(snippetOf('Заявка с сайта\nОт: Иван Петров\nТелефон: +7 912 345-67-89\nНужен профнастил С21')).toBe(
      'Заявка с сайта От: Иван Петров Телефон: +7 912 345-67-89 Нужен профнастил С21',
    );
  });

  test('a time and a colon are not an attribution without an address; a reply between quotes is kept', () => {
    expect(snippetOf('Встреча 03.12.2026 в 10:00, адрес:\nул. Ленина, 5')).toBe('Встреча 03.12.2026 в 10:00, адрес: ул. Ленина, 5');
    expect(snippetOf('02.12.2026 10:00, Анна пишет:\n> Сколько листов?\n120 листов.\n> А доставка?\nСами заберём.')).toBe(
      '120 листов. Сами заберём.',
    );
  });
});
