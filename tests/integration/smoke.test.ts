import { seedWorld, sessionCookie } from '../helpers/world';
import { startWorker, type TestWorker } from '../helpers/worker';

let w: TestWorker;
beforeAll(async () => { w = await startWorker(); await seedWorld(w); }, 30_000);
afterAll(() => w?.dispose());

test('health', async () => {
  const res = await w.fetch('/api/health');
  console.log(res.status, await res.text());
  const cookie = await sessionCookie(w, 'managerA');
  const r2 = await w.fetch('/api/companies', { headers: { cookie } });
  console.log(r2.status, await r2.text());
});
