import type { MailHost } from './types';
import { all, fallbackThreadKey, first, openMessage, ParticipantList, textOf } from './read';

/**
 * Mail.ru (e.mail.ru). Selectors as public Selenium suites and scrapers of the letter page read
 * them: `.letter__author > .letter-contact` and `.letter__recipients > .letter-contact`, whose
 * title holds the address and text the name; the subject as h2.thread-subject (h2.thread__subject
 * in older builds), inside .thread__subject-line. The short recipient line does not mark Cc, so
 * every recipient is 'to'. The letter id lives only in the URL (/inbox/0:…:0/, /thread/…). The
 * date is `.letter__date` beside the author, as the same scrapers read it: «26 ноября, 10:15»,
 * «2 октября 2021, 00:00», «сегодня, 10:15»; in a thread the last letter's is the latest.
 */

const selectors = {
  subjectLine: '.thread__subject-line',
  subject: '.thread-subject, .thread__subject',
  authorBlock: '.letter__author',
  recipientBlock: '.letter__recipients',
  contact: '.letter-contact[title]',
  date: '.letter__date',
} as const;

/** /inbox/0:17012345678901234567:0/ → the letter; /thread/… → a thread. */
const LETTER_IN_PATH = /\/(thread|[\w-]+)\/(\d+:[\w]+:\d+)\/?/;

export const mailru: MailHost = {
  id: 'mailru',
  kind: 'mail',
  title: 'Почта Mail.ru',
  matches: ['https://e.mail.ru/*'],
  selectors,
  detect: (_doc, url) => url.hostname === 'e.mail.ru',

  readOpenMessage(doc, url) {
    const contacts = all(doc, `${selectors.authorBlock} ${selectors.contact}, ${selectors.recipientBlock} ${selectors.contact}`);
    if (!contacts.some((contact) => contact.closest(selectors.authorBlock))) return null;
    const participants = new ParticipantList();
    // Page order is letter order: each letter's author comes before its recipients.
    for (const contact of contacts) {
      participants.add(contact.getAttribute('title'), textOf(contact), contact.closest(selectors.authorBlock) ? 'from' : 'to');
    }
    const subject = textOf(first(doc, selectors.subject));
    const list = participants.toArray();
    const found = LETTER_IN_PATH.exec(url.pathname);
    return openMessage({
      messageId: found && found[1] !== 'thread' ? (found[2] ?? null) : null,
      threadKey: found ? `mailru:${found[2]}` : fallbackThreadKey('mailru', subject, list),
      subject,
      participants: list,
      dateText: textOf(all(doc, selectors.date).pop()),
    });
  },

  sidebarAnchor: (doc) => first(doc, selectors.subjectLine),
};
