import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface NormalizedPhone {
  e164: string;
  extension: string | null;
}

// "доб. 123", "доб 12", "ext. 5", "#7" — what managers type after a number.
const EXTENSION_RE = /\s*(?:,|;)?\s*(?:доб\.?|добавочный|вн\.?|ext\.?|extension|#)\s*(\d{1,6})\s*$/iu;

/**
 * A Russian-default phone in any common spelling → E.164 plus an optional extension; null when it
 * is not a plausible number. 8 and 7 prefixes, brackets, dashes and spaces are all accepted.
 */
export function normalizePhone(raw: string): NormalizedPhone | null {
  let text = raw.trim();
  if (!text) return null;
  let extension: string | null = null;
  const ext = EXTENSION_RE.exec(text);
  if (ext) {
    extension = ext[1] ?? null;
    text = text.slice(0, ext.index);
  }
  if (!/^[\d\s()+\-.]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (digits.length < 10 || digits.length > 15) return null;
  const phone = parsePhoneNumberFromString(text, 'RU');
  if (!phone || !phone.isValid()) return null;
  return { e164: phone.number, extension: extension ?? phone.ext ?? null };
}

/** Trimmed, lower-cased, one "@" and a dotted domain; null otherwise. */
export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/.test(email) ? email : null;
}
