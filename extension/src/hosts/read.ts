import type { DomDocument, DomElement } from './dom';
import type { OpenMessage, Participant, ParticipantRole } from './types';
import { normalizePhone } from '../shared/phones';

/** Helpers the adapters share: text cleanup, addresses, the participant list. */

/** Whitespace collapsed and trimmed; null when nothing is left. */
export function cleanText(text: string | null | undefined): string | null {
  const cleaned = (text ?? '').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

export function textOf(element: DomElement | null | undefined): string | null {
  return element ? cleanText(element.textContent) : null;
}

/** An element's title when it has one (Gmail and OWA put the full date there), else its text. */
export function titleOrText(element: DomElement | null | undefined): string | null {
  return cleanText(element?.getAttribute('title')) ?? textOf(element);
}

const EMAIL_IN_TEXT = /[a-z0-9._%+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;

/** The first e-mail address inside a string, lower-cased; null when there is none. */
export function emailIn(text: string | null | undefined): string | null {
  const found = EMAIL_IN_TEXT.exec(text ?? '');
  return found ? found[0].toLowerCase() : null;
}

/**
 * "Иван Петров <ivan@krovlya.ru>; Анна <a@test.ru>" → addresses with names. Webmails put such lists
 * in aria-labels and titles; a bare address without a name is kept with name null.
 */
export function addressList(text: string): { email: string; name: string | null }[] {
  const found: { email: string; name: string | null }[] = [];
  for (const part of text.split(/[;,](?![^<]*>)/)) {
    const email = emailIn(part);
    if (!email) continue;
    const name = cleanText(
      part
        .replace(/<[^>]*>/g, '')
        .replace(EMAIL_IN_TEXT, '')
        .replace(/["()]/g, ''),
    );
    found.push({ email, name });
  }
  return found;
}

/**
 * A caller as a softphone shows it → E.164 (+74951234567) when it is a phone number, else the
 * digits as shown (an internal extension «101», a «*97» feature code); null when nothing is left.
 */
export function callerNumber(shown: string): string | null {
  return normalizePhone(shown)?.e164 ?? (shown.replace(/[^\d+*#]/g, '') || null);
}

/** Whether the app hid the element itself (jQuery's `.hide()` writes `display: none` inline; `.show()` clears it). */
export function hiddenInline(element: DomElement | null | undefined): boolean {
  return /display\s*:\s*none/i.test(element?.getAttribute('style') ?? '');
}

/** The first element that matches, scoped to `root` (document or element). */
export function first(root: DomDocument | DomElement, selector: string): DomElement | null {
  return root.querySelector(selector);
}

export function all(root: DomDocument | DomElement, selector: string): DomElement[] {
  return Array.from(root.querySelectorAll(selector));
}

const ROLE_RANK: Record<ParticipantRole, number> = { from: 0, to: 1, cc: 2 };

/**
 * Collects participants of a thread, one entry per address: a client who wrote and was also written
 * to is one contact for the sidebar, listed under the strongest role (from > to > cc).
 */
export class ParticipantList {
  private readonly byEmail = new Map<string, Participant>();

  add(email: string | null, name: string | null, role: ParticipantRole): void {
    const address = email ? emailIn(email) : null;
    if (!address) return;
    const known = this.byEmail.get(address);
    if (!known) {
      this.byEmail.set(address, { email: address, name: cleanNameFor(name, address), role });
      return;
    }
    if (ROLE_RANK[role] < ROLE_RANK[known.role]) known.role = role;
    if (!known.name) known.name = cleanNameFor(name, address);
  }

  get size(): number {
    return this.byEmail.size;
  }

  toArray(): Participant[] {
    return Array.from(this.byEmail.values(), (participant) => ({ ...participant }));
  }
}

/** A display name that is only the address again carries no information. */
function cleanNameFor(name: string | null, email: string): string | null {
  const cleaned = cleanText(name);
  if (!cleaned || cleaned.toLowerCase() === email) return null;
  return cleaned;
}

/**
 * When a site shows no id for the open message, the subject and the sender still tell one open
 * message from another well enough to de-duplicate lookups.
 */
export function fallbackThreadKey(siteId: string, subject: string | null, participants: Participant[]): string {
  const sender = participants.find((participant) => participant.role === 'from')?.email ?? '';
  return `${siteId}:${subject ?? ''}|${sender}`;
}

/** The result every mail adapter returns, or null when nothing readable is open. */
export function openMessage(fields: OpenMessage): OpenMessage | null {
  return fields.participants.length > 0 ? fields : null;
}
