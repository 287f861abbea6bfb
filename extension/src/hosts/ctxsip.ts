import type { ActiveCall, CallState, SoftphoneHost } from './types';
import { callerNumber, first } from './read';

/**
 * ctxSip (github.com/collecttix/ctxSip), an MIT web softphone on SIP.js that companies host next
 * to Asterisk/FreeSWITCH on their own domain, so it is recognised by its page (body#sipClient with
 * #sip-logitems). The markup is what its phone/index.html and app.js `logItem` render: each call is
 * a div.sip-logitem with data-uri="sip:<number>@<pbx>"; ringing calls (incoming or outgoing) carry
 * list-group-item-success, answered and resumed ones list-group-item-info. Held calls are not
 * reported: the one to identify is ringing or talking.
 */

const selectors = {
  client: 'body#sipClient',
  callLog: '#sip-logitems',
  ringing: '.sip-logitem.list-group-item-success[data-uri]',
  active: '.sip-logitem.list-group-item-info[data-uri]',
} as const;

/** "sip:84951234567@pbx.example.ru" → +74951234567; an internal extension ("sip:101@…") stays "101". */
function numberOfUri(uri: string): string | null {
  const user = /^(?:sips?:)?([^@;]+)/i.exec(uri.trim())?.[1];
  if (!user) return null;
  let decoded = user;
  try {
    decoded = decodeURIComponent(user);
  } catch {
    // A malformed escape is rare in a PBX URI; the raw user part is still the best answer.
  }
  return callerNumber(decoded);
}

export const ctxsip: SoftphoneHost = {
  id: 'ctxsip',
  kind: 'softphone',
  title: 'Софтфон ctxSip',
  matches: [],
  selectors,
  detect: (doc) => first(doc, selectors.client) !== null && first(doc, selectors.callLog) !== null,

  readActiveCall(doc) {
    const log = first(doc, selectors.callLog);
    if (!log) return null;
    for (const [selector, state] of [
      [selectors.ringing, 'ringing'],
      [selectors.active, 'active'],
    ] as [string, CallState][]) {
      const item = first(log, selector);
      const number = item ? numberOfUri(item.getAttribute('data-uri') ?? '') : null;
      if (number) return { number, state } satisfies ActiveCall;
    }
    return null;
  },
};
