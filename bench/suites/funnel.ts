import type { BenchContext } from '../run';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';

const PASSWORD = 'demo2026';

/** The funnel's reads at full scale: a lead card, and the computed deviation lists per scope. */
export async function run({ server }: BenchContext): Promise<Metric[]> {
  const manager = { cookie: await server.signIn('m001@demo.voronka.ru', PASSWORD) };
  const head = { cookie: await server.signIn('head1@demo.voronka.ru', PASSWORD) };
  const admin = { cookie: await server.signIn('admin@demo.voronka.ru', PASSWORD) };
  const own = (await getOk(`${server.base}/api/deviations?kind=stuck&limit=200`, manager)) as { items: { leadId: number | null }[] };
  const leadIds = own.items.map((d) => d.leadId).filter((id): id is number => id !== null);
  if (!leadIds.length) throw new Error('m001 has no stuck leads in the year data set');
  const cards = await timeCalls(200, async (i) => {
    await getOk(`${server.base}/api/leads/${leadIds[i % leadIds.length]}`, manager);
  });
  const mine = await timeCalls(
    50,
    async () => {
      await getOk(`${server.base}/api/deviations?limit=50`, manager);
    },
    3,
  );
  const region = await timeCalls(
    30,
    async () => {
      await getOk(`${server.base}/api/deviations?limit=50`, head);
    },
    3,
  );
  const company = await timeCalls(
    10,
    async () => {
      await getOk(`${server.base}/api/deviations?limit=50`, admin);
    },
    2,
  );
  return [
    { metric: 'funnel.lead_card.p95_ms', value: round(percentile(cards, 95)), unit: 'ms', target: '<= 30' },
    { metric: 'funnel.deviations_manager.p95_ms', value: round(percentile(mine, 95)), unit: 'ms', target: '<= 100' },
    { metric: 'funnel.deviations_head.p95_ms', value: round(percentile(region, 95)), unit: 'ms' },
    { metric: 'funnel.deviations_admin.p95_ms', value: round(percentile(company, 95)), unit: 'ms' },
  ];
}
