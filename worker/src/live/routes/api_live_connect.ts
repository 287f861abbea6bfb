import { z } from 'zod';
import { LiveStatus, offeredProtocols } from '../../../../schema/contracts/live';
import { defineRoute } from '../../platform/route';
import { boundChannels } from '../push';
import { connectLive } from '../connect';

/**
 * The live channel: a WebSocket (101) to the caller's own Durable Object, over which incoming calls
 * are pushed. The extension authenticates with its token offered as a subprotocol (see
 * live/socket-auth.ts); `?status=1` without an upgrade answers how many sockets are open.
 */
export default defineRoute({
  method: 'get',
  path: '/api/live',
  tag: 'live',
  summary: 'Живой канал (WebSocket) / Live channel (WebSocket upgrade; ?status=1 counts open sockets)',
  access: ['session', 'extension'],
  query: z.object({ status: z.enum(['1', 'true']).optional() }),
  response: LiveStatus,
  handler: ({ ctx, c, input }) =>
    connectLive({
      ctx,
      channels: boundChannels(c.env),
      input: {
        status: input.query.status !== undefined,
        upgrade: c.req.header('upgrade'),
        origin: c.req.header('origin'),
        selfOrigin: new URL(c.req.url).origin,
        protocols: offeredProtocols(c.req.header('sec-websocket-protocol')),
      },
    }),
});
