import type { CallerCard } from './telephony';

/**
 * The live channel (GET /api/live, a WebSocket): constants and messages shared by the worker, the
 * extension and the bench. No zod here, so the extension's service worker imports it for free.
 */

/** The subprotocol the server selects. Browsers cannot set headers on a WebSocket, so the client
 * offers its `vka_…` token as a second "protocol"; the server never echoes the token back. */
export const LIVE_PROTOCOL = 'voronka.live.v1';

/** Keep-alive text frames: the client sends LIVE_PING (every 20 s), the channel answers LIVE_PONG
 * without waking from hibernation. */
export const LIVE_PING = 'ping';
export const LIVE_PONG = 'pong';

/** The channel closes a socket with this code when its sign-in is due for a re-check: reconnect at once. */
export const LIVE_REAUTH_CLOSE = 4000;

/** What the server pushes (JSON text frames). */
export type LiveMessage = { type: 'call.ringing'; callId: string; card: CallerCard } | { type: 'test'; at: number };

/** The offered subprotocols of a `Sec-WebSocket-Protocol` header, in order. */
export function offeredProtocols(header: string | null | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}
