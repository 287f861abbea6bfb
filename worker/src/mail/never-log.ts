import { normalizeEmail } from '../../../schema/domain/contact-points';
import { inDomain, type MailParties } from './direction';
import type { MailAddress } from './parse';

/**
 * A never-log pattern is an exact address (`director@bank.ru`) or a whole domain with its
 * subdomains (`@bank.ru`). Returns the stored form (lower-case), or null when it is neither.
 */
export function normalizeNeverLogPattern(raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (value.startsWith('@')) {
    const domain = value.slice(1);
    return /^(?=.{1,253}$)([a-z0-9\u0430-\u044f\u0451](?:[a-z0-9\u0430-\u044f\u0451-]{0,61}[a-z0-9\u0430-\u044f\u0451])?\.)+[a-z\u0430-\u044f\u0451]{2,63}$/.test(
      domain,
    )
      ? `@${domain}`
      : null;
  }
  return normalizeEmail(value);
}

/** The pattern that keeps this address off the timeline, or null. */
export function neverLogPatternFor(address: string, patterns: readonly string[]): string | null {
  for (const p of patterns) {
    if (p.startsWith('@') ? inDomain(address, p.slice(1)) : p === address) return p;
  }
  return null;
}

export interface NeverLogVerdict {
  /** Counterparts that may be logged. */
  logged: MailAddress[];
  /** Counterparts kept off the timeline, with the pattern that did it. */
  skipped: { address: string; pattern: string }[];
  /** Own addresses only: nothing of this mail is logged. */
  internal: boolean;
  /** Every counterpart is on the list: nothing is logged either. */
  neverLog: boolean;
}

/** Internal mail (own domains on both sides) and listed counterparts never reach the timeline. */
export function applyNeverLog(parties: MailParties, patterns: readonly string[]): NeverLogVerdict {
  const skipped: NeverLogVerdict['skipped'] = [];
  const logged: MailAddress[] = [];
  for (const c of parties.counterparts) {
    const pattern = neverLogPatternFor(c.address, patterns);
    if (pattern) skipped.push({ address: c.address, pattern });
    else logged.push(c);
  }
  return { logged, skipped, internal: parties.direction === 'internal', neverLog: parties.counterparts.length > 0 && logged.length === 0 };
}
