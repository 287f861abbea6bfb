import { randomUUID } from 'node:crypto';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { parseVars } from '../../scripts/lib/bundle-worker';
import type { BenchContext } from '../run';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/server';

const PASSWORD = 'demo2026';

/** Caller ID at full scale: a manager's extension and the PBX (signed) asking who is calling. */
export async function run({ server, now }: BenchContext): Promise<Metric[]> {
  const manager = { cookie: await server.signIn('m001@demo.voronka.ru', PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };
  const own = ((await getOk(`${server.base}/api/companies?limit=100&ownerId=${me.id}`, manager)) as { items: { id: number }[] }).items;
  const phones: string[] = [];
  for (const c of own.slice(0, 50)) {
    const detail = (await getOk(`${server.base}/api/companies/${c.id}`, manager)) as {
      contacts: { points: { kind: string; value: string }[] }[];
    };
    const phone = detail.contacts.flatMap((k) => k.points).find((p) => p.kind === 'phone')?.value;
    if (phone) phones.push(phone);
  }
  if (!phones.length) throw new Error('no phones found for m001');
  const secret = parseVars(readFileSync(join(ROOT, '.dev.vars.example'), 'utf8'))['TELEPHONY_WEBHOOK_SECRET']!;
  let unknown = 0;
  const asManager = await timeCalls(300, async (i) => {
    const card = (await getOk(`${server.base}/api/lookup?phone=${encodeURIComponent(phones[i % phones.length]!)}`, manager)) as {
      known: boolean;
    };
    if (!card.known) unknown++;
  });
  const asPbx = await timeCalls(300, async (i) => {
    const id = `msg_bench_${i}_${randomUUID()}`;
    const ts = Math.floor(now / 1000);
    await getOk(`${server.base}/api/lookup?phone=${encodeURIComponent(phones[i % phones.length]!)}`, {
      'webhook-id': id,
      'webhook-timestamp': String(ts),
      'webhook-signature': await signStandardWebhook(secret, id, ts, ''),
    });
  });
  const all = [...asManager, ...asPbx].sort((a, b) => a - b);
  return [
    { metric: 'lookup.p95_ms', value: round(percentile(all, 95)), unit: 'ms', target: '<= 5' },
    { metric: 'lookup.manager_p95_ms', value: round(percentile(asManager, 95)), unit: 'ms' },
    { metric: 'lookup.pbx_p95_ms', value: round(percentile(asPbx, 95)), unit: 'ms' },
    { metric: 'lookup.unknown_answers_count', value: unknown, unit: 'count' },
  ];
}
