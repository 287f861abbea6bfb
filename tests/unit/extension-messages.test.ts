import { classifySender, normalizeServerUrl, parseMessage } from '../../extension/src/shared/messages';

const ID = 'mojmdejeibefahbjaidoapccjkjpiemh';
const signIn = { type: 'signIn', serverUrl: 'http://127.0.0.1:8787/app', email: ' A@Test.ru ', password: 'секрет' };

describe('extension message validator', () => {
  it('accepts a sign-in from an extension page and normalizes the server to its origin', () => {
    const parsed = parseMessage(signIn, 'extension-page');

    expect(parsed).toEqual({
      ok: true,
      message: { type: 'signIn', serverUrl: 'http://127.0.0.1:8787', email: 'a@test.ru', password: 'секрет' },
    });
  });

  it('refuses sign-in, status and sign-out from a content script', () => {
    for (const message of [signIn, { type: 'status' }, { type: 'signOut' }]) {
      const parsed = parseMessage(message, 'content-script');
      expect(parsed).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('refuses messages of unknown types, non-objects and inherited names', () => {
    expect(parseMessage({ type: 'exportAllContacts' }, 'extension-page')).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(parseMessage({ type: 'toString' }, 'extension-page')).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(parseMessage('status', 'extension-page')).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    expect(parseMessage(null, 'extension-page')).toMatchObject({ ok: false, error: { code: 'bad_message' } });
  });

  it('refuses extra fields and fields of the wrong type', () => {
    expect(parseMessage({ type: 'status', token: 'vka_x' }, 'extension-page')).toMatchObject({
      ok: false,
      error: { message: 'Лишние поля в сообщении: token' },
    });
    expect(parseMessage({ ...signIn, password: 42 }, 'extension-page')).toMatchObject({
      ok: false,
      error: { message: 'Поле password должно быть строкой' },
    });
    expect(parseMessage({ ...signIn, password: '' }, 'extension-page')).toMatchObject({ ok: false, error: { message: 'Укажите пароль' } });
    expect(parseMessage({ ...signIn, email: 'not-an-email' }, 'extension-page')).toMatchObject({
      ok: false,
      error: { message: 'Укажите e-mail' },
    });
  });

  it('refuses a plain-http server that is not on this computer', () => {
    const parsed = parseMessage({ ...signIn, serverUrl: 'http://crm.example.ru' }, 'extension-page');

    expect(parsed).toMatchObject({ ok: false, error: { code: 'bad_message', message: expect.stringContaining('https://') } });
  });

  it('accepts status and sign-out with no fields', () => {
    expect(parseMessage({ type: 'status' }, 'extension-page')).toEqual({ ok: true, message: { type: 'status' } });
    expect(parseMessage({ type: 'signOut' }, 'extension-page')).toEqual({ ok: true, message: { type: 'signOut' } });
  });
});

describe('server address', () => {
  it.each([
    ['https://crm.example.ru/app/', 'https://crm.example.ru'],
    ['http://localhost:8787', 'http://localhost:8787'],
    ['  http://127.0.0.1:8787/  ', 'http://127.0.0.1:8787'],
    ['http://crm.example.ru', null],
    ['ftp://127.0.0.1', null],
    ['https://user:pass@crm.example.ru', null],
    ['crm.example.ru', null],
  ])('%s → %s', (input, expected) => {
    expect(normalizeServerUrl(input)).toBe(expected);
  });
});

describe('message sender', () => {
  const BASE = `chrome-extension://${ID}/`;
  it('tells the extension’s own pages from content scripts and other extensions', () => {
    expect(
      classifySender({ id: ID, url: `chrome-extension://${ID}/src/popup/index.html`, origin: `chrome-extension://${ID}` }, ID, BASE),
    ).toBe('extension-page');
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/src/options/index.html` }, ID, BASE)).toBe('extension-page');
    expect(classifySender({ id: ID, url: 'https://e.mail.ru/inbox/', origin: 'https://e.mail.ru' }, ID, BASE)).toBe('content-script');
    expect(classifySender({ id: ID, url: `https://evil.example/chrome-extension://${ID}/` }, ID, BASE)).toBe('content-script');
    expect(classifySender({ id: ID }, ID, BASE)).toBe('content-script');
    expect(classifySender({ id: 'otherextensionidotherextensionid', url: `chrome-extension://${ID}/x.html` }, ID, BASE)).toBe('foreign');
  });

  it('in Firefox: the pages live at moz-extension://<profile uuid>/, not at the add-on id', () => {
    // Firefox's sender for an extension page: the gecko id and the page URL under the per-profile uuid.
    const GECKO_ID = 'crm@voronka.extension';
    const MOZ = 'moz-extension://0b6c2a39-7a0e-4c4b-9d4e-5a8f3b1c2d7e/';
    expect(classifySender({ id: GECKO_ID, url: `${MOZ}src/options/index.html` }, GECKO_ID, MOZ)).toBe('extension-page');
    expect(classifySender({ id: GECKO_ID, url: 'https://mail.yandex.ru/#/message/1' }, GECKO_ID, MOZ)).toBe('content-script');
    // Another add-on's page, even one claiming our uuid in its path, is not ours.
    expect(classifySender({ id: GECKO_ID, url: `moz-extension://11111111-2222-3333-4444-555555555555/${MOZ}` }, GECKO_ID, MOZ)).toBe(
      'content-script',
    );
    expect(classifySender({ id: 'other@addon', url: `${MOZ}x.html` }, GECKO_ID, MOZ)).toBe('foreign');
  });
});
