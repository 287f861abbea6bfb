import type { ActiveCall, CallState, SoftphoneHost } from './types';
import type { DomElement } from './dom';
import { all, callerNumber, first, hiddenInline, textOf } from './read';

/**
 * Browser-Phone (github.com/InnovateAsterisk/Browser-Phone), an AGPL WebRTC SIP phone built for
 * Asterisk that companies host on their own domain, so it is recognised by its page: index.html is a
 * bare `div#Phone` and the phone.js (or phone.min.js) script, which draws the whole UI into it
 * (InitUi: #leftContent with the #myContacts list, #rightContent). The markup read here is what
 * phone.js (v0.3.29) writes: ReceiveCall → AddLineHtml appends one `table#line-ui-<n>` per call to
 * #rightContent, whose `#line-<n>-AnswerCall` panel is shown while an incoming call rings and
 * `#line-<n>-ActiveCall` once it is answered (jQuery show/hide: an inline `display: none` when
 * hidden); each panel prints the caller's number (the From user, or its P-Asserted-Identity) in
 * `.callingDisplayNumber`. UpdateBuddyList redraws #myContacts with one `#line-<n>` entry per call,
 * class `buddyActiveCallHollding` while it is on hold; held calls are not reported, as with ctxSip.
 * Outgoing calls still ringing (the `-progress` panel) are not reported either: the user dialled them.
 */

const selectors = {
  phone: 'div#Phone',
  script: 'script[src*="phone.js"], script[src*="phone.min.js"]',
  contacts: '#myContacts',
  line: '#rightContent table[id^="line-ui-"]',
  answerPanel: 'div[id$="-AnswerCall"]',
  activePanel: 'div[id$="-ActiveCall"]',
  number: '.callingDisplayNumber',
  heldLine: '#myContacts .buddyActiveCallHollding',
} as const;

/** `line-ui-3` → `line-3`, the call's entry in the list. */
const listEntryId = (table: DomElement): string => table.id.replace(/^line-ui-/, 'line-');

export const browserPhone: SoftphoneHost = {
  id: 'browser-phone',
  kind: 'softphone',
  title: 'Софтфон Browser-Phone',
  matches: [],
  selectors,
  detect: (doc) => first(doc, selectors.phone) !== null && first(doc, selectors.script) !== null,

  readActiveCall(doc) {
    const held = new Set(all(doc, selectors.heldLine).map((entry) => entry.id));
    const lines = all(doc, selectors.line).filter((table) => !held.has(listEntryId(table)));
    for (const [selector, state] of [
      [selectors.answerPanel, 'ringing'],
      [selectors.activePanel, 'active'],
    ] as [string, CallState][]) {
      for (const line of lines) {
        const panel = first(line, selector);
        if (!panel || hiddenInline(panel)) continue;
        const shown = textOf(first(panel, selectors.number));
        const number = shown ? callerNumber(shown) : null;
        if (number) return { number, state } satisfies ActiveCall;
      }
    }
    return null;
  },
};
