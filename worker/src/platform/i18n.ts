import { fill } from '../../../schema/domain/fill-text';
import { ADMIN } from './messages/admin';
import { SHELL } from './messages/shell';
import type { Lang, Text } from './messages/text';

export type { Lang, Text } from './messages/text';
export { fill };

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
 * The language of the pages is the user's setting (users.lang, `PATCH /api/me` from the menu's switch);
 * this cookie follows it in the browser so the pages without a session (sign-in, 401) speak it too, and
 * the sign-in page's own switch sets it. Without either, Russian — whatever the browser asks for. The API
 * keeps answering errors by Accept-Language (a page script sends the page's). docs/workspace.md.
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
  ...ADMIN,
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;

/** A catalogue string in a language. */
export function msg(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}

/** A catalogue string with its placeholders filled. */
export function msgf(key: MessageKey, lang: Lang, values: Record<string, string | number>): string {
  return fill(MESSAGES[key][lang], values);
}

/** A time zone as a column heading names it: «МСК» for Moscow, else the IANA name as set on the user. */
export function zoneLabel(zone: string, lang: Lang): string {
  return zone === 'Europe/Moscow' ? msg('admin.zone.moscow', lang) : zone;
}

/** Catalogue strings a page script needs, in the page's language (rides in a JSON island). */
export function messagesFor<K extends MessageKey>(keys: readonly K[], lang: Lang): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, MESSAGES[k][lang]])) as Record<K, string>;
}
