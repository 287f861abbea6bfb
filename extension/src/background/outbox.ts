import { browser } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import { callApi } from '../shared/api';
import { ApiError } from '../shared/api-error';
import type { ActionKind, QueuedAction, QueuedRequest, QueueView, SendResult } from '../shared/queue';
import { afterAttempt, expiredDone, nextToSend, nextWakeAt, queueView, recoverInterrupted } from '../shared/queue';
import { readConnection } from './credential-store';
import { queueStore, type QueueStore } from './queue-store';
import { readSettings, updateSettings } from './settings';

/**
 * Every write a content script asks for goes through here: stored first, then sent in order with
 * its Idempotency-Key. Unreachable server → the item waits (alarm and the next good answer retry
 * it); a definite refusal → it is marked failed and shown, and the line moves on.
 */

export const QUEUE_ALARM = 'voronka-queue';

/** The API answer of a sent action, kept only in memory for the content script that is waiting for it. */
const answers = new Map<string, unknown>();
let running: Promise<void> | null = null;
let again = false;
let againForced = false;
let lastSeq = 0;

/** Diagnostics for the e2e tests (read through the service-worker target). */
export const outboxState = { sends: [] as { id: string; status: number; at: number }[] };
(globalThis as { voronkaOutbox?: typeof outboxState }).voronkaOutbox = outboxState;

async function send(item: QueuedAction): Promise<SendResult> {
  const connection = await readConnection();
  if (!connection) return { ok: false, status: 401, code: 'signed_out', message: 'Расширение не подключено: войдите в настройках' };
  try {
    const body = await callApi<unknown>({
      serverUrl: connection.serverUrl,
      path: item.request.path,
      method: item.request.method,
      token: connection.token,
      body: item.request.body,
      headers: { 'idempotency-key': item.id },
      timeoutMs: 10_000,
    });
    return { ok: true, status: 200, body };
  } catch (err) {
    if (err instanceof ApiError) return { ok: false, status: err.status, code: err.code, message: err.message };
    throw err;
  }
}

async function scheduleWake(items: QueuedAction[]): Promise<void> {
  const wake = nextWakeAt(items);
  if (wake === null) await browser.alarms.clear(QUEUE_ALARM);
  // Chrome fires alarms at most every 30 s; a sooner retry comes from the next good answer anyway.
  else await browser.alarms.create(QUEUE_ALARM, { when: Math.max(wake, systemNow() + 30_000), periodInMinutes: 0.5 });
}

async function drain(store: QueueStore, force: boolean): Promise<void> {
  let forced = force;
  for (;;) {
    const items = (await store.all()).map(recoverInterrupted);
    const item = nextToSend(items, systemNow(), forced);
    if (!item) {
      await store.remove(expiredDone(items));
      await scheduleWake(items);
      return;
    }
    await store.put({ ...item, state: 'sending' });
    const result = await send(item);
    const done = afterAttempt(item, result, systemNow());
    await store.put(done);
    outboxState.sends.push({ id: item.id, status: result.status, at: systemNow() });
    if (result.ok) {
      answers.set(item.id, result.body);
      await updateSettings({ lastSyncAt: systemNow(), queueSyncAt: systemNow() });
    }
    if (done.state === 'waiting') {
      await scheduleWake(await store.all());
      return; // the server is away: the rest waits behind this one, in order
    }
    forced = true; // the server answers: send the rest now
  }
}

/** Sends what is due (everything, with `force`), one run at a time; a call during a run queues one more run. */
export function flushQueue(force = false, store: QueueStore = queueStore): Promise<void> {
  if (running) {
    again = true;
    againForced ||= force;
    return running;
  }
  running = (async () => {
    try {
      await drain(store, force);
      while (again) {
        const nextForced = againForced;
        again = false;
        againForced = false;
        await drain(store, nextForced);
      }
    } finally {
      running = null;
    }
  })();
  return running;
}

export interface NewAction {
  kind: ActionKind;
  summary: string;
  request: QueuedRequest;
  companyId?: number | null;
}

/** Stores the action, tries to send it (and anything before it) now, and says where it ended up. */
export async function enqueue(action: NewAction, store: QueueStore = queueStore): Promise<{ item: QueuedAction; answer?: unknown }> {
  const existing = await store.all();
  lastSeq = Math.max(lastSeq, systemNow() * 1000, ...existing.map((i) => i.seq + 1));
  const item: QueuedAction = {
    id: crypto.randomUUID(),
    seq: lastSeq++,
    kind: action.kind,
    summary: action.summary,
    request: action.request,
    companyId: action.companyId ?? null,
    createdAt: systemNow(),
    state: 'pending',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    doneAt: null,
  };
  await store.put(item);
  await flushQueue(true, store);
  const after = (await store.all()).find((i) => i.id === item.id) ?? item;
  const answer = answers.get(item.id);
  answers.delete(item.id);
  return { item: after, ...(answer === undefined ? {} : { answer }) };
}

export async function readQueue(store: QueueStore = queueStore): Promise<QueueView> {
  const [items, settings] = await Promise.all([store.all(), readSettings()]);
  return queueView(items, settings.queueSyncAt);
}

export async function dropQueued(itemId: string, store: QueueStore = queueStore): Promise<QueueView> {
  await store.remove([itemId]);
  return readQueue(store);
}
