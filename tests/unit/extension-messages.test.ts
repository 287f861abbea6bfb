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
  it('tells the extension’s own pages from content scripts and other extensions', () => {
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/src/popup/index.html`, origin: `chrome-extension://${ID}` }, ID)).toBe(
      'extension-page',
    );
    expect(classifySender({ id: ID, url: `chrome-extension://${ID}/src/options/index.html` }, ID)).toBe('extension-page');
    expect(classifySender({ id: ID, url: 'https://e.mail.ru/inbox/', origin: 'https://e.mail.ru' }, ID)).toBe('content-script');
    expect(classifySender({ id: ID, url: `https://evil.example/chrome-extension://${ID}/` }, ID)).toBe('content-script');
    expect(classifySender({ id: ID }, ID)).toBe('content-script');
    expect(classifySender({ id: 'otherextensionidotherextensionid', url: `chrome-extension://${ID}/x.html` }, ID)).toBe('foreign');
  });
});
