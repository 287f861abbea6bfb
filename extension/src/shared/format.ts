import { formatPhoneWithExtension } from '../../../schema/domain/format-ru';
import { formatPhoneRu } from '../../../schema/domain/phone-text';

const syncTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

export function formatSyncTime(ms: number | null): string {
  return ms === null ? 'ещё не было' : syncTime.format(ms);
}

/** +74951234567 → «+7 495 123-45-67»; other numbers as stored (schema/domain/phone-text.ts). */
export const formatPhone = formatPhoneRu;

/** A phone and its extension as the user reads it: «+7 495 123-45-67 доб. 204» — the pages' one formatter. */
export function formatDialled(phone: { e164: string; extension: string | null }): string {
  return formatPhoneWithExtension(phone.e164, phone.extension);
}

/** Every raw +7 number inside a sentence (a server's or the service worker's message) shown the Russian way. */
export function formatPhonesIn(text: string): string {
  return text.replace(/\+7\d{10}(?!\d)/g, formatPhoneRu);
}
