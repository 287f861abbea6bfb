import { browser } from './browser';
import type { MessageMap, MessageType, Problem, Reply } from './messages';

export class MessageError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
  }
}

/** Sends one message of the map to the service worker and unwraps its reply (throws MessageError on failure). */
export async function sendToBackground<K extends MessageType>(
  type: K,
  request: MessageMap[K]['request'],
): Promise<MessageMap[K]['response']> {
  const reply = (await browser.runtime.sendMessage({ ...request, type })) as Reply<K> | undefined;
  if (!reply) throw new MessageError({ code: 'no_reply', message: 'Фоновый процесс расширения не ответил' });
  if (!reply.ok) throw new MessageError(reply.error);
  return reply.value;
}
