import { fill } from '../../../schema/domain/fill-text';
import { ADMIN } from './messages/admin';
import { CLIENTS } from './messages/clients';
import { PAY } from './messages/pay';
import { REPORTS } from './messages/reports';
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
  ...REPORTS,
  ...PAY,
  ...ADMIN,
  ...CLIENTS,
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

/**
 * A service that answers in Russian (its JSON is Russian-first: column titles, notes, a statement's
 * problem) is shown in another language through the catalogue, found by the Russian side of a
 * section's texts: exactly, or by a pattern where `{name}` is a figure the service filled in (the same
 * figure lands in the translation). Russian comes back as it is; an unknown text as it came.
 */
export function byRussian(section: Record<string, Text>): (ru: string, lang: Lang) => string {
  const exact = new Map<string, string>();
  const patterns: { re: RegExp; names: string[]; en: string }[] = [];
  for (const text of Object.values(section)) {
    const names = [...text.ru.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
    if (!names.length) {
      exact.set(text.ru, text.en);
      continue;
    }
    const source = text.ru
      .split(/\{\w+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('(.+?)');
    patterns.push({ re: new RegExp(`^${source}$`, 's'), names, en: text.en });
  }
  return (ru, lang) => {
    if (lang === 'ru') return ru;
    const found = exact.get(ru);
    if (found !== undefined) return found;
    for (const p of patterns) {
      const m = p.re.exec(ru);
      if (m) return fill(p.en, Object.fromEntries(p.names.map((name, i) => [name, m[i + 1] ?? ''])));
    }
    return ru;
  };
}
