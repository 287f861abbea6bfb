import type { BenchContext } from '../run';
import { getOk, percentile, round, timeCalls, type Metric } from '../lib/measure';

const PASSWORD = 'demo2026';
/** The manager owning the most clients in seed:year (482) and the head of its three biggest regions (17 191 companies). */
const MANAGER = 'm024@demo.voronka.ru';
const HEAD = 'head1@demo.voronka.ru';

type Who = { cookie: string };
type Summary = { id: number; name: string; inn: string | null };
type Detail = { contacts: { name: string; points: { kind: string; value: string }[] }[] };

/** «8 (495) 123-45-67», «+7 495 123-45-67», «4951234567» from +74951234567. */
const phoneWays = (e164: string) => {
  const d = e164.slice(2);
  return [
    `8 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
    `+7 ${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
    d,
  ];
};

/** What a person types: a piece from inside a word of the name, an ИНН fragment, a phone three ways, a contact's surname or a piece of it, an e-mail's box. */
async function queriesFor(server: BenchContext['server'], who: Who, companies: Summary[]): Promise<string[]> {
  const queries: string[] = [];
  for (const c of companies) {
    const detail = (await getOk(`${server.base}/api/companies/${c.id}`, who)) as Detail;
    const word = c.name
      .replace(/[«»"]/g, ' ')
      .split(/\s+/)
      .find((w) => w.length >= 6 && !/^(ООО|ЗАО|ПАО|АО|ИП)$/.test(w));
    if (word) queries.push(word.slice(1, 5).toLowerCase());
    if (c.inn) queries.push(c.inn.slice(2, 8));
    const points = detail.contacts.flatMap((k) => k.points);
    const phone = points.find((p) => p.kind === 'phone' && p.value.startsWith('+7'))?.value;
    if (phone) queries.push(...phoneWays(phone));
    const surname = detail.contacts[0]?.name.split(' ').at(-1);
    if (surname) queries.push(surname, surname.slice(1, 6).toLowerCase());
    const email = points.find((p) => p.kind === 'email')?.value;
    if (email) queries.push(email.split('@')[0]!);
  }
  return queries;
}

/**
 * The header search box through HTTP on seed:year: what the box asks while one types (/api/search,
 * 8 suggestions) and the page Enter opens (/app/clients?q=, the full list), for the manager with the
 * most clients and for a head of three regions. Queries come from the data, so each has an answer.
 */
export async function run({ server }: BenchContext): Promise<Metric[]> {
  const manager: Who = { cookie: await server.signIn(MANAGER, PASSWORD) };
  const head: Who = { cookie: await server.signIn(HEAD, PASSWORD) };
  const meId = ((await getOk(`${server.base}/api/me`, manager)) as { id: number }).id;
  const own = ((await getOk(`${server.base}/api/companies?limit=40&ownerId=${meId}`, manager)) as { items: Summary[] }).items;
  const region = ((await getOk(`${server.base}/api/companies?limit=40&regionId=1`, head)) as { items: Summary[] }).items;
  const asked = [
    ...(await queriesFor(server, manager, own)).map((q) => ({ who: manager, q })),
    ...(await queriesFor(server, head, region)).map((q) => ({ who: head, q })),
  ];
  const unanswered = new Set<string>();
  const suggest = await timeCalls(asked.length, async (i) => {
    const { who, q } = asked[i % asked.length]!;
    const res = (await getOk(`${server.base}/api/search?q=${encodeURIComponent(q)}&limit=8`, who)) as { items: unknown[] };
    if (!res.items.length) unanswered.add(q);
  });
  const pages = await timeCalls(asked.length, async (i) => {
    const { who, q } = asked[i % asked.length]!;
    const res = await fetch(`${server.base}/app/clients?q=${encodeURIComponent(q)}`, { headers: { ...who, accept: 'text/html' } });
    if (!res.ok) throw new Error(`/app/clients?q=${q}: ${res.status}`);
    await res.text();
  });
  const all = [...suggest, ...pages].sort((a, b) => a - b);
  return [
    { metric: 'page.search.p95_ms', value: round(percentile(all, 95)), unit: 'ms', target: '<= 50' },
    { metric: 'page.search.suggest.p95_ms', value: round(percentile(suggest, 95)), unit: 'ms' },
    { metric: 'page.search.list.p95_ms', value: round(percentile(pages, 95)), unit: 'ms' },
    { metric: 'page.search.p50_ms', value: round(percentile(all, 50)), unit: 'ms' },
    { metric: 'page.search.queries_count', value: asked.length, unit: 'count' },
    { metric: 'page.search.unanswered_queries_count', value: unanswered.size, unit: 'count' },
  ];
}
