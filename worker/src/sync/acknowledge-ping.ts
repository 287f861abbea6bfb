import type { ServiceContext } from '../platform/route';
import { recordInbox } from '../platform/inbox';

/** A verified ping is kept like any payload (outcome stored), so the inbox shows the integration alive. */
export async function acknowledgePing({ ctx, input }: { ctx: ServiceContext; input: { headers: Headers; body: string; path: string } }) {
  const integration = ctx.principal.kind === 'machine' ? ctx.principal.integration : 'unknown';
  await recordInbox({
    db: ctx.db,
    now: ctx.now,
    entry: {
      source: 'ping',
      externalId: input.headers.get('webhook-id'),
      method: 'POST',
      path: input.path,
      headers: input.headers,
      body: input.body,
      outcome: 'stored',
      reason: `verified as ${integration}`,
    },
  });
  return { ok: true as const, integration, receivedAt: ctx.now };
}
