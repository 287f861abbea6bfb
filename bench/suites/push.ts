import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// Node 20 has no global WebSocket; undici (installed with miniflare, pinned with it) has the WHATWG one.
import { WebSocket } from 'undici';
import { LIVE_PROTOCOL } from '../../schema/contracts/live-protocol';
import { parseVars } from '../../scripts/lib/bundle-worker';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { getOk, percentile, round, type Metric } from '../lib/measure';
import { ROOT } from '../lib/server';
import type { BenchContext } from '../run';

const PASSWORD = 'demo2026';
const RINGS = 50;
const TESTS = 100;

/**
 * Live push at full scale: a manager of the year data set connected the way the extension is (a
 * WebSocket to /api/live, the token as a subprotocol); latency from the start of the HTTP request
 * to the message arriving on the socket. `push.latency_p95_ms` is the path: a signed
 * generic call.ringing webhook from a client of his (caller lookup, call row, push). The webhooks
 * leave ringing-only rows in `calls` (never ended, so never on the timeline or in reports).
 */
export async function run({ server, now }: BenchContext): Promise<Metric[]> {
  const cookie = await server.signIn('m001@demo.voronka.ru', PASSWORD);
  const manager = { cookie };
  const me = (await getOk(`${server.base}/api/me`, manager)) as { id: number };
  const phones = await clientPhones(server.base, manager, me.id, 20);
  const secret = parseVars(readFileSync(join(ROOT, '.dev.vars.example'), 'utf8'))['TELEPHONY_WEBHOOK_SECRET']!;
  const token = (await post(`${server.base}/api/tokens`, { cookie }, { kind: 'api', name: 'bench: live push' })) as {
    token: { id: number };
    secret: string;
  };

  const socket = new WebSocket(`${server.base.replace(/^http/, 'ws')}/api/live`, [LIVE_PROTOCOL, token.secret]);
  const waiting = new Map<string, (at: number) => void>();
  socket.addEventListener('message', (event) => {
    const at = performance.now();
    const message = JSON.parse(String(event.data)) as { type: string; callId?: string };
    waiting.get(message.type === 'call.ringing' ? `ring:${message.callId}` : message.type)?.(at);
  });
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('the live socket did not open')));
  });
  const arrival = (key: string) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${key} on the socket within 5 s`)), 5_000);
      waiting.set(key, (at) => {
        clearTimeout(timer);
        waiting.delete(key);
        resolve(at);
      });
    });

  try {
    const run = randomUUID().slice(0, 8);
    const rings: number[] = [];
    for (let i = -5; i < RINGS; i++) {
      // five untimed warm-up calls
      const callId = `bench-push-${run}-${i}`;
      const body = JSON.stringify({
        type: 'call.ringing',
        call_id: callId,
        timestamp: now,
        direction: 'in',
        from: phones[(i + 5) % phones.length],
        to: '+74950000000',
      });
      const id = `msg_${callId}`;
      const ts = Math.floor(now / 1000);
      const headers = {
        'webhook-id': id,
        'webhook-timestamp': String(ts),
        'webhook-signature': await signStandardWebhook(secret, id, ts, body),
      };
      const arrived = arrival(`ring:${callId}`);
      const t0 = performance.now();
      await post(`${server.base}/hooks/telephony/generic`, headers, body);
      const at = await arrived;
      if (i >= 0) rings.push(at - t0);
    }
    const tests: number[] = [];
    for (let i = -5; i < TESTS; i++) {
      const arrived = arrival('test');
      const t0 = performance.now();
      await post(`${server.base}/api/live/test`, { cookie }, undefined);
      const at = await arrived;
      if (i >= 0) tests.push(at - t0);
    }
    rings.sort((a, b) => a - b);
    tests.sort((a, b) => a - b);
    return [
      { metric: 'push.latency_p95_ms', value: round(percentile(rings, 95)), unit: 'ms', target: '<= 300' },
      { metric: 'push.latency_p50_ms', value: round(percentile(rings, 50)), unit: 'ms' },
      { metric: 'push.test_latency_p95_ms', value: round(percentile(tests, 95)), unit: 'ms' },
    ];
  } finally {
    socket.close(1000, 'bench done');
    await fetch(`${server.base}/api/tokens/${token.token.id}`, { method: 'DELETE', headers: { cookie } });
  }
}

/** Phones of companies the manager owns: their calls ring him. */
async function clientPhones(base: string, headers: Record<string, string>, userId: number, want: number): Promise<string[]> {
  const own = ((await getOk(`${base}/api/companies?limit=100&ownerId=${userId}`, headers)) as { items: { id: number }[] }).items;
  const phones: string[] = [];
  for (const c of own) {
    if (phones.length >= want) break;
    const detail = (await getOk(`${base}/api/companies/${c.id}`, headers)) as { contacts: { points: { kind: string; value: string }[] }[] };
    const phone = detail.contacts.flatMap((k) => k.points).find((p) => p.kind === 'phone')?.value;
    if (phone) phones.push(phone);
  }
  if (!phones.length) throw new Error('the manager owns no company with a phone in the year data set');
  return phones;
}

async function post(url: string, headers: Record<string, string>, body: unknown): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
