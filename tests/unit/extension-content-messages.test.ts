import { MESSAGE_TYPES, normalizeSiteOrigin, parseMessage } from '../../extension/src/shared/messages';

/** What a content script — code running inside a web page we do not control — may ask the service worker. */
const CONTENT_SCRIPT_TYPES = [
  'pageConfig',
  'mailCard',
  'phoneCard',
  'openCard',
  'logMail',
  'addNote',
  'createTask',
  'createLead',
  'createClient',
  'addContact',
  'call',
];

const ivan = { email: ' Ivan@Krovlya.ru ', name: 'Иван Петров' };
const logMail = {
  type: 'logMail',
  siteId: 'gmail',
  siteMessageId: '1934c1b2',
  threadKey: 'gmail:thread-f:1',
  subject: 'Счёт',
  from: ivan,
  to: [{ email: 'a@test.ru', name: null }],
  cc: [],
};

describe('messages from content scripts', () => {
  test('only look-ups and the user’s own writes are open to content scripts; settings, the queue and the session are not', () => {
    const open = MESSAGE_TYPES.filter((type) => {
      const parsed = parseMessage({ type }, 'content-script');
      return parsed.ok || parsed.error.code !== 'forbidden';
    });
    expect(open.sort()).toEqual([...CONTENT_SCRIPT_TYPES].sort());
    for (const type of ['signIn', 'status', 'signOut', 'settings', 'saveSettings', 'queue', 'flushQueue', 'dropQueued']) {
      expect(parseMessage({ type }, 'content-script')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  test('a logged mail is accepted with its addresses lower-cased and trimmed', () => {
    expect(parseMessage(logMail, 'content-script')).toEqual({
      ok: true,
      message: { ...logMail, from: { email: 'ivan@krovlya.ru', name: 'Иван Петров' }, date: null },
    });
  });

  test.each([
    [{ ...logMail, from: { email: 'not-an-address', name: null } }, 'from: не похоже на e-mail'],
    [{ ...logMail, from: { email: 'a@b.ru', name: null, html: '<img>' } }, 'Лишние поля в сообщении: html'],
    [{ ...logMail, to: Array.from({ length: 101 }, () => ({ email: 'a@b.ru', name: null })) }, 'В поле to больше 100 адресов'],
    [{ ...logMail, siteId: 'Gmail<script>' }, 'Поле siteId: id сайта'],
    [{ ...logMail, threadKey: '  ' }, 'Заполните поле threadKey'],
    [{ ...logMail, token: 'vka_stolen' }, 'Лишние поля в сообщении: token'],
  ])('a malformed logMail is refused: %#', (message, reason) => {
    expect(parseMessage(message, 'content-script')).toEqual({ ok: false, error: { code: 'bad_message', message: reason } });
  });

  test('ids must be positive integers, texts bounded and non-empty', () => {
    expect(parseMessage({ type: 'addNote', companyId: 101, text: ' Перезвонить ' }, 'content-script')).toEqual({
      ok: true,
      message: { type: 'addNote', companyId: 101, text: 'Перезвонить' },
    });
    expect(parseMessage({ type: 'addNote', companyId: '101', text: 'x' }, 'content-script')).toMatchObject({
      ok: false,
      error: { message: 'Поле companyId должно быть положительным целым числом' },
    });
    expect(parseMessage({ type: 'addNote', companyId: 101, text: 'x'.repeat(501) }, 'content-script')).toMatchObject({
      ok: false,
      error: { message: 'Поле text длиннее 500 символов' },
    });
    expect(parseMessage({ type: 'createTask', companyId: 101, title: 'КП', dueAt: -1 }, 'content-script')).toMatchObject({
      ok: false,
      error: { message: 'Поле dueAt: срок, мс от 1970 г.' },
    });
    expect(parseMessage({ type: 'openCard', companyId: 1.5 }, 'content-script')).toMatchObject({ ok: false });
  });

  test('a call takes a phone in any usual spelling and nothing else', () => {
    expect(parseMessage({ type: 'call', phone: '+7 (495) 123-45-67', companyId: 101 }, 'content-script')).toEqual({
      ok: true,
      message: { type: 'call', phone: '+7 (495) 123-45-67', companyId: 101 },
    });
    expect(parseMessage({ type: 'call', phone: 'javascript:alert(1)' }, 'content-script')).toMatchObject({
      ok: false,
      error: { message: 'Поле phone: номер телефона' },
    });
  });

  test('«Создать клиента» needs a name and one contact address', () => {
    expect(
      parseMessage(
        { type: 'createClient', companyName: 'stroymir-ekb.ru', contact: { email: 'orlov@stroymir-ekb.ru', name: null } },
        'content-script',
      ),
    ).toEqual({
      ok: true,
      message: {
        type: 'createClient',
        companyName: 'stroymir-ekb.ru',
        contact: { email: 'orlov@stroymir-ekb.ru', name: null, position: null, phones: [] },
        mail: null,
      },
    });
    // From the signature, with the mail it came from (logged in the same step) and its own date.
    const mail = {
      siteId: 'roundcube',
      siteMessageId: '1',
      threadKey: 'roundcube:x/INBOX/1',
      subject: null,
      from: { email: 'orlov@stroymir-ekb.ru', name: 'Сергей Орлов' },
      to: [],
      cc: [],
      date: 1_795_000_000_000,
    };
    expect(
      parseMessage(
        {
          type: 'createClient',
          companyName: 'АО «Строймир»',
          contact: { email: 'orlov@stroymir-ekb.ru', name: 'Сергей Орлов', position: 'Главный инженер', phones: ['+73432100011 доб. 5'] },
          mail,
        },
        'content-script',
      ),
    ).toMatchObject({ ok: true, message: { contact: { position: 'Главный инженер', phones: ['+73432100011 доб. 5'] }, mail } });
    expect(parseMessage({ type: 'logMail', ...mail, date: 'вчера' }, 'content-script')).toMatchObject({
      ok: false,
      error: { message: 'Поле date: дата письма, мс от 1970 г.' },
    });
    expect(
      parseMessage({ type: 'createClient', companyName: '', contact: { email: 'orlov@stroymir-ekb.ru', name: null } }, 'content-script'),
    ).toMatchObject({ ok: false, error: { message: 'Заполните поле companyName' } });
  });
});

describe('site settings from the options page', () => {
  test('own addresses are normalised to origins; plain http is allowed (an internal Roundcube), other schemes are not', () => {
    expect(normalizeSiteOrigin('mail.company.ru')).toBe('https://mail.company.ru');
    expect(normalizeSiteOrigin('https://1c.company.ru/ut/ru_RU/')).toBe('https://1c.company.ru');
    expect(normalizeSiteOrigin('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normalizeSiteOrigin('http://mail.company.ru/roundcube/?_task=mail')).toBe('http://mail.company.ru');
    expect(normalizeSiteOrigin('ftp://mail.company.ru')).toBeNull();
    expect(normalizeSiteOrigin('http://intranet')).toBeNull();
    expect(normalizeSiteOrigin('https://user:pass@mail.company.ru')).toBeNull();
  });

  test('saveSettings is checked field by field and de-duplicates origins', () => {
    const parsed = parseMessage(
      {
        type: 'saveSettings',
        sites: ['gmail', 'gmail'],
        customOrigins: ['pochta.krovlya-service.ru', 'https://pochta.krovlya-service.ru/roundcube/'],
        callPopups: false,
      },
      'extension-page',
    );
    expect(parsed).toEqual({
      ok: true,
      message: { type: 'saveSettings', sites: ['gmail'], customOrigins: ['https://pochta.krovlya-service.ru'], callPopups: false },
    });
    expect(
      parseMessage(
        { type: 'saveSettings', sites: [], customOrigins: ['http://pochta.local.ru:8080/'], callPopups: true },
        'extension-page',
      ),
    ).toEqual({ ok: true, message: { type: 'saveSettings', sites: [], customOrigins: ['http://pochta.local.ru:8080'], callPopups: true } });
    expect(
      parseMessage({ type: 'saveSettings', sites: [], customOrigins: ['javascript:alert(1)'], callPopups: true }, 'extension-page'),
    ).toMatchObject({ ok: false });
  });
});
