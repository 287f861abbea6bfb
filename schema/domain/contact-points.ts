import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { splitPhoneText } from './phone-text';

export interface NormalizedPhone {
  e164: string;
  extension: string | null;
}

/**
 * A Russian-default phone in any common spelling → E.164 plus an optional extension; null when it
 * is not a plausible number. 8 and 7 prefixes, brackets, spaces and dashes of every kind, a label
 * before the number ("Тел.:") and an extension after it ("доб. 12", "(доб. 204)", "#204") are accepted.
 */
export function normalizePhone(raw: string): NormalizedPhone | null {
  const { number: text, extension } = splitPhoneText(raw);
  if (!text || !/^[\d\s()+\-.]+$/.test(text)) return null;
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
