import { SHELL } from './messages/shell';
import type { Lang, Text } from './messages/text';

export type { Lang, Text } from './messages/text';

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
 * The one catalogue of interface strings, one section file per part of the app in
 * worker/src/platform/messages/ (keys are prefixed by the section: `menu.…`, `admin.…`, `reports.…`).
 * Page scripts get the strings they need in the page's language through a JSON island (`messagesFor`).
 * docs/workspace.md, «Language».
 */
export const MESSAGES = {
  ...SHELL,
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
