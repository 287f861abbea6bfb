import { parseHTML } from 'linkedom';

/** Attributes a person reads or hears: labels of stacked cells, placeholders, tooltips, screen-reader names. */
const READ_ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'data-label', 'alt'];

/**
 * The interface text of a page's `main`: its text and readable attributes, without data — elements
 * marked `translate="no"` or `data-value` (names, e-mails, stored reasons and payloads, shown as stored
 * in either language), scripts and styles. A page fully in the catalogue has no Russian here in English.
 * `data`: names that interface sentences may carry (a client in a chart's summary, a person in an
 * aria-label): cut out of the text and the attributes.
 */
export function interfaceText(html: string, data: readonly string[] = []): string {
  const { document } = parseHTML(html);
  const main = document.querySelector('main');
  if (!main) throw new Error('no <main> in the page');
  // An element with its own `lang` says what it is in (the switch's «Русский» is Russian on purpose).
  for (const el of main.querySelectorAll('[translate="no"], [data-value], [lang], script, style')) el.remove();
  const cut = (text: string) => withoutNames(text, data);
  const attributes = [...main.querySelectorAll('*')].flatMap((el) =>
    READ_ATTRIBUTES.map((name) => cut(el.getAttribute(name) ?? '')).filter(Boolean),
  );
  return [cut(main.textContent ?? ''), ...attributes].join('\n');
}

/** `text` with every one of `names` cut out — longest first, so «Москва» is not cut out of «ООО "Пул Москва"» before the client is. */
export function withoutNames(text: string, names: readonly string[]): string {
  return [...names]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .reduce((t, name) => t.split(name).join(' '), text);
}

/** The Cyrillic words of a text, to show what leaked (an empty list when none). */
export function cyrillicWords(text: string): string[] {
  return [...new Set(text.match(/[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{L}\d-]*/gu) ?? [])];
}
