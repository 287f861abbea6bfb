import type { LiveMessage } from '../../../schema/contracts/live-protocol';
import { requireUser } from '../access';
import type { ServiceContext } from '../platform/route';
import type { LiveChannels } from './push';
import { liveUnavailable } from './connect';

/**
 * «Проверить уведомления»: pushes `{ type: 'test', at }` to the caller's own channel only and says
 * on how many of his open sockets it landed (0 = no extension connected right now).
 */
export async function sendTestPush({
  ctx,
  channels,
}: {
  ctx: ServiceContext;
  channels: LiveChannels | null;
}): Promise<{ at: number; delivered: number }> {
  const p = requireUser(ctx.principal);
  if (!channels) throw liveUnavailable();
  const message: LiveMessage = { type: 'test', at: ctx.now };
  return { at: ctx.now, delivered: await channels.send(p.user.id, message) };
}
