import { fixedOrSystemNow } from '../../../schema/domain/clock';
import type { Env } from './env';

/**
 * "Now" of the worker: read once per request (app.ts puts it on the context), per e-mail and per
 * Durable Object message; the cron uses its own `scheduledTime`. `CLOCK_NOW` (an ISO instant) fixes
 * it for tests, seeds and the bench; production leaves it empty and gets the machine's clock.
 */
export function clockNow(env: Pick<Env, 'CLOCK_NOW'>): number {
  return fixedOrSystemNow(env.CLOCK_NOW);
}
