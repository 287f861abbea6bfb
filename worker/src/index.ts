import { createApp } from './app';
import type { Env } from './platform/env';
import { receiveEmail } from './mail';
import { runOnecCron } from './onec';
import { createDb } from './platform/db';
import { pruneInbox } from './platform/inbox-retention';
import { rollRevenueWindow } from './reports';

/** Durable Object classes must be exported by the main module (wrangler.toml durable_objects). */
export { ManagerChannel } from './live';

const app = createApp();

export default {
  fetch: (request: Request, env: Env, ctx: ExecutionContext) => app.fetch(request, env, ctx),
  // Cron Triggers (wrangler.toml): the 1C pull and outbox; it guards and logs its own failures.
  scheduled: async (controller: ScheduledController, env: Env) => {
    await runOnecCron(env, controller.scheduledTime);
    try {
      await rollRevenueWindow(createDb(env.DB), controller.scheduledTime);
    } catch (err) {
      console.error(JSON.stringify({ where: 'cron: revenue window', error: String(err) }));
    }
    // The inbox's retention and size budget, once an hour (the first run of each hour).
    if (new Date(controller.scheduledTime).getUTCMinutes() < 5) {
      try {
        const pruned = await pruneInbox(createDb(env.DB), controller.scheduledTime);
        console.log(JSON.stringify({ where: 'cron: inbox retention', ...pruned }));
      } catch (err) {
        console.error(JSON.stringify({ where: 'cron: inbox retention', error: String(err) }));
      }
    }
  },
  // Email Routing → this worker for the BCC/forward address (docs/mail.md); never bounces a mail.
  email: async (message: ForwardableEmailMessage, env: Env) => {
    await receiveEmail(env, message);
  },
} satisfies ExportedHandler<Env>;
