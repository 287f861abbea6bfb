import { createApp } from './app';
import type { Env } from './env';
import { runOnecCron } from './integrations/onec/cron';

const app = createApp();

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, env, ctx),
  // Cron Triggers (wrangler.toml): the 1C pull and outbox; it guards and logs its own failures.
  scheduled: async (controller: ScheduledController, env: Env) => {
    await runOnecCron(env, controller.scheduledTime);
  },
} satisfies ExportedHandler<Env>;
