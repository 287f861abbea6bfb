/**
 * The demo company for `npm start`: wrangler applies the migrations to the local D1 that
 * `wrangler dev --persist-to .wrangler/state` serves, then the generator fills it (idempotent:
 * every row has a deterministic key). The logins go to a file the start script prints from.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedOrSystemNow } from '../schema/domain/clock';
import { prepareLocalD1, REPO_ROOT } from './lib/local-d1';
import { hashPasswordSync } from './lib/password';
import { DEMO_PASSWORD, DEMO_USERS, seedDatabase } from './seed/generate';

const persistTo = join(REPO_ROOT, '.wrangler', 'state');
const file = prepareLocalD1(persistTo);
// History runs up to this moment, so "today" figures show the calls already made today; CLOCK_NOW
// (an ISO instant, as the worker reads it) shows the demo at another date.
const endDate = new Date(fixedOrSystemNow(process.env.CLOCK_NOW));
const report = seedDatabase(file, { scale: 'demo', endDate, passwordHash: (p) => hashPasswordSync(p) });
console.log(
  `   демо-данные: ${Object.entries(report.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ')} (${report.seconds.toFixed(1)} с)`,
);
const emails = (role: string) => DEMO_USERS.filter((u) => u.role === role).map((u) => u.email);
writeFileSync(
  join(persistTo, 'demo-logins.json'),
  JSON.stringify(
    {
      password: DEMO_PASSWORD,
      admin: emails('admin')[0],
      heads: emails('head'),
      managers: emails('manager'),
    },
    null,
    2,
  ),
);
