/**
 * How people write around a phone number — the label before it, the extension after it, the spaces
 * and dashes they paste — shared by the server's normalizePhone (contact-points.ts) and the
 * extension's page scanner, which cannot carry libphonenumber-js: this module has no dependencies.
 */

/** Hyphens U+2010–U+2015 (non-breaking hyphen and en/em dashes among them), the minus sign U+2212, small and full-width hyphen-minus. */
export const DASH_CLASS = '[-\\u2010-\\u2015\\u2212\\ufe58\\ufe63\\uff0d]';
/** Every space is \s in a JavaScript regex: no-break U+00A0, figure U+2007, thin U+2009, narrow no-break U+202F included. */
export const SPACE_CLASS = '\\s';

/** "доб. 123", "добавочный 4", "вн. 12", "внутр. 3", "ext. 5", "#7". */
export const EXTENSION_WORD = '(?:добавочный|доб\\.?|внутр(?:енний|\\.)?|вн\\.?|extension|ext\\.?|#)';

/** An extension after a number: "доб. 204", "(доб. 204)", ", ext. 5", "#204"; the digits are group 1 or 2. */
export const EXTENSION_AFTER = `${SPACE_CLASS}*[,;]?${SPACE_CLASS}*(?:\\(${SPACE_CLASS}*${EXTENSION_WORD}${SPACE_CLASS}*:?${SPACE_CLASS}*(\\d{1,6})${SPACE_CLASS}*\\)|${EXTENSION_WORD}${SPACE_CLASS}*:?${SPACE_CLASS}*(\\d{1,6}))`;

const DASHES = new RegExp(DASH_CLASS.replace('[-', '['), 'gu');
const EXTENSION_AT_END = new RegExp(`${EXTENSION_AFTER}[\\s.]*$`, 'iu');

// "Тел.:", "тел./факс", "моб.:", "phone:", "т." — written before a number on a card or in a signature.
const LABEL =
  /^(?:(?:телефон|тел|факс|мобильный|моб|сотовый|сот|рабочий|раб|т|ф|phone|tel|fax|mobile|mob|cell)\.?\s*(?:[/,]\s*)?)+[:\s]*/iu;

/**
 * A number as typed → the number alone (plain spaces and hyphens, no label, no trailing dot) and its
 * extension, or null. Whether the rest is a phone is for the caller to decide.
 */
export function splitPhoneText(raw: string): { number: string; extension: string | null } {
  let number = raw.replace(/\s+/gu, ' ').replace(DASHES, '-').trim().replace(LABEL, '');
  let extension: string | null = null;
  const ext = EXTENSION_AT_END.exec(number);
  if (ext) {
    extension = ext[1] ?? ext[2] ?? null;
    number = number.slice(0, ext.index);
  }
  return { number: number.replace(/[\s.,;]+$/u, '').trim(), extension };
}

export { formatPhoneRu } from './phone-format';
