import Database from 'better-sqlite3';
import { createHmac, randomUUID } from 'node:crypto';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseVars } from '../../scripts/lib/bundle-worker';
import { localD1File } from '../../scripts/lib/local-d1';
import { Random } from '../../scripts/seed/random';
import { round, type Metric } from '../lib/measure';
import { LocalServer, ROOT } from '../lib/server';
import type { BenchContext } from '../run';

/**
 * `ingest.*`: sustained telephony ingestion. Generic signed webhooks (the Asterisk path) for
 * BENCH_INGEST_SECONDS (60) from CONNECTIONS concurrent relays on 127.0.0.1 posting BATCH events
 * per request, each call as ringing → answered → ended in separate requests with unique ids, plus
 * deliberate retries of already delivered requests; before it, SINGLE_SECONDS of one event per
 * request from 24 connections, the way Mango and Zadarma deliver, for comparison.
 * Runs on a copy of the year database; afterwards the calls, timeline events and inbox rows
 * written are counted against what was sent.
 */
const SECONDS = Number(process.env.BENCH_INGEST_SECONDS || 60);
const CONNECTIONS = Number(process.env.BENCH_INGEST_CONNECTIONS || 8);
/** Events per request from a relay (docs/telephony.md, batched delivery). */
const BATCH = Number(process.env.BENCH_INGEST_BATCH || 25);
/** Seconds of one-event-per-request delivery measured alongside, for comparison. */
const SINGLE_SECONDS = Number(process.env.BENCH_INGEST_SINGLE_SECONDS || 15);
const PORT = Number(process.env.BENCH_INGEST_PORT || 8790);
const RETRY_SHARE = 0.02;
const UNKNOWN_CALLER_SHARE = 0.02;
const MAX_ATTEMPTS = 5;

function signer(secret: string) {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  return (id: string, ts: number, body: string) => `v1,${createHmac('sha256', key).update(`${id}.${ts}.${body}`).digest('base64')}`;
}

interface Delivery {
  id: string;
  body: string;
  events: number;
}

export async function run({ yearDir, now }: BenchContext): Promise<Metric[]> {
  const copy = join(ROOT, '.wrangler', 'year-ingest');
  rmSync(copy, { recursive: true, force: true });
  cpSync(yearDir, copy, { recursive: true });

  // What to call: real client phones and the managers' extensions of the year data set.
  const picks = new Database(localD1File(copy), { readonly: true });
  const phones = (
    picks.prepare("SELECT value FROM contact_points WHERE kind = 'phone' ORDER BY id LIMIT 20000").all() as { value: string }[]
  ).map((r) => r.value);
  const extensions = (
    picks.prepare("SELECT phone_extension AS e FROM users WHERE phone_extension IS NOT NULL AND active = 1 AND role = 'manager'").all() as {
      e: string;
    }[]
  ).map((r) => r.e);
  picks.close();
  if (!phones.length || !extensions.length) throw new Error('the year data set has no phones or no extensions');

  const sign = signer(parseVars(readFileSync(join(ROOT, '.dev.vars.example'), 'utf8'))['TELEPHONY_WEBHOOK_SECRET']!);
  const runId = `bench${randomUUID().slice(0, 8)}`;
  const server = new LocalServer(copy, PORT, now);
  const url = `http://127.0.0.1:${PORT}/hooks/telephony/generic`;
  const draw = new Random(20260101); // the same mix of calls on every run
  const random = () => draw.next();
  const expected = new Map<string, number>(); // call id → talk seconds
  const delivered: Delivery[] = [];
  let deliveries = 0;
  let answered = 0;
  let accepted = 0;
  let retriesSent = 0;
  let resent503 = 0;
  let failed = 0;
  const statuses = new Map<number, number>();

  /** One delivery as a PBX makes it: a 503 (or no answer) is sent again, like any webhook sender would. */
  async function deliver(d: Delivery): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const ts = Math.floor(now / 1000);
      let status = 0;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'webhook-id': d.id,
            'webhook-timestamp': String(ts),
            'webhook-signature': sign(d.id, ts, d.body),
          },
          body: d.body,
        });
        status = res.status;
        await res.arrayBuffer();
      } catch {
        status = 0;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      deliveries++;
      if (status !== 0) answered++;
      if (status === 200) {
        accepted++;
        return true;
      }
      if (status !== 503 && status !== 0) break;
      resent503++;
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
    failed++;
    return false;
  }

  let nextCall = 0;
  let eventsAccepted = 0;
  /** A call as the PBX lives it: ringing → answered → ended, each event in its turn. */
  function newCall() {
    const n = nextCall++;
    const callId = `${runId}-${n}`;
    const unknown = random() < UNKNOWN_CALLER_SHARE;
    const inbound = unknown || random() < 0.3;
    const client = unknown ? `+7958${String(5_000_000 + n).padStart(7, '0')}` : phones[Math.floor(random() * phones.length)]!;
    const extension = extensions[Math.floor(random() * extensions.length)]!;
    const talk = 20 + Math.floor(random() * 300);
    const start = Math.floor(now / 1000) - talk - 10;
    const base = {
      call_id: callId,
      direction: inbound ? 'in' : 'out',
      from: inbound ? client : extension,
      to: inbound ? '+74950000000' : client,
      extension,
    };
    expected.set(callId, talk);
    return [
      { ...base, type: 'call.ringing', timestamp: start, seq: 1 },
      { ...base, type: 'call.answered', timestamp: start + 6, seq: 2 },
      { ...base, type: 'call.ended', timestamp: start + 6 + talk, seq: 3, duration: talk, result: 'answered' },
    ];
  }

  /**
   * One sender: a relay (BATCH > 1) keeps BATCH calls in progress and posts the next event of each
   * in one request, so ringing, answering and hanging up of different calls share a request and a
   * call's events arrive in separate requests, in order; BATCH = 1 is a PBX posting every event.
   */
  async function caller(deadline: number, batch: number) {
    let window: Record<string, unknown>[][] = [];
    let sent = 0;
    while (performance.now() < deadline) {
      while (window.length < batch) window.push(newCall());
      const events = window.map((call) => call.shift()!);
      window = window.filter((call) => call.length > 0);
      const d = {
        id: `msg_${runId}_${events[0]!['call_id']}_${events[0]!['seq']}_${sent++}`,
        body: JSON.stringify(batch === 1 ? events[0] : events),
        events: events.length,
      };
      if (await deliver(d)) {
        delivered.push(d);
        eventsAccepted += d.events;
      }
      // A deliberate retry of something already delivered (its own id and body: it must change nothing).
      if (random() < RETRY_SHARE && delivered.length) {
        retriesSent++;
        const again = delivered[Math.floor(random() * delivered.length)]!;
        if (await deliver(again)) eventsAccepted += again.events;
      }
    }
    // Calls still in progress are finished before the clock stops: nothing is left half-sent.
    while (window.length) {
      const events = window.map((call) => call.shift()!);
      window = window.filter((call) => call.length > 0);
      const d = {
        id: `msg_${runId}_tail_${events[0]!['call_id']}_${events[0]!['seq']}_${sent++}`,
        body: JSON.stringify(batch === 1 ? events[0] : events),
        events: events.length,
      };
      if (await deliver(d)) eventsAccepted += d.events;
    }
  }

  let seconds = 0;
  let eventsPerS = 0;
  let deliveredPerS = 0;
  let singlePerS = 0;
  /** One phase: its unique events (3 per call) and all accepted events (retries too) per second. */
  async function phase(connections: number, batch: number, phaseSeconds: number) {
    const callsBefore = expected.size;
    const acceptedBefore = eventsAccepted;
    const started = performance.now();
    await Promise.all(Array.from({ length: connections }, () => caller(performance.now() + phaseSeconds * 1000, batch)));
    const s = (performance.now() - started) / 1000;
    return {
      seconds: s,
      calls: expected.size - callsBefore,
      unique: ((expected.size - callsBefore) * 3) / s,
      delivered: (eventsAccepted - acceptedBefore) / s,
    };
  }
  try {
    await server.start();
    await phase(2, BATCH, 1.5); // warm-up, not counted below
    const single = await phase(24, 1, SINGLE_SECONDS);
    singlePerS = single.unique;
    console.log(
      `  one event per request, 24 connections: ${single.calls} calls in ${round(single.seconds, 1)} s = ${Math.round(single.unique)} events/s`,
    );
    const batched = await phase(CONNECTIONS, BATCH, SECONDS);
    seconds = batched.seconds;
    eventsPerS = batched.unique;
    deliveredPerS = batched.delivered;
    console.log(
      `  ${BATCH} events per request, ${CONNECTIONS} connections: ${batched.calls} calls in ${round(seconds, 1)} s = ${Math.round(eventsPerS)} events/s (${Math.round(deliveredPerS)}/s with retries)`,
    );
    console.log(
      `  ${accepted} requests accepted (${retriesSent} deliberate retries, ${resent503} resent after 503/no answer, ${failed} given up); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  } finally {
    await server.stop();
  }

  // What the worker kept, read from its database file once it has stopped.
  const db = new Database(localD1File(copy), { readonly: true });
  try {
    const prefix = `${runId}-`;
    const calls = db
      .prepare(
        "SELECT call_id, count(*) AS n, max(talk_sec) AS talk, max(ended_at IS NOT NULL AND answered_at IS NOT NULL AND started_at IS NOT NULL) AS complete, max(event_id) AS event_id FROM calls WHERE provider = 'generic' AND call_id >= ? AND call_id < ? GROUP BY call_id",
      )
      .all(prefix, `${runId}.`) as { call_id: string; n: number; talk: number | null; complete: number; event_id: number | null }[];
    const events = db
      .prepare(
        "SELECT external_id, count(*) AS n FROM events WHERE source = 'generic' AND external_id >= ? AND external_id < ? GROUP BY external_id",
      )
      .all(`call:${prefix}`, `call:${runId}.`) as { external_id: string; n: number }[];
    const inbox = db
      .prepare("SELECT count(*) AS n FROM inbox WHERE source = 'generic' AND substr(external_id, 1, ?) = ?")
      .get(`msg_${runId}_`.length, `msg_${runId}_`) as { n: number };
    const callsById = new Map(calls.map((c) => [c.call_id, c]));
    const eventsById = new Map(events.map((e) => [e.external_id.slice(5), e.n]));
    let lost = 0;
    let duplicated = 0;
    for (const [callId, talk] of expected) {
      const row = callsById.get(callId);
      if (!row || !row.complete || row.talk !== talk || row.event_id === null) lost++;
      if (row && row.n > 1) duplicated += row.n - 1;
      const n = eventsById.get(callId) ?? 0;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
    // Every answered delivery (a 503 too) leaves exactly one inbox row.
    const inboxMissing = Math.max(0, answered - inbox.n);
    const inboxExtra = Math.max(0, inbox.n - answered);
    console.log(
      `  kept: ${calls.length} calls, ${events.length} timeline events, ${inbox.n} inbox rows for ${expected.size} calls / ${answered} answered deliveries`,
    );
    return [
      { metric: 'ingest.events_per_s', value: Math.round(eventsPerS), unit: 'events/s', target: '>= 1000' },
      { metric: 'ingest.delivered_events_per_s', value: Math.round(deliveredPerS), unit: 'events/s' },
      { metric: 'ingest.single_events_per_s', value: Math.round(singlePerS), unit: 'events/s' },
      { metric: 'ingest.batch_size', value: BATCH, unit: 'count' },
      { metric: 'ingest.lost_count', value: lost + inboxMissing + failed, unit: 'count', target: '<= 0' },
      { metric: 'ingest.duplicated_count', value: duplicated + inboxExtra, unit: 'count', target: '<= 0' },
      { metric: 'ingest.seconds', value: round(seconds, 1), unit: 's' },
    ];
  } finally {
    db.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    rmSync(copy, { recursive: true, force: true });
  }
}
