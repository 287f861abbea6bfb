import { sql } from 'drizzle-orm';
import type { OnecIntegrationState } from '../../../schema/contracts';
import { requireRole } from '../access';
import type { ServiceContext } from '../platform/route';
import { COUNTERPARTY_ENTITY, PULL_ENTITIES, documentKindOf } from './entities';
import { CRON_KEY, EMPTY_RUN, OUTBOX_KEY, emptyPullState, pullKey, readStates, type PullState, type RunRecord } from './sync-state';

const run = (r: Partial<RunRecord> | undefined): RunRecord => ({
  lastRunAt: r?.lastRunAt ?? null,
  lastSuccessAt: r?.lastSuccessAt ?? null,
  lastError: r?.lastError ?? null,
  lastErrorAt: r?.lastErrorAt ?? null,
});

/**
 * The 1C sync health for heads and the admin: how far the pull is per entity, what waits in the
 * outbox and why. Integration state, not client data, so it is not scoped by region.
 */
export async function getOnecState({ ctx }: { ctx: ServiceContext }): Promise<OnecIntegrationState> {
  requireRole(ctx.principal, 'admin', 'head');
  const keys = [...PULL_ENTITIES.map(pullKey), OUTBOX_KEY, CRON_KEY];
  const [states, [outbox]] = await Promise.all([
    readStates(ctx.db, keys),
    ctx.db.all<{
      pending: number;
      sent: number;
      head_created: number | null;
      head_attempts: number | null;
      head_next: number | null;
      head_error: string | null;
    }>(sql`
      SELECT (SELECT count(*) FROM outbox WHERE state = 'pending') AS pending,
        (SELECT count(*) FROM outbox WHERE state = 'sent') AS sent,
        h.created_at AS head_created, h.attempts AS head_attempts, h.next_attempt_at AS head_next, h.last_error AS head_error
      FROM (SELECT 1) LEFT JOIN (SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT 1) h ON 1`),
  ]);
  const outboxRun = run(states.get(OUTBOX_KEY) as Partial<RunRecord> | undefined);
  return {
    push: { configured: !!ctx.config.webhookSecrets['onec'] },
    pull: {
      configured: !!ctx.config.onecOdata,
      entities: PULL_ENTITIES.map((entity) => {
        const s: PullState = { ...emptyPullState(null), ...(states.get(pullKey(entity)) as Partial<PullState> | undefined) };
        return {
          entity,
          kind: documentKindOf(entity) ?? 'counterparty',
          watermark: s.watermark,
          caughtUp: s.caughtUp,
          passPosition: entity === COUNTERPARTY_ENTITY ? s.cursorSkip : 0,
          passes: s.passes,
          ...run(s),
        };
      }),
    },
    outbox: {
      pending: outbox?.pending ?? 0,
      sent: outbox?.sent ?? 0,
      oldestPendingAt: outbox?.head_created ?? null,
      oldestPendingAgeSec: outbox?.head_created != null ? Math.max(0, Math.floor((ctx.now - outbox.head_created) / 1000)) : null,
      headAttempts: outbox?.head_attempts ?? null,
      headNextAttemptAt: outbox?.head_next ?? null,
      ...outboxRun,
      lastError: outbox?.head_error ?? outboxRun.lastError,
    },
    cron: run(states.get(CRON_KEY) as Partial<RunRecord> | undefined),
  };
}
