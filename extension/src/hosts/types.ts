import type { DomDocument, DomElement } from './dom';

// The shapes host adapters fill (hosts/<site>.ts) and features read; the registry is index.ts.

export type ParticipantRole = 'from' | 'to' | 'cc';

export interface Participant {
  /** Lower-cased address. */
  email: string;
  /** The display name the site shows; null when it shows only the address. */
  name: string | null;
  role: ParticipantRole;
}

export interface OpenMessage {
  /**
   * The site's own id of the open (in a thread: the latest shown) message, e.g. Gmail's legacy
   * hex id or Roundcube's IMAP UID. Not the RFC 5322 Message-ID: no webmail here shows that header.
   */
  messageId: string | null;
  /** Stable while the same thread/message stays open and different for another one: key lookups by it. */
  threadKey: string;
  subject: string | null;
  /** One entry per address, in page order; see ParticipantList for how roles merge. */
  participants: Participant[];
  // i16 (sidebar): read by the adapters that can; absent = not read on this site yet.
  /** The open message's date exactly as the page shows it («Чт 07:15», «26 ноября, 10:15»): shared/mail.ts shownMailDate reads it. */
  dateText?: string | null;
  /** The open message's text with its line breaks, for the signature (company, position, phones) of «Создать клиента». */
  bodyText?: string | null;
}

export type CallState = 'ringing' | 'active';

export interface ActiveCall {
  /** E.164 (+74951234567) when the number is a phone number; otherwise the digits as shown (an internal extension). */
  number: string;
  state: CallState;
}

interface HostSiteBase {
  id: string;
  /** Russian, for the options page and the popup. */
  title: string;
  /**
   * Chrome match patterns. Empty for self-hosted software (Roundcube, ctxSip): such a site lives on
   * any domain, so the content script asks `detect` on pages the user has granted.
   */
  matches: readonly string[];
  /** Every selector the adapter reads, by what it finds; the meta-test checks each against the fixtures. */
  selectors: Readonly<Record<string, string>>;
  /** Whether this page is the site. Hosted webmail answers from the URL, self-hosted from the page. */
  detect(doc: DomDocument, url: URL): boolean;
}

export interface MailHost extends HostSiteBase {
  kind: 'mail';
  /** The message or thread now open, or null (inbox list, settings, nothing readable yet). */
  readOpenMessage(doc: DomDocument, url: URL): OpenMessage | null;
  /** The open message's header block: the sidebar attaches after it; null → the UI floats it. */
  sidebarAnchor(doc: DomDocument): DomElement | null;
}

export interface SoftphoneHost extends HostSiteBase {
  kind: 'softphone';
  /** The ringing call first (its caller is the one to identify), else the call in progress, else null. */
  readActiveCall(doc: DomDocument): ActiveCall | null;
}

/** Any other page: only phone numbers (content/phones.ts), never mail. */
export interface GenericHost extends HostSiteBase {
  kind: 'generic';
}

export type HostSite = MailHost | SoftphoneHost | GenericHost;

/** Specific sites first; `generic` is the fallback and is never asked before them. */
