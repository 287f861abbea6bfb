import { ApiError } from '../shared/api-error';
import { classifySender, parseMessage, type ConnectionStatus, type Message, type MessageMap, type MessageType, type Problem, type Reply } from '../shared/messages';
import { checkStatus, signIn, signOut } from './connection';
import { LIVE_ALARM, actOnNotice, noticeActionAt, startLive, stopLive } from './live';

type Handlers = { [K in MessageType]: (message: Message<K>) => Promise<MessageMap[K]['response']> };

/** Keeps the live channel in step with the connection: open while signed in, closed once the token is gone. */
function followLive(status: ConnectionStatus): ConnectionStatus {
  if (status.connected) void startLive();
  else if (!status.user) stopLive();
  return status;
}

const handlers: Handlers = {
  signIn: ({ serverUrl, email, password }) => signIn({ serverUrl, email, password }).then(followLive),
  status: () => checkStatus().then(followLive),
  signOut: () => {
    stopLive();
    return signOut();
  },
};

function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.toProblem();
  console.error('voronka: message handler failed', err);
  return { code: 'internal', message: 'Внутренняя ошибка расширения' };
}

// Registered synchronously at the top level so a restarted worker still receives the waking message.
chrome.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (reply: Reply) => void) => {
  const parsed = parseMessage(raw, classifySender(sender, chrome.runtime.id));
  if (!parsed.ok) {
    sendResponse({ ok: false, error: parsed.error });
    return false;
  }
  const handle = handlers[parsed.message.type] as (message: Message) => Promise<MessageMap[MessageType]['response']>;
  handle(parsed.message).then(
    (value) => sendResponse({ ok: true, value }),
    (err: unknown) => sendResponse({ ok: false, error: toProblem(err) }),
  );
  return true;
});

// The live channel (incoming calls): opened whenever the worker starts signed in; the alarm reopens
// it if Chrome stopped the worker while the socket was down. Listeners stay top-level and synchronous.
void startLive();
void chrome.alarms.create(LIVE_ALARM, { periodInMinutes: 1 });
chrome.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === LIVE_ALARM) void startLive();
});
chrome.notifications.onButtonClicked.addListener((id, index) => {
  const action = noticeActionAt(id, index);
  if (action) void actOnNotice(id, action);
});
chrome.notifications.onClicked.addListener((id) => {
  if (noticeActionAt(id, 0)) void actOnNotice(id, 'openCard');
});
