import type { CompanyCard } from '../../schema/contracts';
import { logMailRequest, mailAddress, mailLogBody } from '../../extension/src/shared/mail';
import {
  clampWidth,
  coverShare,
  money,
  newClientDraft,
  readLayout,
  readSignature,
  sidebarModel,
  suggestedCompanyName,
  unknownParticipants,
} from '../../extension/src/shared/sidebar-model';

const TZ = 'Europe/Moscow';
const at = (iso: string) => Date.parse(iso);

const card: CompanyCard = {
  id: 101,
  name: 'ООО "Кровля А"',
  inn: '7707083893',
  kpp: '770101001',
  regionId: 1,
  ownerId: 4,
  ownerName: 'Анна Менеджер',
  status: 'client',
  onecRef: null,
  createdAt: 0,
  updatedAt: 0,
  regionName: 'Москва',
  lastTouchAt: null,
  contacts: [
    { id: 200, name: 'Ольга Бухгалтер', position: null, points: [{ kind: 'phone', value: '+74950000001', extension: null }] },
    {
      id: 201,
      name: 'Иван Петров',
      position: 'Снабженец',
      points: [
        { kind: 'phone', value: '+74951234567', extension: '12' },
        { kind: 'email', value: 'ivan@krovlya.ru', extension: null },
      ],
    },
  ],
  openLeads: [
    {
      id: 7,
      stageId: 'invoice',
      stageName: 'Счёт выставлен',
      amountKopecks: 12_345_600,
      channel: 'mail',
      subject: 'Металлочерепица на склад, 1200 м²',
      ownerId: 4,
      createdAt: 0,
      stageEnteredAt: 0,
      nextAction: { title: 'Проконтролировать оплату', dueAt: at('2026-11-25T07:00:00Z'), fromTask: true },
    },
    {
      id: 8,
      stageId: 'new',
      stageName: 'Новое обращение',
      amountKopecks: 0,
      channel: 'call',
      subject: null,
      ownerId: 4,
      // 23:30 in Moscow on 20.11: named by the Moscow day, not the UTC one.
      createdAt: at('2026-11-20T20:30:00Z'),
      stageEnteredAt: 0,
      nextAction: null,
    },
  ],
  lastDocuments: [
    {
      kind: 'invoice',
      number: 'УТ-120',
      dateLocal: '2026-11-01T10:00:00',
      amountKopecks: 12_345_600,
      occurredAt: at('2026-11-01T07:00:00Z'),
    },
    { kind: 'invoice', number: 'УТ-90', dateLocal: '2026-10-01T10:00:00', amountKopecks: 100, occurredAt: at('2026-10-01T07:00:00Z') },
    { kind: 'payment', number: '455', dateLocal: '2026-11-03T10:00:00', amountKopecks: 5_000_000, occurredAt: at('2026-11-03T07:00:00Z') },
  ],
  deviations: [{ kind: 'stuck', message: 'Интерес в «Счёт выставлен» дольше срока', leadId: 7, since: 0 }],
  timeline: [
    {
      id: 1,
      kind: 'call',
      source: 'sandbox',
      occurredAt: at('2026-11-18T08:30:00Z'),
      direction: 'out',
      durationSec: 95,
      callResult: 'answered',
      targeted: true,
      subject: null,
      counterpart: '+74951234567',
      userName: 'Анна Менеджер',
      leadId: 7,
    },
    {
      id: 2,
      kind: 'mail',
      source: 'mail',
      occurredAt: at('2026-11-19T09:05:00Z'),
      direction: 'in',
      durationSec: null,
      callResult: null,
      targeted: null,
      subject: 'Счёт на металлочерепицу',
      counterpart: 'ivan@krovlya.ru',
      userName: null,
      leadId: 7,
    },
    {
      id: 3,
      kind: 'call',
      source: 'sandbox',
      occurredAt: at('2026-11-17T08:30:00Z'),
      direction: 'in',
      durationSec: 0,
      callResult: 'missed',
      targeted: false,
      subject: null,
      counterpart: '+74951234567',
      userName: null,
      leadId: null,
    },
  ],
};

describe('the sidebar view of a client card', () => {
  const model = sidebarModel(card, 'ivan@krovlya.ru', TZ);

  test('names the company, its status, ИНН, region and responsible manager', () => {
    expect([model.title, model.subtitle, model.owner]).toEqual([
      'ООО "Кровля А"',
      'Клиент · ИНН 7707083893 · Москва',
      'Ответственный: Анна Менеджер',
    ]);
  });

  test('shows the contact the mail is from, not the first contact of the company, and offers his phone first', () => {
    // Shown the Russian way (no-break spaces inside the number), dialled by the E.164 number.
    expect(model.contact).toEqual({
      name: 'Иван Петров',
      position: 'Снабженец',
      points: ['+7\u00a0495\u00a0123-45-67 доб.\u00a012', 'ivan@krovlya.ru'],
    });
    expect(model.phones).toEqual([
      { text: '+7\u00a0495\u00a0123-45-67 доб.\u00a012', e164: '+74951234567', extension: '12' },
      { text: '+7\u00a0495\u00a0000-00-01', e164: '+74950000001', extension: null },
    ]);
  });

  test('lists open leads by what the client needs (else how and when they came), with stage, amount and next action', () => {
    expect(model.leads).toEqual([
      {
        id: 7,
        title: 'Металлочерепица на склад, 1200 м²',
        stage: 'Счёт выставлен',
        amount: '123 456,00 ₽',
        next: 'Проконтролировать оплату до 25.11.2026',
      },
      { id: 8, title: 'звонок от 20.11.2026', stage: 'Новое обращение', amount: null, next: null },
    ]);
  });

  test('shows the latest invoice and payment; no shipment line when there was none', () => {
    expect(model.documents).toEqual([
      { kind: 'invoice', text: 'Последний счёт: № УТ-120 от 01.11.2026 — 123 456,00 ₽' },
      { kind: 'payment', text: 'Последняя оплата: № 455 от 03.11.2026 — 50 000,00 ₽' },
    ]);
  });

  test('puts the newest event first, in words', () => {
    expect(model.timeline).toEqual([
      { id: 2, when: '19.11, 12:05', text: 'Письмо от клиента: Счёт на металлочерепицу' },
      { id: 1, when: '18.11, 11:30', text: 'Исходящий звонок (1 мин 35 с) — Анна Менеджер' },
      { id: 3, when: '17.11, 11:30', text: 'Входящий звонок, пропущен' },
    ]);
    expect(model.deviations).toEqual(['Интерес в «Счёт выставлен» дольше срока']);
  });

  test('a pool client says whose pool it is in', () => {
    expect(sidebarModel({ ...card, ownerId: null, ownerName: null }, null, TZ).owner).toBe('Без ответственного (пул региона Москва)');
  });

  test('money keeps kopecks', () => {
    expect(money(5)).toBe('0,05 ₽');
  });

  test('a new client from a corporate address is named after the domain, from a public mailbox after the person', () => {
    expect(suggestedCompanyName('orlov@stroymir-ekb.ru', 'Орлов')).toBe('stroymir-ekb.ru');
    expect(suggestedCompanyName('orlov1975@mail.ru', 'Сергей Орлов')).toBe('Сергей Орлов');
  });
});

describe('«Записать письмо»', () => {
  const thread = {
    messageId: '1934c1b2d3e4f507',
    threadKey: 'gmail:thread-f:1817654321098765432',
    subject: 'Счёт на металлочерепицу',
    participants: [
      { email: 'ivan@krovlya.ru', name: 'Иван Петров', role: 'from' as const },
      { email: 'a@test.ru', name: 'Анна Менеджер', role: 'from' as const },
      { email: 'b@test.ru', name: 'Борис "Б" Менеджер', role: 'cc' as const },
    ],
  };

  test('the first sender is From; the thread’s other senders were written to', () => {
    expect(logMailRequest('gmail', thread, 0)).toEqual({
      siteId: 'gmail',
      siteMessageId: '1934c1b2d3e4f507',
      threadKey: thread.threadKey,
      subject: 'Счёт на металлочерепицу',
      from: { email: 'ivan@krovlya.ru', name: 'Иван Петров' },
      to: [{ email: 'a@test.ru', name: 'Анна Менеджер' }],
      cc: [{ email: 'b@test.ru', name: 'Борис "Б" Менеджер' }],
      date: null,
    });
    expect(logMailRequest('gmail', { ...thread, participants: thread.participants.filter((p) => p.role === 'cc') }, 0)).toBeNull();
  });

  test('names the mail by site and ids: the same message always gets the same Message-ID, another one a different one', async () => {
    const request = logMailRequest('gmail', thread, 0)!;
    const first = await mailLogBody(request);
    const again = await mailLogBody({ ...request, date: 2 });
    const other = await mailLogBody({ ...request, siteMessageId: '1934c1b2d3e4f508' });
    expect(first.messageId).toMatch(/^<gmail\.[0-9a-f]{32}@extension\.voronka>$/);
    expect(again.messageId).toBe(first.messageId);
    expect(other.messageId).not.toBe(first.messageId);
    expect(first).toMatchObject({
      from: '"Иван Петров" <ivan@krovlya.ru>',
      cc: ['"Борис Б Менеджер" <b@test.ru>'],
      subject: 'Счёт на металлочерепицу',
    });
    expect(mailAddress({ email: 'x@y.ru', name: null })).toBe('x@y.ru');
  });
});

// The browser's zone reads the page's words: expectations are built in the same zone (whatever TZ the run has).
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();
// Thursday 26 November 2026, 12:00 local.
const NOW = local(2026, 11, 26, 12, 0);

// The date text itself (every host's forms) is tests/unit/extension-date-text.test.ts.
describe("the mail's own date, as the webmail shows it", () => {
  test('«Записать письмо» sends it; without one the body carries no date and the server files it at receipt', async () => {
    const message = {
      messageId: '1',
      threadKey: 'roundcube:pochta/INBOX/1',
      subject: 'Счёт',
      participants: [{ email: 'ivan@krovlya.ru', name: 'Иван Петров', role: 'from' as const }],
    };
    const dated = logMailRequest('roundcube', { ...message, dateText: 'Чт 07:15' }, NOW)!;
    expect(dated.date).toBe(local(2026, 11, 26, 7, 15));
    expect((await mailLogBody(dated)).date).toBe(local(2026, 11, 26, 7, 15));
    expect(await mailLogBody(logMailRequest('roundcube', message, NOW)!)).not.toHaveProperty('date');
  });
});

// The Roundcube fixture's mail (tests/fixtures/hosts/roundcube/show.html), as its #messagebody reads.
const ROUNDCUBE_BODY = `Анна, добрый день!

Пришлите, пожалуйста, счёт на металлочерепицу (420 м²) для объекта в Химках.
Оплатим до 27.11.2026. Реквизиты прежние, ИНН 7707083893.

--
Иван Петров, снабженец ООО "Кровля А"
+7 (495) 123-45-67 доб. 12, моб. 8-912-345-67-89
`;

describe('«Создать клиента» from a mail', () => {
  test('reads company, position and phones (with the extension) from the signature, not the ИНН or the dates above it', () => {
    expect(readSignature(ROUNDCUBE_BODY, 'Иван Петров')).toEqual({
      company: 'ООО "Кровля А"',
      position: 'Снабженец',
      phones: ['+7\u00a0495\u00a0123-45-67 доб.\u00a012', '+7\u00a0912\u00a0345-67-89'],
    });
  });

  test('a signature laid out one fact a line, after «С уважением», with a quoted reply below it ignored', () => {
    const body = [
      'Добрый день! Счёт получили.',
      '',
      'С уважением,',
      'Сергей Орлов',
      'Главный инженер',
      'АО «Строймир»',
      'Тел.: 8 (343) 210-00-11, доб. 5',
      'www.stroymir-ekb.ru',
      '> ООО "Чужая фирма"',
      '> +7 495 000-00-00',
    ].join('\n');
    expect(readSignature(body, 'Сергей Орлов')).toEqual({
      company: 'АО «Строймир»',
      position: 'Главный инженер',
      phones: ['+7\u00a0343\u00a0210-00-11 доб.\u00a05'],
    });
  });

  test('the contact is the display name, never the address; the company falls back to the domain; nothing to read is nothing', () => {
    expect(newClientDraft({ email: 'ivan@krovlya.ru', name: 'Иван Петров' }, ROUNDCUBE_BODY)).toEqual({
      companyName: 'ООО "Кровля А"',
      contact: {
        email: 'ivan@krovlya.ru',
        name: 'Иван Петров',
        position: 'Снабженец',
        phones: ['+7\u00a0495\u00a0123-45-67 доб.\u00a012', '+7\u00a0912\u00a0345-67-89'],
      },
    });
    expect(newClientDraft({ email: 'orlov@stroymir-ekb.ru', name: null }, 'Пришлите КП.')).toEqual({
      companyName: 'stroymir-ekb.ru',
      contact: { email: 'orlov@stroymir-ekb.ru', name: 'orlov', position: null, phones: [] },
    });
    expect(readSignature(null, null)).toEqual({ company: null, position: null, phones: [] });
  });
});

describe('unknown participants of a known thread', () => {
  test('a Cc’d stranger is offered as a contact of the known company; known contacts and the user’s colleagues are not', () => {
    const participants = [
      { email: 'ivan@krovlya.ru', name: 'Иван Петров' },
      { email: 'buh@krovlya.ru', name: 'Ольга Бухгалтер' },
      { email: 'b@test.ru', name: 'Борис Менеджер' },
      { email: 'BUH@krovlya.ru', name: null },
    ];
    expect(unknownParticipants(card, participants, 'a@test.ru')).toEqual([{ email: 'buh@krovlya.ru', name: 'Ольга Бухгалтер' }]);
  });
});

describe('the sidebar’s place on the screen', () => {
  test('its width stays between 220 px and the smaller of 480 px and a third of the viewport', () => {
    expect(clampWidth(300, 1280)).toBe(300);
    expect(clampWidth(900, 1280)).toBe(426);
    expect(clampWidth(900, 1920)).toBe(480);
    expect(clampWidth(100, 1280)).toBe(220);
    expect(clampWidth(300, 720)).toBe(240);
    expect(clampWidth(Number.NaN, 1280)).toBe(300);
  });

  test('a stored layout of any shape reads as one; the default is open at 300 px', () => {
    expect(readLayout(undefined)).toEqual({ collapsed: false, width: 300 });
    expect(readLayout({ collapsed: true, width: 360 })).toEqual({ collapsed: true, width: 360 });
    expect(readLayout({ collapsed: 'yes', width: '360' })).toEqual({ collapsed: false, width: 300 });
  });

  test('the share of the message a panel covers', () => {
    const message = { left: 0, top: 100, right: 720, bottom: 800 };
    expect(coverShare({ left: 398, top: 72, right: 720, bottom: 800 }, message)).toBeCloseTo(322 / 720, 5);
    expect(coverShare({ left: 720, top: 0, right: 1000, bottom: 800 }, message)).toBe(0);
    expect(coverShare({ left: 0, top: 0, right: 10, bottom: 10 }, { left: 0, top: 0, right: 0, bottom: 0 })).toBe(0);
  });
});
