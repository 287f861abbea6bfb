import type { MailHost, ParticipantRole } from './types';
import type { DomElement } from './dom';
import { addressList, all, emailIn, fallbackThreadKey, first, openMessage, ParticipantList, textOf, titleOrText } from './read';

/**
 * Outlook on the web (OWA: outlook.office.com, outlook.office365.com, outlook.live.com and the newer
 * outlook.cloud.microsoft). OWA's class names are build hashes, so the adapter keeps to its own ids
 * and ARIA: #ConversationReadingPaneContainer / #ItemReadingPaneContainer and the selected
 * [data-convid] row (as mapped on live mailboxes by public OWA integrations and Mailvelope's
 * outlookIntegration), the pane's [role="heading"] subject, and header elements whose aria-label
 * reads "From: Имя <адрес>" (seen in a public userscript). The Russian labels "От:", "Кому:",
 * "Копия:" are OWA's Russian UI words and are a guess until checked on a Russian-language mailbox.
 * The date is `[data-testid="SentReceivedSavedTime"]` (OWA's component of that name, read by public
 * scrapers and extensions): «Thu 11/26/2026 10:15 AM» in en-US, «Чт 26.11.2026 10:15» in Russian.
 * OWA lists a conversation newest first (its default), so the first one in the pane is the latest.
 */

const selectors = {
  pane: '#ConversationReadingPaneContainer, #ItemReadingPaneContainer',
  subject: '[role="heading"]',
  selectedConversation: '[data-convid][aria-selected="true"]',
  from: '[aria-label^="From:"], [aria-label^="От:"]',
  to: '[aria-label^="To:"], [aria-label^="Кому:"]',
  cc: '[aria-label^="Cc:"], [aria-label^="Копия:"]',
  date: '[data-testid="SentReceivedSavedTime"]',
} as const;

const OWA_HOSTS = ['outlook.office.com', 'outlook.office365.com', 'outlook.live.com', 'outlook.cloud.microsoft'];

/** /mail/inbox/id/AAQk…%3D, /mail/0/sentitems/id/…, /mail/deeplink/read/… */
const ITEM_IN_PATH = /\/mail\/(?:\d+\/)?(?:.*\/)?(?:id|read)\/([^/?#]+)/;

/** Addresses from "Кому: Анна <a@test.ru>; Борис <b@test.ru>", or from titles inside when the label carries names only. */
function addressesOf(element: DomElement): { email: string; name: string | null }[] {
  const label = (element.getAttribute('aria-label') ?? '').replace(/^[^:]*:/, '');
  const fromLabel = addressList(label);
  if (fromLabel.length > 0) return fromLabel;
  return all(element, '[title*="@"]').map((titled) => ({ email: emailIn(titled.getAttribute('title')) ?? '', name: textOf(titled) }));
}

export const outlook: MailHost = {
  id: 'outlook',
  kind: 'mail',
  title: 'Outlook в браузере',
  matches: OWA_HOSTS.map((host) => `https://${host}/*`),
  selectors,
  detect: (_doc, url) => OWA_HOSTS.includes(url.hostname),

  readOpenMessage(doc, url) {
    const pane = first(doc, selectors.pane);
    if (!pane) return null;
    const participants = new ParticipantList();
    for (const [selector, role] of [
      [selectors.from, 'from'],
      [selectors.to, 'to'],
      [selectors.cc, 'cc'],
    ] as [string, ParticipantRole][]) {
      for (const element of all(pane, selector)) {
        for (const address of addressesOf(element)) participants.add(address.email, address.name, role);
      }
    }
    const subject = textOf(first(pane, selectors.subject));
    const list = participants.toArray();
    const itemId = ITEM_IN_PATH.exec(url.pathname)?.[1];
    const messageId = itemId ? decodeURIComponent(itemId) : null;
    // The selected row names the conversation; a reading pane opened from a link has only the item id.
    const conversationId = first(doc, selectors.selectedConversation)?.getAttribute('data-convid') ?? null;
    return openMessage({
      messageId,
      threadKey: conversationId
        ? `outlook:conversation:${conversationId}`
        : messageId
          ? `outlook:item:${messageId}`
          : fallbackThreadKey('outlook', subject, list),
      subject,
      participants: list,
      dateText: titleOrText(first(pane, selectors.date)),
    });
  },

  sidebarAnchor: (doc) => first(doc, selectors.pane),
};
