import { LIVE_PROTOCOL } from '../../../schema/contracts/live-protocol';
import { requireUser } from '../access';
import { AppError, errorBody } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import type { LiveChannels } from './push';

export interface LiveConnectInput {
  /** `?status=1`: answer how many sockets are open instead of upgrading. */
  status: boolean;
  /** The request's Upgrade header. */
  upgrade: string | undefined;
  /** The request's Origin header and this server's own origin. */
  origin: string | undefined;
  selfOrigin: string;
  /** Subprotocols the client offered (the token already taken out). */
  protocols: string[];
}

export function liveUnavailable(): AppError {
  return new AppError('unavailable', { ru: 'Живой канал не настроен на сервере', en: 'The live channel is not configured on this server' });
}

/**
 * Opens the caller's live channel: the WebSocket is handed to the caller's own Durable Object, so
 * a user only ever receives his own pushes. A session-authenticated handshake must come from this
 * server's own pages (cross-site WebSocket hijacking rides on cookies); the extension proves itself
 * with its token instead.
 */
export async function connectLive({
  ctx,
  channels,
  input,
}: {
  ctx: ServiceContext;
  channels: LiveChannels | null;
  input: LiveConnectInput;
}): Promise<Response | { sockets: number }> {
  const p = requireUser(ctx.principal);
  if (!channels) throw liveUnavailable();
  if (input.status) return { sockets: await channels.sockets(p.user.id) };
  if (input.upgrade?.toLowerCase() !== 'websocket') {
    const err = new AppError('bad_request', {
      ru: 'Этот адрес открывает живой канал по WebSocket: нужен заголовок Upgrade: websocket',
      en: 'This address opens the live channel over WebSocket: send Upgrade: websocket',
    });
    return new Response(JSON.stringify(errorBody(err, ctx.lang, ctx.requestId)), {
      status: 426,
      headers: { 'content-type': 'application/json; charset=utf-8', upgrade: 'websocket' },
    });
  }
  if (p.via === 'session' && input.origin !== undefined && input.origin !== input.selfOrigin) {
    throw new AppError('forbidden', {
      ru: 'Живой канал по cookie открывается только со страниц самой Воронки',
      en: 'A cookie-authenticated live channel opens only from Voronka’s own pages',
    });
  }
  return channels.connect(p.user.id, { protocol: input.protocols.includes(LIVE_PROTOCOL) ? LIVE_PROTOCOL : null });
}
