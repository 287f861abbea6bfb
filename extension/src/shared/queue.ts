/**
 * The offline queue's rules, free of storage and network (tests/unit/extension-queue.test.ts):
 * writes go out strictly in the order they were made, each with its own Idempotency-Key, and an
 * action is only ever dropped by a definite refusal from the server — never by being unreachable.
 */

export type ActionKind = 'logMail' | 'addNote' | 'createTask' | 'createLead' | 'createClient' | 'addContact' | 'call';

export type QueueState = 'pending' | 'sending' | 'waiting' | 'sent' | 'failed';

export interface QueuedRequest {
  method: 'POST';
  path: string;
  body: unknown;
}

export interface QueuedAction {
  /** Also the Idempotency-Key: a resend of the same item is the same request to the server. */
  id: string;
  /** Creation order; the queue sends by it. */
  seq: number;
  kind: ActionKind;
  /** One line in Russian for the popup: «Заметка: Кровля А». */
  summary: string;
  request: QueuedRequest;
  companyId: number | null;
  createdAt: number;
  state: QueueState;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: number | null;
  doneAt: number | null;
}

export type SendResult = { ok: true; status: number; body: unknown } | { ok: false; status: number; code: string; message: string };

export interface QueueView {
  /** Waiting to be sent (pending, sending, waiting). */
  queued: number;
  failed: number;
  /** Last time the server accepted a queued action, ms; null = never. */
  lastSyncAt: number | null;
  items: Pick<QueuedAction, 'id' | 'kind' | 'summary' | 'state' | 'attempts' | 'lastError' | 'createdAt' | 'doneAt'>[];
}

const OPEN: readonly QueueState[] = ['pending', 'sending', 'waiting'];
/** Sent and refused items stay visible in the popup, the latest this many. */
export const KEEP_DONE = 20;

export function isOpen(item: QueuedAction): boolean {
  return OPEN.includes(item.state);
}

/**
 * Whether a failed send may succeed later unchanged: no answer at all, the server or a proxy
 * failing, a rate limit, a signed-out token (the user signs in again), or our own earlier copy of
 * it still in flight. Anything else is the server's definite "no" to this action.
 */
export function isRetryable(result: Extract<SendResult, { ok: false }>): boolean {
  const { status, code } = result;
  if (status === 0 || status >= 500 || status === 408 || status === 425 || status === 429 || status === 401) return true;
  return status === 409 && code === 'idempotency_in_flight';
}

/** 5 s, 15 s, 30 s, 1 min, 2 min, then every 5 min. */
export function retryDelayMs(attempts: number): number {
  const steps = [5_000, 15_000, 30_000, 60_000, 120_000];
  return steps[Math.min(Math.max(attempts, 1), steps.length + 1) - 1] ?? 300_000;
}

/**
 * The next item to send, or null. Strictly the oldest open one: a later action never overtakes
 * an earlier one, so a note cannot reach the server before the client it is about. `force`
 * ignores the back-off (the user pressed «Отправить сейчас», or the server just answered).
 */
export function nextToSend(items: readonly QueuedAction[], now: number, force = false): QueuedAction | null {
  const head = [...items].filter(isOpen).sort((a, b) => a.seq - b.seq)[0];
  if (!head) return null;
  if (!force && head.state === 'waiting' && head.nextAttemptAt !== null && head.nextAttemptAt > now) return null;
  return head;
}

/** The item after one attempt: sent, refused for good, or waiting for the next try. */
export function afterAttempt(item: QueuedAction, result: SendResult, now: number): QueuedAction {
  const attempts = item.attempts + 1;
  if (result.ok) return { ...item, state: 'sent', attempts, lastError: null, nextAttemptAt: null, doneAt: now };
  if (isRetryable(result))
    return { ...item, state: 'waiting', attempts, lastError: result.message, nextAttemptAt: now + retryDelayMs(attempts) };
  return { ...item, state: 'failed', attempts, lastError: result.message, nextAttemptAt: null, doneAt: now };
}

/** An item left "sending" by a stopped service worker is resent (same key, so at most once on the server). */
export function recoverInterrupted(item: QueuedAction): QueuedAction {
  return item.state === 'sending' ? { ...item, state: 'waiting', nextAttemptAt: null } : item;
}

/** Done items beyond the newest KEEP_DONE, to delete. */
export function expiredDone(items: readonly QueuedAction[]): string[] {
  return items
    .filter((i) => !isOpen(i))
    .sort((a, b) => (b.doneAt ?? 0) - (a.doneAt ?? 0))
    .slice(KEEP_DONE)
    .map((i) => i.id);
}

/** When the alarm should next look at the queue; null when nothing waits. */
export function nextWakeAt(items: readonly QueuedAction[]): number | null {
  const head = [...items].filter(isOpen).sort((a, b) => a.seq - b.seq)[0];
  return head ? (head.nextAttemptAt ?? 0) : null;
}

export function queueView(items: readonly QueuedAction[], lastSyncAt: number | null): QueueView {
  const sorted = [...items].sort((a, b) => b.seq - a.seq);
  return {
    queued: items.filter(isOpen).length,
    failed: items.filter((i) => i.state === 'failed').length,
    lastSyncAt,
    items: sorted.map(({ id, kind, summary, state, attempts, lastError, createdAt, doneAt }) => ({
      id,
      kind,
      summary,
      state,
      attempts,
      lastError,
      createdAt,
      doneAt,
    })),
  };
}

export const QUEUE_STATE_TEXT: Record<QueueState, string> = {
  pending: 'ждёт отправки',
  sending: 'отправляется',
  waiting: 'нет связи — повторим',
  sent: 'отправлено',
  failed: 'отклонено сервером',
};
