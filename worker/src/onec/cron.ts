import { noLivePush } from '../platform/live';
import type { Env } from '../platform/env';
import { loadConfig } from '../platform/config';
import { createDb } from '../platform/db';
import type { ServiceContext } from '../platform/route';
import { deliverOutbox, type DeliveryReport } from './outbox';
import { pullFromOnec, type EntityPullReport } from './pull';
import { CRON_KEY, OUTBOX_KEY, EMPTY_RUN, errorMessage, readState, writeState, type RunRecord } from './sync-state';

export interface OnecCronReport {
  configured: boolean;
  pull?: EntityPullReport[];
  outbox?: DeliveryReport;
  errors: string[];
}

/**
 * The 1C part of the cron: pull, then deliver the outbox. Each step is guarded so that one
 * failing does not stop the other; failures are logged as JSON and kept in sync_state.
 * `now` is the scheduled time, so every write of a run carries the same instant.
 */
export async function runOnecCron(env: Env, now: number): Promise<OnecCronReport> {
  const config = loadConfig(env);
  const settings = config.onecOdata;
  if (!settings) return { configured: false, errors: [] };
  const db = createDb(env.DB);
  const ctx: ServiceContext = {
    db,
    live: noLivePush,
    config,
    principal: { kind: 'machine', integration: 'onec' },
    requestId: `cron:${now}`,
    lang: 'ru',
    now,
  };
  const errors: string[] = [];
  const guarded = async <T>(step: string, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run();
    } catch (err) {
      errors.push(`${step}: ${errorMessage(err)}`);
      console.error(JSON.stringify({ cron: 'onec', step, error: errorMessage(err), stack: (err as Error).stack }));
      return undefined;
    }
  };

  const pull = await guarded('pull', () => pullFromOnec({ ctx, settings }));
  const outbox = await guarded('outbox', () => deliverOutbox({ ctx, settings }));
  for (const r of pull ?? []) if (r.error) errors.push(`pull ${r.entity}: ${r.error}`);

  await guarded('state', async () => {
    const outboxRun: RunRecord = await readState(db, OUTBOX_KEY, EMPTY_RUN);
    const outboxError = outbox?.error ?? (outbox ? null : (errors.find((e) => e.startsWith('outbox:')) ?? null));
    const cronRun: RunRecord = await readState(db, CRON_KEY, EMPTY_RUN);
    await db.batch([
      writeState(
        db,
        OUTBOX_KEY,
        outboxError
          ? { ...outboxRun, lastRunAt: now, lastError: outboxError, lastErrorAt: now }
          : { ...outboxRun, lastRunAt: now, lastSuccessAt: now },
        now,
      ),
      writeState(
        db,
        CRON_KEY,
        errors.length
          ? { ...cronRun, lastRunAt: now, lastError: errors.join('; '), lastErrorAt: now }
          : { ...cronRun, lastRunAt: now, lastSuccessAt: now },
        now,
      ),
    ]);
  });
  console.log(JSON.stringify({ cron: 'onec', at: now, pull, outbox, errors }));
  return { configured: true, ...(pull ? { pull } : {}), ...(outbox ? { outbox } : {}), errors };
}
