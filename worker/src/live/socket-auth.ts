import type { MiddlewareHandler } from 'hono';
import { offeredProtocols } from '../../../schema/contracts/live-protocol';
import { API_TOKEN_PREFIX } from '../platform/credentials';
import type { AppEnv } from '../platform/route';

/**
 * Browsers cannot set headers on a WebSocket handshake, so the extension offers its API token as
 * a subprotocol: `new WebSocket(url, ['voronka.live.v1', 'vka_…'])`. Mounted on GET /api/live only,
 * this moves the token into the Authorization header the ordinary authentication reads (an explicit
 * Authorization header wins) and takes it out of Sec-WebSocket-Protocol. Unlike `?token=` the
 * secret never becomes part of a URL, so request logs, traces and error reports do not carry it,
 * and the answer selects only `voronka.live.v1`, never echoing the token.
 */
export const tokenFromWebSocketProtocol: MiddlewareHandler<AppEnv> = async (c, next) => {
  const offered = offeredProtocols(c.req.header('sec-websocket-protocol'));
  const token = offered.find((p) => p.startsWith(API_TOKEN_PREFIX));
  if (token) {
    const headers = new Headers(c.req.raw.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    const rest = offered.filter((p) => p !== token);
    if (rest.length) headers.set('sec-websocket-protocol', rest.join(', '));
    else headers.delete('sec-websocket-protocol');
    c.req.raw = new Request(c.req.raw, { headers });
  }
  await next();
};
