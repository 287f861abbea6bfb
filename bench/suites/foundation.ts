import type { BenchContext } from '../run';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';

const PASSWORD = 'demo2026';

/** The ground every later figure stands on: seeding, sign-in, and scoped reads at full scale. */
export async function run({ server, seedReport }: BenchContext): Promise<Metric[]> {
  const metrics: Metric[] = [];
  if (typeof seedReport.totalSeconds === 'number') {
    metrics.push({ metric: 'seed.year_s', value: round(seedReport.totalSeconds, 1), unit: 's', target: '<= 180' });
  }
  for (const [table, count] of Object.entries(seedReport.counts ?? {})) {
    if (['companies', 'contacts', 'events', 'leads', 'onec_documents'].includes(table)) {
      metrics.push({ metric: `seed.rows_${table}`, value: count, unit: 'count' });
    }
  }

  const health = await timeCalls(100, async () => {
    await getOk(`${server.base}/api/health`, {});
  });
  metrics.push({ metric: 'api.health.p95_ms', value: round(percentile(health, 95)), unit: 'ms' });

  const signIns = await timeCalls(
    10,
    async () => {
      await server.signIn('admin@demo.voronka.ru', PASSWORD);
    },
    2,
  );
  metrics.push({ metric: 'auth.sign_in.p50_ms', value: round(percentile(signIns, 50)), unit: 'ms' });

  const admin = { cookie: await server.signIn('admin@demo.voronka.ru', PASSWORD) };
  const manager = { cookie: await server.signIn('m001@demo.voronka.ru', PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };

  const list = await timeCalls(100, async () => {
    await getOk(`${server.base}/api/companies?limit=50`, manager);
  });
  metrics.push({ metric: 'companies.list_manager.p95_ms', value: round(percentile(list, 95)), unit: 'ms', target: '<= 30' });

  const own = (await getOk(`${server.base}/api/companies?limit=200&ownerId=${me.id}`, manager)) as { items: { id: number }[] };
  const ids = own.items.map((c) => c.id);
  if (!ids.length) throw new Error('the manager owns no companies in the year data set');
  const cards = await timeCalls(200, async (i) => {
    await getOk(`${server.base}/api/companies/${ids[i % ids.length]}`, manager);
  });
  metrics.push({ metric: 'companies.get_manager.p95_ms', value: round(percentile(cards, 95)), unit: 'ms', target: '<= 30' });

  const adminList = await timeCalls(100, async (i) => {
    await getOk(`${server.base}/api/companies?limit=50&after=${i * 400}`, admin);
  });
  metrics.push({ metric: 'companies.list_admin.p95_ms', value: round(percentile(adminList, 95)), unit: 'ms', target: '<= 30' });
  return metrics;
}
