import { ApiError } from '../shared/api-error';
import { classifySender, parseMessage, type Message, type MessageMap, type MessageType, type Problem, type Reply } from '../shared/messages';
import { checkStatus, signIn, signOut } from './connection';

type Handlers = { [K in MessageType]: (message: Message<K>) => Promise<MessageMap[K]['response']> };

const handlers: Handlers = {
  signIn: ({ serverUrl, email, password }) => signIn({ serverUrl, email, password }),
  status: () => checkStatus(),
  signOut: () => signOut(),
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
