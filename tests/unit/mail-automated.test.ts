import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseMail } from '../../worker/src/mail/parse';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'mail', name));

/** A mail a person wrote, with extra header lines and a subject of the test's choosing. */
const personal = (headers: string[], subject = 'Re: КП на профнастил', from = 'Иван Петров <ivan@krovlya.ru>') =>
  parseMail(
    Buffer.from(
      [
        `From: ${from}`,
        'To: a@test.ru',
        `Subject: ${subject}`,
        'Message-ID: <auto-test@krovlya.ru>',
        'Date: Wed, 2 Dec 2026 10:00:00 +0300',
        ...headers,
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Текст письма.',
        '',
      ].join('\r\n'),
    ),
  );

describe('delivery failures, auto-replies and mailings', () => {
  test.each([
    ['exchange-ndr-ru.eml', { kind: 'bounce', sign: 'X-MS-Exchange-Message-Is-Ndr' }],
    ['postfix-bounce.eml', { kind: 'bounce', sign: 'Content-Type: multipart/report' }],
    ['yandex-bounce.eml', { kind: 'bounce', sign: 'Content-Type: multipart/report' }],
    ['exchange-oof-ru.eml', { kind: 'auto_reply', sign: 'Auto-Submitted: auto-generated' }],
    ['exchange-oof-en.eml', { kind: 'auto_reply', sign: 'Auto-Submitted: auto-generated' }],
    ['newsletter.eml', { kind: 'bulk', sign: 'List-Unsubscribe / List-Id' }],
  ])('%s is recognised', async (name, auto) => {
    const m = await parseMail(fixture(name));
    expect(m.auto).toEqual(auto);
    expect(m.automated).toBe(true);
  });

  test.each([
    'outlook-cp1251-qp.eml',
    'thunderbird-flowed.eml',
    'applemail-flowed-delsp.eml',
    'yandex-reply.eml',
    'mailru-koi8r.eml',
    '1c-ut-invoice.eml',
    'plain-known-sender.eml',
    'unknown-sender.eml',
  ])('%s, written by a person, is not', async (name) => {
    expect((await parseMail(fixture(name))).auto).toBeNull();
  });

  test.each([
    // one sign at a time, on a mail that is otherwise a person's
    [['X-MS-Exchange-Message-Is-Ndr: '], undefined, undefined, 'bounce'],
    [['X-Failed-Recipients: zakaz@stroymarket-nsk.ru'], undefined, undefined, 'bounce'],
    [['Content-Type: multipart/report; report-type=delivery-status; boundary="x"'], undefined, undefined, 'bounce'],
    [[], undefined, 'MAILER-DAEMON@mx.krovlya.ru (Mail Delivery System)', 'bounce'],
    [[], undefined, 'postmaster@krovlya.ru', 'bounce'],
    [[], undefined, 'Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@krovlya.ru>', 'bounce'],
    [[], 'Undeliverable: КП на профнастил', undefined, 'bounce'],
    [[], 'Недоставленное сообщение', undefined, 'bounce'],
    [[], 'Недоставленное сообщение: КП на профнастил', undefined, 'bounce'],
    [[], 'Не доставлено: КП на профнастил', undefined, 'bounce'],
    [[], 'Delivery Status Notification (Failure)', undefined, 'bounce'],
    [[], 'Mail delivery failed: returning message to sender', undefined, 'bounce'],
    [['Auto-Submitted: auto-replied'], undefined, undefined, 'auto_reply'],
    [['X-Autoreply: yes'], undefined, undefined, 'auto_reply'],
    [['X-Autorespond: КП на профнастил'], undefined, undefined, 'auto_reply'],
    [['Precedence: auto_reply'], undefined, undefined, 'auto_reply'],
    [['Return-Path: <>'], undefined, undefined, 'auto_reply'],
    [['X-Auto-Response-Suppress: All'], undefined, undefined, 'auto_reply'],
    [[], 'Автоматический ответ: КП на профнастил', undefined, 'auto_reply'],
    [[], 'Automatic reply: КП на профнастил', undefined, 'auto_reply'],
    [[], 'Out of Office: КП на профнастил', undefined, 'auto_reply'],
    [['Precedence: bulk'], undefined, undefined, 'bulk'],
    [['Precedence: junk'], undefined, undefined, 'bulk'],
    [['List-Id: <news.bank.ru>'], undefined, undefined, 'bulk'],
  ] as const)('%j / subject %s / from %s → %s', async (headers, subject, from, kind) => {
    const m = await personal([...headers], subject, from);
    expect(m.auto?.kind).toBe(kind);
  });

  test('what people write and what a redirect rule stamps is not automated', async () => {
    for (const [headers, subject] of [
      [['Auto-Submitted: no'], undefined],
      [['Precedence: normal'], undefined],
      // Exchange stamps these on a client's mail its mailbox rule redirects to Voronka
      [['X-MS-Exchange-Inbox-Rules-Loop: a@test.ru', 'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent'], undefined],
      [[], 'Re: Undeliverable: КП на профнастил'],
      [[], 'Fwd: Автоматический ответ: КП'],
      [[], 'Доставка в четверг'],
    ] as const) {
      expect((await personal([...headers], subject)).auto).toBeNull();
    }
  });
});
