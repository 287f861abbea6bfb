import { parseHTML } from 'linkedom';

/** Attributes a person reads or hears: labels of stacked cells, placeholders, tooltips, screen-reader names. */
const READ_ATTRIBUTES = ['placeholder', 'title', 'aria-label', 'data-label', 'alt'];

/**
 * The interface text of a page's `main`: its text and readable attributes, without data — elements
 * marked `translate="no"` or `data-value` (names, e-mails, stored reasons and payloads, shown as stored
 * in either language), scripts and styles. A page fully in the catalogue has no Russian here in English.
 * `data`: names that attributes may carry inside their sentence (people's names in an aria-label).
 */
export function interfaceText(html: string, data: readonly string[] = []): string {
  const { document } = parseHTML(html);
  const main = document.querySelector('main');
  if (!main) throw new Error('no <main> in the page');
  // An element with its own `lang` says what it is in (the switch's «Русский» is Russian on purpose).
  for (const data of main.querySelectorAll('[translate="no"], [data-value], [lang], script, style')) data.remove();
  // An attribute may name data inside an interface sentence («Plan of Анна Менеджер»): `data` strings are cut out of it.
  const attributes = [...main.querySelectorAll('*')].flatMap((el) =>
    READ_ATTRIBUTES.map((name) => data.reduce((text, d) => text.split(d).join(' '), el.getAttribute(name) ?? '')).filter(Boolean),
  );
  return [main.textContent ?? '', ...attributes].join('\n');
}

/** The Cyrillic words of a text, to show what leaked (an empty list when none). */
export function cyrillicWords(text: string): string[] {
  return [...new Set(text.match(/[\p{Script=Cyrillic}][\p{Script=Cyrillic}\p{L}\d-]*/gu) ?? [])];
}
