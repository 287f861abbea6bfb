import { LIVE_PROTOCOL } from '../../../schema/contracts/live-protocol';
import type { LivePush } from '../platform/live';
import { LIVE_SOCKET_TTL_MS } from './manager-channel';

/** The binding as the worker has it, or as Miniflare hands it to a test (same calls). */
export interface LiveBinding {
  LIVE: DurableObjectNamespace;
}

/** A push slower than this is given up on (logged): the webhook that caused it must answer anyway. */
export const PUSH_TIMEOUT_MS = 1_000;

const ORIGIN = 'https://live.internal';

/** Talks to the managers' channels (worker/src/live/manager-channel.ts), one Durable Object each. */
export interface LiveChannels {
  /** Hands an authenticated WebSocket handshake to the manager's channel (answers 101). */
  connect(userId: number, opts: { protocol: string | null }): Promise<Response>;
  /** Sends to every open socket of the manager; resolves with how many took it. */
  send(userId: number, message: Record<string, unknown>): Promise<number>;
  /** How many sockets the manager has open. */
  sockets(userId: number): Promise<number>;
}

export function liveChannels(env: LiveBinding): LiveChannels {
  const channel = (userId: number) => env.LIVE.get(env.LIVE.idFromName(String(userId)));
  return {
    connect: (userId, { protocol }) => {
      // A fresh request: the caller's cookie, token and other headers never reach the channel.
      const url = new URL('/connect', ORIGIN);
      url.searchParams.set('ttl', String(LIVE_SOCKET_TTL_MS));
      if (protocol === LIVE_PROTOCOL) url.searchParams.set('protocol', protocol);
      return channel(userId).fetch(url.toString(), { headers: { upgrade: 'websocket' } });
    },
    send: async (userId, message) => {
      const res = await channel(userId).fetch(`${ORIGIN}/push`, { method: 'POST', body: JSON.stringify(message) });
      if (!res.ok) throw new Error(`channel answered ${res.status}`);
      return ((await res.json()) as { delivered: number }).delivered;
    },
    sockets: async (userId) => {
      const res = await channel(userId).fetch(`${ORIGIN}/status`);
      if (!res.ok) throw new Error(`channel answered ${res.status}`);
      return ((await res.json()) as { sockets: number }).sockets;
    },
  };
}

/**
 * The LivePush services get (ctx.live): awaited, so a ringing call reaches the browser before the
 * webhook answers, yet it never throws into its caller — a missed push must not fail a webhook.
 * Failures are logged as JSON with the user and the message type only (the card is personal data).
 */
export function createLivePush(env: LiveBinding): LivePush {
  const channels = liveChannels(env);
  return {
    push: async (userId, message) => {
      const started = performance.now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        await Promise.race([
          channels.send(userId, message),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`timed out after ${PUSH_TIMEOUT_MS} ms`)), PUSH_TIMEOUT_MS);
          }),
        ]);
      } catch (err) {
        console.error(
          JSON.stringify({
            event: 'live_push_failed',
            userId,
            type: String(message.type ?? ''),
            ms: Math.round(performance.now() - started),
            error: String(err),
          }),
        );
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
    },
  };
}

/** The channels of this deployment, or null where the LIVE binding is missing. */
export function boundChannels(env: Partial<LiveBinding>): LiveChannels | null {
  return env.LIVE ? liveChannels({ LIVE: env.LIVE }) : null;
}
