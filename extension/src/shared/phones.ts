import type { DomElement, DomNode, DomText } from '../hosts/dom';
import { isElement, isText } from '../hosts/dom';
import { DASH_CLASS, EXTENSION_AFTER, SPACE_CLASS, splitPhoneText } from '../../../schema/domain/phone-text';

/**
 * Russian phone numbers on a web page, found without touching the page: text hits are offsets in a
 * text node for the UI layer to wrap, link hits are `tel:` links to decorate.
 *
 * Russia-only on purpose: the server's normalizePhone (schema/domain/contact-points.ts) rests on
 * libphonenumber-js, whose metadata alone is ~30 KB gzip of the 40 KB a content script may weigh.
 * Every +7 number is 10 national digits after 7/8, so a table-free check gives the same E.164.
 */

export interface Phone {
  /** +7 and ten digits (or, from a tel: link, any +<country> number). */
  e164: string;
  /** "доб. 12" → "12". */
  extension: string | null;
}

export interface PhoneInText {
  /** Offsets in the searched string, extension included: `string.slice(start, end) === text`. */
  start: number;
  end: number;
  text: string;
  phone: Phone;
}

export interface TextPhoneHit extends PhoneInText {
  kind: 'text';
  /** The offsets index into `node.data`. */
  node: DomText;
}

export interface LinkPhoneHit {
  kind: 'link';
  /** The `<a href="tel:…">`; its text is not reported again. */
  element: DomElement;
  phone: Phone;
}

export type PhoneHit = TextPhoneHit | LinkPhoneHit;

/** Elements the extension adds to a page carry this attribute, so a rescan never finds its own overlay. */
export const OVERLAY_ATTRIBUTE = 'data-voronka';

// Area codes of the +7 zone start with 3, 4, 8, 9 (Russia) or 6, 7 (Kazakhstan); 0, 1, 2, 5 are unassigned.
const NATIONAL = /^[346-9]\d{9}$/;

const SPACE = SPACE_CLASS;
const DASH = DASH_CLASS;
const GAP = `${SPACE}?${DASH}?${SPACE}?`;

/**
 * +7 / 8 / 7, an area code of 3–5 digits (bracketed or not), the rest of the ten digits with single
 * gaps, then an optional extension. Dots and commas are never gaps, so dates, IP addresses and
 * amounts cannot pass, and a number glued to more digits, letters, a decimal part or a time is not one.
 */
const PHONE_IN_TEXT = new RegExp(
  '(?<![\\p{L}\\p{N}_+])(?<!\\p{N}[.,:/])' +
    `(?:(\\+${SPACE}?7|8|7)${GAP})?` +
    `(\\(${SPACE}?\\d{3,5}${SPACE}?\\)|\\d{3,5})` +
    `((?:${GAP}\\d){5,7})` +
    '(?!\\p{N}|[.,:]\\p{N})' +
    `(?:${EXTENSION_AFTER}(?!\\p{N}))?`,
  'giu',
);

/**
 * Words after which a number is a document's, not a phone: "ИНН 7707 083 893", "Паспорт: 4510 123456",
 * "р/с 40702 810 9 0000 0012345", "Лицевой счёт: 3452 123 456". Only the word right before the number
 * counts, and only in its own forms: "ИНН …, тел. 8 495 …" and "Паспортный стол: 8 495 …" keep their phones.
 */
const IDENTIFIER_LABEL_BEFORE =
  /(?<!\p{L})(?:паспорт[аеу]?|сери[яи]|снилс|огрнип|огрн|инн|кпп|бик|окпо|октмо|окато|[ркл]\/сч?|сч[её]т[аеу]?|сч\.|корр?\.)[\s:.№#/-]*$/iu;

/** A passport's series and number, "4510 123456": four digits, one space, six, with no 7/8 or brackets. */
const PASSPORT_SHAPE = /^\d{4}\s\d{6}$/u;

function isDocumentNumber(text: string, start: number, prefix: string | undefined, number: string): boolean {
  if (!prefix && PASSPORT_SHAPE.test(number)) return true;
  return IDENTIFIER_LABEL_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

function toPhone(national: string, extension: string | null): Phone | null {
  return NATIONAL.test(national) ? { e164: `+7${national}`, extension } : null;
}

/** Every Russian number in a string, in order, with its offsets. */
export function findPhonesInText(text: string): PhoneInText[] {
  const found: PhoneInText[] = [];
  if (!/\d{2}/.test(text)) return found;
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const [whole, prefix, area = '', rest = '', extension, bracketedExtension] = match;
    const digits = `${area}${rest}`.replace(/\D/g, '');
    // A bare run of ten digits is an ИНН or an account far more often than a phone: ten digits need a prefix or some formatting.
    const formatted = /\D/.test(`${area}${rest}`);
    const national = prefix ? (digits.length === 10 ? digits : null) : digits.length === 10 && formatted ? digits : null;
    if (!national || match.index === undefined || isDocumentNumber(text, match.index, prefix, `${area}${rest}`)) continue;
    const phone = toPhone(national, bracketedExtension ?? extension ?? null);
    if (phone) found.push({ start: match.index, end: match.index + whole.length, text: whole, phone });
  }
  return found;
}

// How a tel: link or a dialler writes an extension: ";ext=12", ",12" (pause), "p12", "w12".
const DIALLED_EXTENSION = /(?:;ext=|[,;pw])(\d{1,6})$/iu;

/**
 * A number from an explicit phone context (a tel: link, a softphone's caller) → E.164; null when it
 * is not one. Looser than text search: a bare 8XXXXXXXXXX or ten digits are accepted here.
 */
export function normalizePhone(raw: string): Phone | null {
  let { number: text, extension } = splitPhoneText(raw);
  const dialled = extension ? null : DIALLED_EXTENSION.exec(text);
  if (dialled) {
    extension = dialled[1] ?? null;
    text = text.slice(0, dialled.index);
  }
  if (!/^[\d\s()+\-.]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) {
    if (digits.startsWith('7')) return digits.length === 11 ? toPhone(digits.slice(1), extension) : null;
    return digits.length >= 8 && digits.length <= 15 ? { e164: `+${digits}`, extension } : null;
  }
  if (digits.length === 11 && /^[78]/.test(digits)) return toPhone(digits.slice(1), extension);
  if (digits.length === 10) return toPhone(digits, extension);
  return null;
}

/** "tel:+7-495-123-45-67;ext=12" → the phone; null for anything that is not a usable number. */
export function phoneFromTelHref(href: string): Phone | null {
  const found = /^\s*tel:(.*)$/i.exec(href);
  if (!found?.[1]) return null;
  let number = found[1];
  try {
    number = decodeURIComponent(number);
  } catch {
    return null;
  }
  return normalizePhone(number.split('?')[0] ?? '');
}

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'SVG', 'IFRAME']);

/** Form fields, editors and our own overlay: wrapping text there would break typing or loop on ourselves. */
function isSkipped(element: DomElement): boolean {
  if (SKIPPED_TAGS.has(element.tagName.toUpperCase())) return true;
  if (element.hasAttribute(OVERLAY_ATTRIBUTE)) return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable.toLowerCase() !== 'false';
}

const SKIPPED_ANCESTOR = `script, style, noscript, template, textarea, select, a[href], [${OVERLAY_ATTRIBUTE}], [contenteditable]:not([contenteditable="false"])`;

/**
 * Phone numbers under `root` in document order: tel: links, and numbers in text nodes outside
 * links, form fields, editable areas and elements marked with OVERLAY_ATTRIBUTE. A number split
 * across elements (`+7 (495) <b>123-45-67</b>`) is not found: wrapping it would cross elements.
 */
export interface ScanOptions {
  /** A text node to leave out (the decorator's: already scanned and unchanged since). */
  skipText?: (node: DomText) => boolean;
}

export function scanPhones(root: DomNode, options: ScanOptions = {}): PhoneHit[] {
  const hits: PhoneHit[] = [];
  const start = isElement(root) ? root.parentElement : isText(root) ? (root.parentNode as DomElement | null) : null;
  if (start && isElement(start) && start.closest(SKIPPED_ANCESTOR)) return hits;
  const stack: DomNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as DomNode;
    if (isText(node)) {
      if (options.skipText?.(node)) continue;
      for (const found of findPhonesInText(node.data)) hits.push({ kind: 'text', node, ...found });
      continue;
    }
    if (!isElement(node) && node !== root) continue;
    if (isElement(node)) {
      if (isSkipped(node)) continue;
      if (node.tagName.toUpperCase() === 'A' && node.hasAttribute('href')) {
        const phone = phoneFromTelHref(node.getAttribute('href') ?? '');
        if (phone) hits.push({ kind: 'link', element: node, phone });
        continue;
      }
    }
    for (let index = node.childNodes.length - 1; index >= 0; index--) {
      const child = node.childNodes[index];
      if (child) stack.push(child);
    }
  }
  return hits;
}
