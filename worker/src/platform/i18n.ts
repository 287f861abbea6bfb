export type Lang = 'ru' | 'en';
export type Text = { ru: string; en: string };

export const LANGS: readonly Lang[] = ['ru', 'en'];

/** Russian first: English only when the client prefers it over Russian. */
export function pickLang(acceptLanguage: string | undefined | null): Lang {
  if (!acceptLanguage) return 'ru';
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag.startsWith('ru')) return 'ru';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ru';
}

export function t(text: Text, lang: Lang): string {
  return text[lang];
}

/**
 * The language of the pages is the user's choice, kept in this cookie by the switch in the menu and
 * on the sign-in page (pages/src/app.ts, pages/src/sign-in.ts); without it, Russian — whatever the
 * browser asks for. The API keeps answering errors by Accept-Language. docs/workspace.md.
 */
export const LANG_COOKIE = 'voronka_lang';

/** The pages' language from the Cookie header: `voronka_lang=en` → English, anything else Russian. */
export function pageLang(cookieHeader: string | undefined | null): Lang {
  const m = /(?:^|;\s*)voronka_lang=(ru|en)(?:;|$)/.exec(cookieHeader ?? '');
  return (m?.[1] as Lang | undefined) ?? 'ru';
}

/**
 * The one catalogue of interface strings: the shell (header, menu, search box, error pages) and the
 * sign-in page. Page bodies not yet translated keep their Russian text and say so with lang="ru".
 */
export const MESSAGES = {
  brand: { ru: 'Воронка', en: 'Voronka' },
  'menu.home': { ru: 'Главная', en: 'Home' },
  'menu.today': { ru: 'Мой день', en: 'My day' },
  'menu.tasks': { ru: 'Задачи', en: 'Tasks' },
  'menu.newClient': { ru: 'Новый клиент', en: 'New client' },
  'menu.clients': { ru: 'Клиенты', en: 'Clients' },
  'menu.reports': { ru: 'Отчёты', en: 'Reports' },
  'menu.plans': { ru: 'Планы', en: 'Plans' },
  'menu.pay': { ru: 'Зарплата', en: 'Pay' },
  'menu.import': { ru: 'Импорт', en: 'Import' },
  'menu.sync': { ru: 'Синхронизация', en: 'Sync' },
  'menu.users': { ru: 'Пользователи', en: 'Users' },
  'menu.integrations': { ru: 'Интеграции', en: 'Integrations' },
  'menu.audit': { ru: 'Журнал доступа', en: 'Audit trail' },
  'menu.tokens': { ru: 'Токены и виджеты', en: 'Tokens and widgets' },
  'menu.api': { ru: 'API', en: 'API' },
  'menu.open': { ru: 'Меню', en: 'Menu' },
  'menu.label': { ru: 'Разделы', en: 'Sections' },
  'menu.signOut': { ru: 'Выйти', en: 'Sign out' },
  'menu.otherLang': { ru: 'English', en: 'Русский' },
  'search.label': { ru: 'Поиск клиента', en: 'Find a client' },
  'search.placeholder': { ru: 'Название, ИНН, телефон, контакт, e-mail', en: 'Name, INN, phone, contact, e-mail' },
  'search.none': { ru: 'Ничего не нашлось', en: 'Nothing found' },
  'search.all': { ru: 'Все результаты', en: 'All results' },
  'search.byInn': { ru: 'ИНН', en: 'INN' },
  'search.byPhone': { ru: 'по телефону', en: 'by phone' },
  'search.byEmail': { ru: 'по e-mail', en: 'by e-mail' },
  'search.pool': { ru: 'пул региона', en: 'region pool' },
  'search.failed': { ru: 'Поиск не ответил', en: 'Search did not answer' },
  'error.title.401': { ru: 'Нужно войти', en: 'Sign-in required' },
  'error.title.403': { ru: 'Нет доступа', en: 'Access denied' },
  'error.title.404': { ru: 'Страница не найдена', en: 'Page not found' },
  'error.title.500': { ru: 'Что-то сломалось', en: 'Something broke' },
  'error.text.403': {
    ru: 'Этот раздел закрыт для вашей роли. Если он нужен для работы, попросите администратора.',
    en: 'This section is closed to your role. Ask the administrator if you need it.',
  },
  'error.text.404': {
    ru: 'Такой страницы нет: возможно, ссылка устарела или в адресе опечатка.',
    en: 'There is no such page: the link may be old or the address mistyped.',
  },
  'error.text.500': {
    ru: 'Сервер не смог ответить. Попробуйте ещё раз через минуту; если не пройдёт — сообщите администратору номер запроса.',
    en: 'The server could not answer. Try again in a minute; if it persists, tell the administrator the request number.',
  },
  'error.request': { ru: 'Номер запроса', en: 'Request number' },
  'error.home': { ru: 'На главную', en: 'Go home' },
  'signIn.title': { ru: 'Вход', en: 'Sign in' },
  'signIn.heading': { ru: 'Вход в Воронку', en: 'Sign in to Voronka' },
  'signIn.email': { ru: 'E-mail', en: 'E-mail' },
  'signIn.password': { ru: 'Пароль', en: 'Password' },
  'signIn.submit': { ru: 'Войти', en: 'Sign in' },
  'signIn.progress': { ru: 'Входим…', en: 'Signing in…' },
  'signIn.offline': { ru: 'Нет связи с сервером', en: 'No connection to the server' },
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;

/** A catalogue string in a language. */
export function msg(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}

/** Catalogue strings a page script needs, in the page's language (rides in a JSON island). */
export function messagesFor<K extends MessageKey>(keys: readonly K[], lang: Lang): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, MESSAGES[k][lang]])) as Record<K, string>;
}
