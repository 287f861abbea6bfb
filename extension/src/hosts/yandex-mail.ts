import type { MailHost } from './types';
import { addressList, all, emailIn, fallbackThreadKey, first, openMessage, ParticipantList, textOf } from './read';

/**
 * Yandex Mail (mail.yandex.ru and its other country domains). Yandex marks its message view with
 * stable `qa-MessageViewer-*` classes for its own UI tests; the names used here are those of
 * Yandex's public Atlas page objects (ru.yandex.autotests.innerpochta, MessageViewHeadBlock:
 * SenderName, SenderEmail, Recipients-to/-cc .Recipient, Header-wrapper) and of scrapers that read
 * h1.qa-MessageViewer-Title-text. What sits inside one Recipient is not published: the adapter
 * takes the first address from its title or text, which holds for both the chip and the expanded
 * "Имя <адрес>" forms. The date is the page object's `.qa-MessageViewer-Header-date` ("Время
 * прихода письма") inside the `.qa-MessageViewer-Header-dateLink` that scrapers read: «26 ноября в
 * 10:15», «26 ноября 2025 в 10:15», «сегодня в 10:15» (hosts/date-text.ts reads them).
 */

const selectors = {
  header: '.qa-MessageViewer-Header-wrapper',
  subject: '.qa-MessageViewer-Title-text',
  senderName: '.qa-MessageViewer-SenderName',
  senderEmail: '.qa-MessageViewer-SenderEmail',
  recipientTo: '.qa-MessageViewer-Recipients-to .qa-MessageViewer-Recipient',
  recipientCc: '.qa-MessageViewer-Recipients-cc .qa-MessageViewer-Recipient',
  date: '.qa-MessageViewer-Header-date, .qa-MessageViewer-Header-dateLink',
} as const;

const YANDEX_MAIL_HOST = /^mail\.yandex\.(ru|com|by|kz|uz|com\.tr)$/;

/** `#/message/189…`, `#message/189…` (the older UI) or `/message/189…` in the path. */
const MESSAGE_IN_URL = /(?:^|\/|#)(message|thread)\/([\w-]+)/;

export const yandexMail: MailHost = {
  id: 'yandex-mail',
  kind: 'mail',
  title: 'Яндекс Почта',
  matches: [
    'https://mail.yandex.ru/*',
    'https://mail.yandex.com/*',
    'https://mail.yandex.by/*',
    'https://mail.yandex.kz/*',
    'https://mail.yandex.uz/*',
    'https://mail.yandex.com.tr/*',
  ],
  selectors,
  detect: (_doc, url) => YANDEX_MAIL_HOST.test(url.hostname),

  readOpenMessage(doc, url) {
    const header = first(doc, selectors.header);
    if (!header) return null;
    const participants = new ParticipantList();
    participants.add(textOf(first(header, selectors.senderEmail)), textOf(first(header, selectors.senderName)), 'from');
    for (const [selector, role] of [
      [selectors.recipientTo, 'to'],
      [selectors.recipientCc, 'cc'],
    ] as const) {
      for (const recipient of all(header, selector)) {
        const email = emailIn(recipient.getAttribute('title')) ?? emailIn(recipient.textContent);
        const [shown] = addressList(`${textOf(recipient) ?? ''} <${email ?? ''}>`);
        participants.add(email, shown?.name ?? null, role);
      }
    }
    const subject = textOf(first(doc, selectors.subject));
    const list = participants.toArray();
    const found = MESSAGE_IN_URL.exec(`${url.pathname}${url.hash}`);
    return openMessage({
      messageId: found?.[1] === 'message' ? (found[2] ?? null) : null,
      threadKey: found ? `yandex-mail:${found[1]}/${found[2]}` : fallbackThreadKey('yandex-mail', subject, list),
      subject,
      participants: list,
      dateText: textOf(first(header, selectors.date)),
    });
  },

  sidebarAnchor: (doc) => first(doc, selectors.header),
};
