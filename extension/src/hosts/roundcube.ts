import type { MailHost, ParticipantRole } from './types';
import type { DomDocument } from './dom';
import { isText } from './dom';
import { all, cleanText, fallbackThreadKey, first, openMessage, ParticipantList, textOf } from './read';

/**
 * Roundcube 1.6 (elastic skin), self-hosted on any domain, so it is recognised by its page: the
 * program/js/app script, a `task-…` body class and the inline `rcmail.set_env({...})` call. Markup
 * taken from a real Roundcube 1.6.5 (Debian's roundcube-core) with Dovecot on loopback, saved from
 * Chromium as the fixtures are: #message-header > h2.subject, td.header.from/to/cc with
 * a.rcmContactAddress whose title is the address. Works the same in the preview frame
 * (body.action-preview) and the full page (body.action-show); #messageheader is the older larry skin.
 */

const selectors = {
  app: 'script[src*="program/js/app"]',
  body: 'body[class*="task-"]',
  env: 'script:not([src])',
  header: '#message-header, #messageheader',
  subject: 'h2.subject',
  from: 'td.header.from .rcmContactAddress',
  to: 'td.header.to .rcmContactAddress',
  cc: 'td.header.cc .rcmContactAddress',
  // i16 (sidebar): the mail's own date and its text, for logging at that date and reading the signature.
  // The summary line's full date («2026-11-26 07:15») first: the table's «Чт 07:15» is relative to the day it was drawn.
  date: '.header-summary .text-nowrap, td.header.date',
  messageBody: '#messagebody',
} as const;

interface RoundcubeEnv {
  uid?: unknown;
  mailbox?: unknown;
}

/** Roundcube prints its client settings as one `rcmail.set_env({...});` line; the content script cannot read page variables. */
function readEnv(doc: DomDocument): RoundcubeEnv {
  for (const script of all(doc, selectors.env)) {
    const found = /rcmail\.set_env\((\{.*\})\);/.exec(script.textContent ?? '');
    if (!found?.[1]) continue;
    try {
      return JSON.parse(found[1]) as RoundcubeEnv;
    } catch {
      return {};
    }
  }
  return {};
}

export const roundcube: MailHost = {
  id: 'roundcube',
  kind: 'mail',
  title: 'Roundcube (своя почта)',
  matches: [],
  selectors,
  detect: (doc) => first(doc, selectors.app) !== null && first(doc, selectors.body) !== null && Object.keys(readEnv(doc)).length > 0,

  readOpenMessage(doc, url) {
    const header = first(doc, selectors.header);
    if (!header) return null;
    const participants = new ParticipantList();
    for (const [selector, role] of [
      [selectors.from, 'from'],
      [selectors.to, 'to'],
      [selectors.cc, 'cc'],
    ] as [string, ParticipantRole][]) {
      for (const address of all(header, selector))
        participants.add(address.getAttribute('title') ?? address.getAttribute('href'), textOf(address), role);
    }
    // The heading also holds a hidden "Тема:" label and an "open in new window" link: only its own text is the subject.
    const heading = first(header, selectors.subject);
    const subject = heading
      ? cleanText(
          Array.from(heading.childNodes)
            .filter(isText)
            .map((node) => node.data)
            .join(' '),
        )
      : null;
    const env = readEnv(doc);
    const uid = typeof env.uid === 'string' || typeof env.uid === 'number' ? String(env.uid) : url.searchParams.get('_uid');
    const mailbox = typeof env.mailbox === 'string' ? env.mailbox : (url.searchParams.get('_mbox') ?? 'INBOX');
    const list = participants.toArray();
    return openMessage({
      messageId: uid,
      threadKey: uid ? `roundcube:${url.host}/${mailbox}/${uid}` : fallbackThreadKey('roundcube', subject, list),
      subject,
      participants: list,
      // i16 (sidebar): Roundcube prints a plain-text part with "<br>\n", so textContent keeps the lines.
      dateText: textOf(first(header, selectors.date)),
      bodyText: first(doc, selectors.messageBody)?.textContent ?? null,
    });
  },

  sidebarAnchor: (doc) => first(doc, selectors.header),
};
