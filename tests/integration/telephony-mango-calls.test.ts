/**
 * Whole Mango Office calls as the VPBX API delivers them: one `entry_id`, several legs (`call_id`s —
 * the IVR, a queue, each employee tried, transfers), each leg's Appeared / Connected / Disconnected
 * with its `location` and `disconnect_reason`, then events/summary. Mango promises neither order nor
 * a single delivery, so every scenario is sent in its own order, reversed, and in seeded random
 * interleavings of three deliveries of every payload; whatever the order, the call is one row with
 * its final result and manager, one timeline event, and exactly the tasks it should leave.
 */
import { Random } from '../../scripts/seed/random';
import { TEST_NOW_S } from '../helpers/clock';
import { sweepPlan } from '../helpers/sweep';
import { mangoRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const LINE = '74957700000';
/** The call happened three hours before it reached us: every moment must still be Mango's. */
const T0 = TEST_NOW_S - 3 * 3600;

interface Payload {
  kind: 'events/call' | 'events/summary';
  json: Record<string, unknown>;
}

interface Expected {
  result: 'answered' | 'missed';
  /** The manager on the timeline event (the last employee who answered; for a missed call the one it rang). */
  manager: 'managerA' | 'managerB' | null;
  talkSec: number;
  direction: 'in' | 'out';
  /** Open call-back tasks the call leaves in region 1's missed-call queue. */
  queueTasks: number;
  /** The new caller's lead after the call. */
  leadStage: 'new' | 'qualified' | null;
}

interface Scenario {
  name: string;
  build: (entry: string, caller: string) => Payload[];
  expected: Expected;
}

/** Where a leg is and who is on each side of it; one shape for every events/call payload below. */
interface Leg {
  id: string;
  location: 'ivr' | 'queue' | 'abonent';
  from: Record<string, string>;
  to: Record<string, string>;
}

const legEvent = (entry: string, leg: Leg, seq: number, state: string, at: number, reason?: number): Payload => ({
  kind: 'events/call',
  json: {
    entry_id: entry,
    call_id: `${entry}-${leg.id}`,
    timestamp: T0 + at,
    seq,
    call_state: state,
    location: leg.location,
    from: leg.from,
    to: leg.to,
    ...(reason !== undefined ? { disconnect_reason: reason } : {}),
  },
});

type Step = [seq: number, state: string, at: number, reason?: number];
const ivr = (entry: string, caller: string, ...step: Step) =>
  legEvent(entry, { id: 'ivr', location: 'ivr', from: { number: caller }, to: { number: LINE, line_number: LINE } }, ...step);
const queue = (entry: string, caller: string, ...step: Step) =>
  legEvent(
    entry,
    { id: 'queue', location: 'queue', from: { number: caller }, to: { number: LINE, line_number: LINE, acd_group: 'Отдел продаж' } },
    ...step,
  );
const employee = (entry: string, caller: string, ext: string, ...step: Step) =>
  legEvent(
    entry,
    {
      id: ext,
      location: 'abonent',
      from: { number: caller },
      to: { extension: ext, number: `sip:${ext}@krovlya.mangosip.ru`, line_number: LINE },
    },
    ...step,
  );
const outgoing = (entry: string, client: string, ...step: Step) =>
  legEvent(
    entry,
    { id: 'out', location: 'abonent', from: { extension: '101', number: 'sip:101@krovlya.mangosip.ru' }, to: { number: client } },
    ...step,
  );

const summary = (
  entry: string,
  caller: string,
  direction: 1 | 2,
  times: { talk: number; end: number; forward?: number },
  result: 0 | 1,
  ext: string | null,
  reason: number,
): Payload => ({
  kind: 'events/summary',
  json: {
    entry_id: entry,
    call_direction: direction,
    from: direction === 1 ? { number: caller } : { extension: '101', number: 'sip:101@krovlya.mangosip.ru' },
    to: direction === 1 ? { number: LINE, ...(ext ? { extension: ext } : {}) } : { number: caller },
    line_number: LINE,
    create_time: T0,
    forward_time: times.forward ?? 0,
    talk_time: times.talk === 0 ? 0 : T0 + times.talk,
    end_time: T0 + times.end,
    entry_result: result,
    disconnect_reason: reason,
  },
});

/** 1170: the scheme forwarded the call on; 1110: the caller hung up; 1120/1121: nobody or someone else answered (unconfirmed codes). */
const SCENARIOS: Scenario[] = [
  {
    name: 'IVR → employee 101 answers, 87 s of talk',
    build: (e, c) => [
      ivr(e, c, 1, 'Appeared', 0),
      ivr(e, c, 2, 'Connected', 0),
      ivr(e, c, 3, 'Disconnected', 6, 1170),
      employee(e, c, '101', 4, 'Appeared', 6),
      employee(e, c, '101', 5, 'Connected', 11),
      employee(e, c, '101', 6, 'Disconnected', 98, 1110),
      summary(e, c, 1, { forward: 6, talk: 11, end: 98 }, 1, '101', 1110),
    ],
    expected: { result: 'answered', manager: 'managerA', talkSec: 87, direction: 'in', queueTasks: 0, leadStage: 'qualified' },
  },
  {
    name: 'IVR → hunt group of 101 and 102, the second answers',
    build: (e, c) => [
      ivr(e, c, 1, 'Appeared', 0),
      ivr(e, c, 2, 'Disconnected', 5, 1170),
      employee(e, c, '101', 3, 'Appeared', 5),
      employee(e, c, '102', 4, 'Appeared', 5),
      employee(e, c, '102', 5, 'Connected', 12),
      employee(e, c, '101', 6, 'Disconnected', 12, 1121),
      employee(e, c, '102', 7, 'Disconnected', 72, 1110),
      summary(e, c, 1, { forward: 5, talk: 12, end: 72 }, 1, '102', 1110),
    ],
    expected: { result: 'answered', manager: 'managerB', talkSec: 60, direction: 'in', queueTasks: 0, leadStage: 'qualified' },
  },
  {
    name: 'the caller hangs up in the IVR',
    build: (e, c) => [
      ivr(e, c, 1, 'Appeared', 0),
      ivr(e, c, 2, 'Connected', 0),
      ivr(e, c, 3, 'Disconnected', 9, 1110),
      summary(e, c, 1, { talk: 0, end: 9 }, 0, null, 1110),
    ],
    expected: { result: 'missed', manager: null, talkSec: 0, direction: 'in', queueTasks: 1, leadStage: 'new' },
  },
  {
    name: 'the queue times out while 101 rings',
    build: (e, c) => [
      ivr(e, c, 1, 'Appeared', 0),
      ivr(e, c, 2, 'Disconnected', 4, 1170),
      queue(e, c, 3, 'Appeared', 4),
      employee(e, c, '101', 4, 'Appeared', 4),
      employee(e, c, '101', 5, 'Disconnected', 64, 1120),
      queue(e, c, 6, 'Disconnected', 64, 1120),
      summary(e, c, 1, { forward: 4, talk: 0, end: 64 }, 0, null, 1120),
    ],
    expected: { result: 'missed', manager: 'managerA', talkSec: 0, direction: 'in', queueTasks: 1, leadStage: 'new' },
  },
  {
    name: '101 answers and transfers to 102, who talks on',
    build: (e, c) => [
      ivr(e, c, 1, 'Appeared', 0),
      ivr(e, c, 2, 'Disconnected', 3, 1170),
      employee(e, c, '101', 3, 'Appeared', 3),
      employee(e, c, '101', 4, 'Connected', 8),
      employee(e, c, '102', 5, 'Appeared', 40),
      employee(e, c, '102', 6, 'Connected', 45),
      employee(e, c, '101', 7, 'Disconnected', 45, 1111),
      employee(e, c, '102', 8, 'Disconnected', 168, 1110),
      summary(e, c, 1, { forward: 3, talk: 8, end: 168 }, 1, '102', 1110),
    ],
    expected: { result: 'answered', manager: 'managerB', talkSec: 160, direction: 'in', queueTasks: 0, leadStage: 'qualified' },
  },
  {
    name: 'an outbound call from 101 that the client answers',
    build: (e, c) => [
      outgoing(e, c, 1, 'Appeared', 0),
      outgoing(e, c, 2, 'Connected', 14),
      outgoing(e, c, 3, 'Disconnected', 134, 1111),
      summary(e, c, 2, { talk: 14, end: 134 }, 1, null, 1111),
    ],
    expected: { result: 'answered', manager: 'managerA', talkSec: 120, direction: 'out', queueTasks: 0, leadStage: null },
  },
  {
    name: 'an outbound call from 101 to a busy number',
    build: (e, c) => [
      outgoing(e, c, 1, 'Appeared', 0),
      outgoing(e, c, 2, 'Disconnected', 2, 1130),
      summary(e, c, 2, { talk: 0, end: 2 }, 0, null, 1130),
    ],
    expected: { result: 'missed', manager: 'managerA', talkSec: 0, direction: 'out', queueTasks: 0, leadStage: null },
  },
];

function shuffle<T>(items: T[], r: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Each payload three times: in order, in reverse, or a seeded interleaving of all three deliveries. */
type Delivery = { kind: 'in order' } | { kind: 'reversed' } | { kind: 'shuffled'; seed: number };
const deliver = (payloads: Payload[], d: Delivery): Payload[] => {
  if (d.kind === 'in order') return payloads.flatMap((p) => [p, p, p]);
  if (d.kind === 'reversed') return [...payloads].reverse().flatMap((p) => [p, p, p]);
  return shuffle(
    payloads.flatMap((p) => [p, p, p]),
    new Random(d.seed),
  );
};

const SHUFFLES_PER_SCENARIO = 30;
const CASES: [string, number, Delivery][] = SCENARIOS.flatMap((s, k) => {
  const plan = sweepPlan(`Mango whole calls, shuffled: ${s.name}`, SHUFFLES_PER_SCENARIO, 3);
  return [
    [`${s.name} — in order, each payload 3×`, k, { kind: 'in order' as const }],
    [`${s.name} — reversed, each payload 3×`, k, { kind: 'reversed' as const }],
    ...plan.indexes.map((i): [string, number, Delivery] => [
      `${s.name} — shuffled #${i} (seed ${plan.seed})`,
      k,
      { kind: 'shuffled', seed: plan.seed * 31 + i },
    ]),
  ];
});

let run = 0;
/** A number never seen before (each case is a new caller), valid for Moscow: +7 495 3xx-xx-xx. */
const freshCaller = () => `7495${String(3_000_000 + ++run * 7919).padStart(7, '0')}`;

describe('a Mango call is the set of its legs, in any delivery order', () => {
  test.each(CASES)('%s', async (_name, k, delivery) => {
    const scenario = SCENARIOS[k]!;
    const entry = `entry-${k}-${delivery.kind}-${run + 1}`;
    const caller = freshCaller();
    for (const p of deliver(scenario.build(entry, caller), delivery)) {
      const res = await w.fetch(`/hooks/telephony/mango/${p.kind}`, mangoRequest(p.json));
      expect({ status: res.status, body: await res.text(), payload: p.json }).toMatchObject({ status: 200 });
    }
    const e = scenario.expected;
    const calls = await w.db
      .prepare(
        "SELECT c.started_at, c.answered_at, c.ended_at, c.event_id, c.user_id, c.company_id FROM calls c WHERE c.provider = 'mango' AND c.call_id = ?",
      )
      .bind(entry)
      .all<{
        started_at: number;
        answered_at: number | null;
        ended_at: number;
        event_id: number;
        user_id: number | null;
        company_id: number | null;
      }>();
    expect(calls.results).toHaveLength(1);
    const call = calls.results[0]!;
    const events = await w.db
      .prepare(
        "SELECT id, occurred_at, call_result, duration_sec, user_id, direction FROM events WHERE source = 'mango' AND external_id = ?",
      )
      .bind(`call:${entry}`)
      .all<{ id: number; occurred_at: number; call_result: string; duration_sec: number; user_id: number | null; direction: string }>();
    expect(events.results).toHaveLength(1);
    const event = events.results[0]!;
    expect({
      eventLinked: call.event_id === event.id,
      result: event.call_result,
      talkSec: event.duration_sec,
      manager: event.user_id,
      direction: event.direction,
      // Mango's own moments: the call began at create_time, not when we heard of it.
      occurredAt: event.occurred_at,
      startedAt: call.started_at,
      ordered: call.started_at <= (call.answered_at ?? call.started_at) && (call.answered_at ?? call.started_at) <= call.ended_at,
    }).toEqual({
      eventLinked: true,
      result: e.result,
      talkSec: e.talkSec,
      manager: e.manager ? world.users[e.manager].id : null,
      direction: e.direction,
      occurredAt: T0 * 1000,
      startedAt: T0 * 1000,
      ordered: true,
    });

    const company = e.direction === 'in' ? call.company_id : null;
    if (e.direction === 'in') expect(company).not.toBeNull();
    const tasks = await w.db
      .prepare('SELECT user_id, region_id, kind, done_at, cancelled_at, due_at FROM tasks WHERE company_id = ?')
      .bind(company)
      .all<{
        user_id: number | null;
        region_id: number | null;
        kind: string;
        done_at: number | null;
        cancelled_at: number | null;
        due_at: number;
      }>();
    expect(tasks.results).toEqual(
      Array.from({ length: e.queueTasks }, () => ({
        user_id: null,
        region_id: world.regions.msk,
        kind: 'callback',
        done_at: null,
        cancelled_at: null,
        due_at: T0 * 1000 + 3_600_000,
      })),
    );
    if (e.leadStage) {
      const lead = await w.db.prepare('SELECT stage_id FROM leads WHERE company_id = ?').bind(company).all<{ stage_id: string }>();
      expect(lead.results.map((l) => l.stage_id)).toEqual([e.leadStage]);
    }
  });
});
