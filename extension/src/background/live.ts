import { browser, inFirefox } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import { LIVE_PING, LIVE_PONG, LIVE_PROTOCOL, LIVE_REAUTH_CLOSE } from '../../../schema/contracts/live-protocol';
import { callApi } from '../shared/api';
import { ApiError } from '../shared/api-error';
import {
  NOTIFICATION_ICON,
  backoffMs,
  companyOfNotice,
  liveUrl,
  noticeFor,
  parseLiveMessage,
  type LiveMessage,
  type NoticeAction,
} from '../shared/live';
import type { Broadcast } from '../shared/messages';
import { checkStatus } from './connection';
import { readConnection } from './credential-store';
import { flushQueue } from './outbox';

/**
 * The live channel: one WebSocket to `<server>/api/live` while signed in. The token rides as a
 * subprotocol (browsers cannot set headers on a WebSocket). A text ping every 20 s keeps the
 * service worker alive (Chrome ≥ 116 counts WebSocket traffic as activity); a dropped socket is
 * reopened with backoff, and an alarm reopens it if Chrome stopped the worker in between.
 */

const PING_EVERY_MS = 20_000;
export const LIVE_ALARM = 'voronka-live';

interface Received {
  type: string;
  callId?: string;
  /** systemNow() at the frame's arrival, before any parsing (the e2e test reads it). */
  receivedAt: number;
}

/** Diagnostics of this worker's live channel; tests read them through the service-worker target. */
export const liveState = {
  state: 'idle' as 'idle' | 'connecting' | 'open' | 'waiting',
  failures: 0,
  received: [] as Received[],
};
(globalThis as { voronkaLive?: typeof liveState }).voronkaLive = liveState;

let socket: WebSocket | null = null;
let pingTimer: ReturnType<typeof setInterval> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let wanted = false;
let starting: Promise<void> | null = null;

/** Opens the channel if signed in and not already open (safe to call often). */
export function startLive(): Promise<void> {
  wanted = true;
  if (socket || starting) return starting ?? Promise.resolve();
  starting = (async () => {
    try {
      const connection = await readConnection();
      if (!connection) {
        liveState.state = 'idle';
        return;
      }
      if (wanted && !socket) open(connection.serverUrl, connection.token);
    } finally {
      starting = null;
    }
  })();
  return starting;
}

/** Closes the channel for good (sign-out, revoked token). */
export function stopLive(): void {
  wanted = false;
  clearTimeout(retryTimer);
  const current = socket;
  socket = null;
  liveState.state = 'idle';
  current?.close(1000, 'signed out');
}

function open(serverUrl: string, token: string): void {
  clearTimeout(retryTimer);
  liveState.state = 'connecting';
  const ws = new WebSocket(liveUrl(serverUrl), [LIVE_PROTOCOL, token]);
  socket = ws;
  let opened = false;
  ws.onopen = () => {
    opened = true;
    liveState.state = 'open';
    liveState.failures = 0;
    void flushQueue(true).catch(() => undefined); // the server is back: queued actions go now
    pingTimer = setInterval(() => {
      try {
        ws.send(LIVE_PING);
      } catch {
        // closing: onclose reconnects
      }
    }, PING_EVERY_MS);
  };
  ws.onmessage = (event: MessageEvent) => {
    const receivedAt = systemNow();
    if (event.data === LIVE_PONG || typeof event.data !== 'string') return;
    const message = parseLiveMessage(event.data);
    if (!message) return;
    liveState.received = [
      ...liveState.received.slice(-19),
      { type: message.type, ...(message.type === 'call.ringing' ? { callId: message.callId } : {}), receivedAt },
    ];
    void deliver(message);
  };
  ws.onclose = (event: CloseEvent) => {
    clearInterval(pingTimer);
    if (socket !== ws) return;
    socket = null;
    if (!wanted) return;
    if (event.code === LIVE_REAUTH_CLOSE) return retry(0);
    liveState.failures++;
    // A refused handshake looks like any network failure here: ask the server whether the token
    // still works (a revoked one is dropped, and then nothing is reopened).
    const check = opened
      ? Promise.resolve()
      : checkStatus().then(
          () => undefined,
          () => undefined,
        );
    void check.then(() => retry(backoffMs(liveState.failures - 1)));
  };
}

function retry(delayMs: number): void {
  liveState.state = 'waiting';
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void startLive(), delayMs);
}

/** Asks our content script in the active tab to show the call over the page; false when none is there (or popups are off). */
async function showInActiveTab(broadcast: Broadcast<'live'>): Promise<boolean> {
  try {
    const tabs = await browser.tabs.query({ active: true, lastFocusedWindow: true });
    const answers = await Promise.all(
      tabs.map((tab) =>
        tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, broadcast, { frameId: 0 }).catch(() => undefined),
      ),
    );
    return answers.some((answer) => (answer as { shown?: boolean } | undefined)?.shown === true);
  } catch {
    return false;
  }
}

/**
 * An incoming call shows as a card over the active tab when our content script is there, else as
 * a notification; open extension pages (the popup) hear it too.
 */
async function deliver(message: LiveMessage): Promise<void> {
  const notice = noticeFor(message);
  const broadcast: Broadcast<'live'> = { broadcast: 'live', payload: message };
  // No page listening is the normal case: nothing to do then.
  void browser.runtime.sendMessage(broadcast).catch(() => undefined);
  if (message.type === 'call.ringing' && (await showInActiveTab(broadcast))) return;
  await Promise.all([
    browser.notifications
      .create(notice.id, {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: notice.title,
        message: notice.message,
        ...(notice.contextMessage ? { contextMessage: notice.contextMessage } : {}),
        ...(notice.buttons.length ? { buttons: notice.buttons.map(({ title }) => ({ title })) } : {}),
        // Firefox's notifications schema has no requireInteraction and refuses the call with it (buttons it only ignores).
        ...(inFirefox() ? {} : { requireInteraction: message.type === 'call.ringing' }),
        priority: 2,
      })
      .catch((err: unknown) => console.warn('voronka: notification failed', err)),
  ]);
}

/** «Открыть карточку» opens the client's card; «Создать интерес» opens a lead from the call, then the card. */
export async function actOnNotice(notificationId: string, action: NoticeAction): Promise<void> {
  const companyId = companyOfNotice(notificationId);
  const connection = await readConnection();
  if (companyId === null || !connection) return;
  if (action === 'createLead') {
    try {
      await callApi({
        serverUrl: connection.serverUrl,
        path: '/api/leads',
        method: 'POST',
        token: connection.token,
        body: { companyId, channel: 'call' },
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
    } catch (err) {
      const text = err instanceof ApiError ? err.message : 'Не удалось создать интерес';
      await browser.notifications.create(`error:${systemNow()}`, {
        type: 'basic',
        iconUrl: NOTIFICATION_ICON,
        title: 'Интерес не создан',
        message: text,
      });
      return;
    }
  }
  await browser.notifications.clear(notificationId);
  await browser.tabs.create({ url: new URL(`/app/clients/${companyId}`, connection.serverUrl).toString() });
}

export function noticeActionAt(notificationId: string, buttonIndex: number): NoticeAction | null {
  // Buttons are built in the order noticeFor lists them: the card first, then the lead if offered.
  if (companyOfNotice(notificationId) === null) return null;
  return buttonIndex === 0 ? 'openCard' : buttonIndex === 1 ? 'createLead' : null;
}
