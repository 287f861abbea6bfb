import type { MailHost } from './types';
import { all, fallbackThreadKey, first, openMessage, ParticipantList, textOf, titleOrText } from './read';

/**
 * Gmail (mail.google.com). Selectors are Gmail's obfuscated but long-lived class names as public
 * extensions read them: gmail.js `api.dom.email`/`api.dom.thread` (div.adn message, span.gD[email]
 * sender, span.g2[email] recipients, h2.hP subject, div.a3s body), Mailvelope's gmailIntegration
 * ([data-message-id] with data-legacy-message-id), and h2.hP[data-thread-perm-id] / the .ha header
 * as several content scripts use them. Gmail's header line ("кому: мне, Борис") does not tell To
 * from Cc, so every recipient is reported as 'to'. The date is each message's `span.g3`, whose
 * title holds the full date («чт, 26 нояб. 2026 г., 10:15»; the text only «10:15 (1 час назад)») —
 * as userscripts that show Gmail's full dates read it (greasyfork 26848, "Gmail - show full date").
 */

const selectors = {
  main: 'div[role="main"]',
  header: 'div.ha',
  subject: 'h2.hP',
  message: 'div.adn[data-legacy-message-id], div.adn[data-message-id]',
  sender: 'span.gD[email]',
  recipient: 'span.g2[email]',
  date: 'span.g3',
} as const;

export const gmail: MailHost = {
  id: 'gmail',
  kind: 'mail',
  title: 'Почта Gmail',
  matches: ['https://mail.google.com/*'],
  selectors,
  detect: (_doc, url) => url.hostname === 'mail.google.com',

  readOpenMessage(doc, url) {
    const main = first(doc, selectors.main);
    if (!main) return null;
    const messages = all(main, selectors.message);
    if (messages.length === 0) return null;
    const participants = new ParticipantList();
    for (const message of messages) {
      for (const sender of all(message, selectors.sender))
        participants.add(sender.getAttribute('email'), sender.getAttribute('name') ?? textOf(sender), 'from');
      for (const recipient of all(message, selectors.recipient))
        participants.add(recipient.getAttribute('email'), recipient.getAttribute('name'), 'to');
    }
    const subjectElement = first(main, selectors.subject);
    const subject = textOf(subjectElement);
    const latest = messages[messages.length - 1];
    const messageId = latest?.getAttribute('data-legacy-message-id') ?? latest?.getAttribute('data-message-id') ?? null;
    const list = participants.toArray();
    // The thread's permanent id survives new replies; the URL token is the next best thing.
    const threadId =
      subjectElement?.getAttribute('data-thread-perm-id') ??
      subjectElement?.getAttribute('data-legacy-thread-id') ??
      url.hash.split('/').pop() ??
      '';
    return openMessage({
      messageId,
      threadKey: threadId ? `gmail:${threadId}` : fallbackThreadKey('gmail', subject, list),
      subject,
      participants: list,
      // The latest message's date, as its id is the latest's: the full date is in the title.
      dateText: latest ? titleOrText(first(latest, selectors.date)) : null,
    });
  },

  sidebarAnchor: (doc) => first(doc, `${selectors.main} ${selectors.header}`),
};
