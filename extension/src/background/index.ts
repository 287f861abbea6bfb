import { browser, type Runtime } from '../shared/browser';
import { ApiError } from '../shared/api-error';
import {
  classifySender,
  parseMessage,
  type ConnectionStatus,
  type Message,
  type MessageMap,
  type MessageType,
  type Problem,
  type Reply,
} from '../shared/messages';
import * as actions from './actions';
import { checkStatus, signIn, signOut } from './connection';
import { LIVE_ALARM, actOnNotice, noticeActionAt, startLive, stopLive } from './live';
import { QUEUE_ALARM, dropQueued, flushQueue, readQueue } from './outbox';
import { readSiteSettings, saveSiteSettings, syncContentScripts } from './sites';

type Handlers = { [K in MessageType]: (message: Message<K>) => Promise<MessageMap[K]['response']> };

/** Keeps the live channel in step with the connection: open while signed in, closed once the token is gone. */
function followLive(status: ConnectionStatus): ConnectionStatus {
  if (status.connected) {
    void startLive();
    void flushQueue(true).catch(() => undefined); // the server answers: queued actions go now
  } else if (!status.user) stopLive();
  return status;
}

const handlers: Handlers = {
  signIn: ({ serverUrl, email, password }) => signIn({ serverUrl, email, password }).then(followLive),
  status: () => checkStatus().then(followLive),
  signOut: () => {
    stopLive();
    return signOut();
  },
  settings: () => readSiteSettings(),
  saveSettings: ({ sites, customOrigins, callPopups }) => saveSiteSettings({ sites, customOrigins, callPopups }),
  queue: () => readQueue(),
  flushQueue: () => flushQueue(true).then(() => readQueue()),
  dropQueued: ({ itemId }) => dropQueued(itemId),
  pageConfig: () => actions.pageConfig(),
  mailCard: ({ participants }) => actions.mailCard({ participants }),
  phoneCard: ({ phone }) => actions.phoneCard({ phone }),
  openCard: ({ companyId }) => actions.openCard({ companyId }),
  logMail: ({ type: _type, ...request }) => actions.logMail(request),
  addNote: ({ companyId, text }) => actions.addNote({ companyId, text }),
  createTask: ({ companyId, title, dueAt }) => actions.createTask({ companyId, title, dueAt }),
  createLead: ({ companyId }) => actions.createLead({ companyId }),
  createClient: ({ companyName, contact, mail }) => actions.createClient({ companyName, contact, mail: mail ?? null }),
  addContact: ({ companyId, contact }) => actions.addContact({ companyId, contact }),
  call: ({ type: _type, ...request }) => actions.call(request),
};

function toProblem(err: unknown): Problem {
  if (err instanceof ApiError) return err.toProblem();
  console.error('voronka: message handler failed', err);
  return { code: 'internal', message: 'Внутренняя ошибка расширения' };
}

// Registered synchronously at the top level so a restarted worker still receives the waking message.
// The answer is the returned promise (the polyfill turns it into Chrome's sendResponse; Firefox takes it as is).
browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender): Promise<Reply> => {
  const parsed = parseMessage(raw, classifySender(sender, browser.runtime.id, browser.runtime.getURL('')));
  if (!parsed.ok) return Promise.resolve({ ok: false, error: parsed.error });
  const handle = handlers[parsed.message.type] as (message: Message) => Promise<MessageMap[MessageType]['response']>;
  return handle(parsed.message).then(
    (value): Reply => ({ ok: true, value }),
    (err: unknown): Reply => ({ ok: false, error: toProblem(err) }),
  );
});

// The live channel (incoming calls): opened whenever the worker starts signed in; the alarm reopens
// it if the browser stopped the worker while the socket was down. Listeners stay top-level and synchronous.
void startLive();
void browser.alarms.create(LIVE_ALARM, { periodInMinutes: 1 });
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === LIVE_ALARM) void startLive();
  if (alarm.name === QUEUE_ALARM) void flushQueue().catch(() => undefined);
});
// Actions left in the queue by a stopped worker are retried when it starts again.
void flushQueue().catch(() => undefined);

// The content script follows the enabled sites and the permissions the user granted or revoked.
browser.runtime.onInstalled.addListener(() => void syncContentScripts());
browser.runtime.onStartup.addListener(() => void syncContentScripts());
browser.permissions.onAdded.addListener(() => void syncContentScripts());
browser.permissions.onRemoved.addListener(() => void syncContentScripts());
browser.notifications.onButtonClicked.addListener((id, index) => {
  const action = noticeActionAt(id, index);
  if (action) void actOnNotice(id, action);
});
browser.notifications.onClicked.addListener((id) => {
  if (noticeActionAt(id, 0)) void actOnNotice(id, 'openCard');
});
