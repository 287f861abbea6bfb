import {
  afterAttempt,
  expiredDone,
  isRetryable,
  nextToSend,
  nextWakeAt,
  queueView,
  recoverInterrupted,
  retryDelayMs,
  KEEP_DONE,
  type QueuedAction,
} from '../../extension/src/shared/queue';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

function item(seq: number, patch: Partial<QueuedAction> = {}): QueuedAction {
  return {
    id: `key-${seq}`,
    seq,
    kind: 'addNote',
    summary: `Заметка ${seq}`,
    request: { method: 'POST', path: '/api/companies/101/events', body: { kind: 'note', subject: `${seq}` } },
    companyId: 101,
    createdAt: NOW,
    state: 'pending',
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    doneAt: null,
    ...patch,
  };
}

const offline = { ok: false as const, status: 0, code: 'network', message: 'Нет связи с сервером http://127.0.0.1:8787' };

describe('the order of the offline queue', () => {
  test('sends the oldest open action first, whatever order the store returns them in', () => {
    expect(nextToSend([item(3), item(1, { state: 'sent' }), item(2)], NOW)?.id).toBe('key-2');
  });

  test('does not let a later action overtake one that waits for the server', () => {
    const items = [item(1, { state: 'waiting', nextAttemptAt: NOW + 10_000 }), item(2)];
    expect(nextToSend(items, NOW)).toBeNull();
    expect(nextToSend(items, NOW + 10_000)?.id).toBe('key-1');
  });

  test('a forced flush (the server just answered) tries the waiting head at once', () => {
    expect(nextToSend([item(1, { state: 'waiting', nextAttemptAt: NOW + 60_000 }), item(2)], NOW, true)?.id).toBe('key-1');
  });

  test('refused actions do not block the ones behind them', () => {
    expect(nextToSend([item(1, { state: 'failed' }), item(2)], NOW)?.id).toBe('key-2');
  });

  test('nothing open → nothing to send and no alarm', () => {
    expect(nextToSend([item(1, { state: 'sent' })], NOW)).toBeNull();
    expect(nextWakeAt([item(1, { state: 'sent' })])).toBeNull();
    expect(nextWakeAt([item(2, { state: 'waiting', nextAttemptAt: NOW + 5_000 }), item(3)])).toBe(NOW + 5_000);
  });
});

describe('what one attempt does to an action', () => {
  test('an answer marks it sent', () => {
    expect(afterAttempt(item(1), { ok: true, status: 201, body: {} }, NOW)).toMatchObject({
      state: 'sent',
      attempts: 1,
      doneAt: NOW,
      lastError: null,
    });
  });

  test('no connection keeps it, with a growing pause: 5 s, 15 s, 30 s, 1 min, 2 min, then 5 min', () => {
    const once = afterAttempt(item(1), offline, NOW);
    expect(once).toMatchObject({ state: 'waiting', attempts: 1, nextAttemptAt: NOW + 5_000, lastError: offline.message });
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([5_000, 15_000, 30_000, 60_000, 120_000, 300_000, 300_000]);
  });

  test.each([
    [0, 'network', true],
    [0, 'timeout', true],
    [500, 'internal', true],
    [502, 'http_502', true],
    [503, 'unavailable', true],
    [429, 'http_429', true],
    [401, 'unauthorized', true],
    [409, 'idempotency_in_flight', true],
    [400, 'validation_failed', false],
    [404, 'not_found', false],
    [403, 'forbidden', false],
    [409, 'conflict', false],
    [409, 'idempotency_key_reused', false],
  ])('status %i (%s) is retried: %s', (status, code, retried) => {
    expect(isRetryable({ ok: false, status, code, message: 'x' })).toBe(retried);
    expect(afterAttempt(item(1), { ok: false, status, code, message: 'x' }, NOW).state).toBe(retried ? 'waiting' : 'failed');
  });

  test('an action left "sending" by a stopped service worker is sent again under the same key', () => {
    expect(recoverInterrupted(item(1, { state: 'sending', attempts: 2 }))).toMatchObject({
      id: 'key-1',
      state: 'waiting',
      attempts: 2,
      nextAttemptAt: null,
    });
    expect(nextToSend([recoverInterrupted(item(1, { state: 'sending' }))], NOW)?.id).toBe('key-1');
  });
});

describe('what the popup shows', () => {
  test('counts open and refused actions and lists the newest first', () => {
    const view = queueView(
      [
        item(1, { state: 'sent', doneAt: NOW }),
        item(2, { state: 'waiting', lastError: 'Нет связи' }),
        item(3, { state: 'failed', lastError: 'Не найдено' }),
      ],
      NOW - 1,
    );
    expect(view).toMatchObject({ queued: 1, failed: 1, lastSyncAt: NOW - 1 });
    expect(view.items.map((i) => [i.id, i.state])).toEqual([
      ['key-3', 'failed'],
      ['key-2', 'waiting'],
      ['key-1', 'sent'],
    ]);
  });

  test(`keeps the newest ${KEEP_DONE} finished actions and never drops an open one`, () => {
    const done = Array.from({ length: KEEP_DONE + 3 }, (_, i) => item(i + 1, { state: 'sent', doneAt: NOW + i }));
    expect(expiredDone([...done, item(99, { state: 'waiting' })])).toEqual(['key-3', 'key-2', 'key-1']);
  });
});
