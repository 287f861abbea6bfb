import type { BenchContext } from '../run';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';

const PASSWORD = 'demo2026';
type Summary = { id: number; name: string; inn: string | null };
type Detail = { contacts: { name: string; points: { kind: string; value: string }[] }[] };

/**
 * Search and card at full scale, through HTTP as a manager (scoped reads) and as the admin.
 * Queries are drawn from the data itself: name prefixes, ИНН, phones typed the Russian way,
 * e-mails and contact surnames, so every one of them has an answer.
 */
export async function run({ server }: BenchContext): Promise<Metric[]> {
  const manager = { cookie: await server.signIn('m001@demo.voronka.ru', PASSWORD) };
  const admin = { cookie: await server.signIn('admin@demo.voronka.ru', PASSWORD) };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };
  const own = ((await getOk(`${server.base}/api/companies?limit=200&ownerId=${me.id}`, manager)) as { items: Summary[] }).items;
  if (own.length < 20) throw new Error(`m001 owns only ${own.length} companies in the year data set`);

  const queries: { who: typeof manager; q: string }[] = [];
  for (const c of own.slice(0, 60)) {
    const detail = (await getOk(`${server.base}/api/companies/${c.id}`, manager)) as Detail;
    const words = c.name
      .replace(/[«»"]/g, ' ')
      .split(/\s+/)
      .filter((w) => w.length > 3 && !/^(ООО|ЗАО|ПАО|АО|ИП)$/.test(w));
    if (words[0]) queries.push({ who: manager, q: words[0].slice(0, 5) });
    if (c.inn) queries.push({ who: manager, q: c.inn });
    const phone = detail.contacts.flatMap((k) => k.points).find((p) => p.kind === 'phone')?.value;
    if (phone) queries.push({ who: manager, q: `8 (${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8, 10)}-${phone.slice(10)}` });
    const email = detail.contacts.flatMap((k) => k.points).find((p) => p.kind === 'email')?.value;
    if (email) queries.push({ who: admin, q: email.toUpperCase() });
    const surname = detail.contacts[0]?.name.split(' ')[0];
    if (surname) queries.push({ who: admin, q: surname.toLowerCase() });
  }
  const unanswered = new Set<number>();
  const search = await timeCalls(queries.length * 2, async (i) => {
    const { who, q } = queries[i % queries.length]!;
    const res = (await getOk(`${server.base}/api/search?q=${encodeURIComponent(q)}`, who)) as { items: unknown[] };
    if (!res.items.length) unanswered.add(i % queries.length);
  });
  const cards = await timeCalls(300, async (i) => {
    await getOk(`${server.base}/api/companies/${own[i % own.length]!.id}/card`, manager);
  });
  return [
    { metric: 'search.p95_ms', value: round(percentile(search, 95)), unit: 'ms', target: '<= 20' },
    { metric: 'search.p50_ms', value: round(percentile(search, 50)), unit: 'ms' },
    { metric: 'search.unanswered_queries_count', value: unanswered.size, unit: 'count' },
    { metric: 'card.p95_ms', value: round(percentile(cards, 95)), unit: 'ms', target: '<= 10' },
    { metric: 'card.p50_ms', value: round(percentile(cards, 50)), unit: 'ms' },
  ];
}
