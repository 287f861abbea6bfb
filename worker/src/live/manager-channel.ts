import { LIVE_PING, LIVE_PONG, LIVE_PROTOCOL, LIVE_REAUTH_CLOSE } from '../../../schema/contracts/live-protocol';
import { systemNow } from '../../../schema/domain/clock';
import type { Env } from '../platform/env';

// Socket lifetimes and alarms run on the runtime's real clock (an alarm set by a fixed CLOCK_NOW
// would lie in the past and fire at once), so the channel reads the machine's clock, not the request's.

/** What each accepted socket carries through hibernation. */
interface SocketInfo {
  /** After this the socket's sign-in is re-checked: the channel closes it and the client reconnects. */
  expiresAt: number;
}

/** How long one WebSocket handshake's authentication is trusted (a revoked token loses the channel within it). */
export const LIVE_SOCKET_TTL_MS = 10 * 60_000;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * One per manager (`idFromName(String(userId))`): holds the manager's open extension sockets with
 * the WebSocket Hibernation API, so an idle channel costs nothing, and fans each pushed message out
 * to all of them. Reached only through the LIVE binding (worker/src/live/push.ts), never directly:
 *   GET  /connect?ttl=ms  → 101, the socket accepted (the worker has authenticated the caller)
 *   POST /push            → the JSON body sent to every open socket; answers { delivered }
 *   GET  /status          → { sockets }
 */
export class ManagerChannel implements DurableObject {
  constructor(
    readonly ctx: DurableObjectState,
    readonly env: Env,
  ) {
    // Keep-alive pings are answered by the runtime without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(LIVE_PING, LIVE_PONG));
  }

  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/connect') return this.openSocket(request, url);
    if (url.pathname === '/push' && request.method === 'POST') return json({ delivered: this.send(await request.text(), systemNow()) });
    if (url.pathname === '/status') return json({ sockets: this.open(systemNow()).length });
    return json({ error: 'not found' }, 404);
  }

  private async openSocket(request: Request, url: URL): Promise<Response> {
    if (request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return json({ error: 'upgrade required' }, 426);
    const ttl = Number(url.searchParams.get('ttl')) || LIVE_SOCKET_TTL_MS;
    const expiresAt = systemNow() + ttl;
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.serializeAttachment({ expiresAt } satisfies SocketInfo);
    const alarm = await this.ctx.storage.getAlarm();
    if (alarm === null || alarm > expiresAt) await this.ctx.storage.setAlarm(expiresAt);
    const headers = url.searchParams.get('protocol') === LIVE_PROTOCOL ? { 'sec-websocket-protocol': LIVE_PROTOCOL } : undefined;
    return new Response(null, { status: 101, webSocket: client, headers });
  }

  /** Sends to every socket whose sign-in is still fresh; returns how many took it. */
  private send(text: string, now: number): number {
    let delivered = 0;
    for (const ws of this.open(now)) {
      try {
        ws.send(text);
        delivered++;
      } catch {
        // Went away between the check and the send: drop it, the others still get the message.
        closeQuietly(ws, 1011, 'send failed');
      }
    }
    return delivered;
  }

  /** Open sockets with a fresh sign-in; expired ones are closed (the client reconnects and re-authenticates). */
  private open(now: number): WebSocket[] {
    const open: WebSocket[] = [];
    for (const ws of this.ctx.getWebSockets()) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      const info = ws.deserializeAttachment() as SocketInfo | null;
      if (info && info.expiresAt <= now) closeQuietly(ws, LIVE_REAUTH_CLOSE, 'reauthenticate');
      else open.push(ws);
    }
    return open;
  }

  /** Closes the sockets due for re-authentication and wakes again for the next one. */
  async alarm(): Promise<void> {
    const next = this.open(systemNow())
      .map((ws) => (ws.deserializeAttachment() as SocketInfo | null)?.expiresAt ?? Infinity)
      .reduce((a, b) => Math.min(a, b), Infinity);
    if (next !== Infinity) await this.ctx.storage.setAlarm(next);
  }

  webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): void {
    // The runtime answers the exact LIVE_PING itself; this covers a JSON ping. Anything else is ignored:
    // the channel is one-way, the client acts through the HTTP API.
    if (typeof message === 'string' && message.includes('"ping"')) {
      try {
        const parsed = JSON.parse(message) as { type?: unknown };
        if (parsed.type === 'ping') ws.send(JSON.stringify({ type: 'pong', at: systemNow() }));
      } catch {
        // not JSON: ignored like any other client frame
      }
    }
  }

  webSocketClose(ws: WebSocket, code: number, reason: string): void {
    // Completes the closing handshake (compatibility dates before web_socket_auto_reply_to_close).
    closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, reason);
  }

  webSocketError(ws: WebSocket): void {
    closeQuietly(ws, 1011, 'error');
  }
}

function closeQuietly(ws: WebSocket, code: number, reason: string): void {
  try {
    ws.close(code, reason);
  } catch {
    // already closed
  }
}
