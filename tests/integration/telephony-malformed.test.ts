import { Random } from '../../scripts/seed/random';
import { count } from '../helpers/api';
import { ZADARMA_SIGNED, mangoSign, standardWebhookHeaders, zadarmaSignature } from '../helpers/telephony';
import { sweepPlan } from '../helpers/sweep';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';

/**
 * The malformed-input sweep: thousands of generated bad payloads per PBX endpoint — truncated,
 * wrong types, huge strings, missing fields, wrong encodings, bad signatures. Every one must be
 * answered below 500 and every one must be kept in the inbox. `npm test` sends a seeded random
 * subset of each endpoint's cases (tests/helpers/sweep.ts prints the seed); VORONKA_FULL_SWEEPS=1 sends all.
 */
const PER_ENDPOINT = Number(process.env.TELEPHONY_SWEEP_N || 2000);
const SAMPLE_PER_ENDPOINT = 250;
const CONCURRENCY = 8;

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

/** The same sweep on every run (seeded), so a failure can be reproduced by its index. */
function rng(seed: number) {
  const r = new Random(seed);
  return { int: (n: number) => r.int(0, Math.max(1, n) - 1), pick: <T>(xs: readonly T[]): T => r.pick(xs) };
}
type Rng = ReturnType<typeof rng>;

const nowS = () => TEST_NOW_S;
const zadarmaTime = () => new Date(TEST_NOW + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

const WRONG_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1e308,
  -1e21,
  3.14159,
  '',
  ' ',
  'NaN',
  '∞',
  [],
  [1, 2],
  {},
  { nested: { deeper: [null] } },
  '0x1F',
  '1e5',
  '💥📞',
  '\u0000\u0001',
  '<script>alert(1)</script>',
  "'; DROP TABLE calls; --",
  'Appeared ',
  'call.ended\n',
];

function hugeString(r: Rng): string {
  const len = 2_000 + r.int(120_000);
  const unit = r.pick(['9', 'я', '+7', 'x', '📞', '%', '"', '\\']);
  return unit.repeat(Math.ceil(len / unit.length)).slice(0, len);
}

function garbage(r: Rng): string {
  const n = r.int(400);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r.int(0xd7ff));
  return s;
}

interface Built {
  headers: Record<string, string>;
  body: string;
}

interface Endpoint {
  path: string;
  /** A readable payload as the provider documents it. */
  valid: (r: Rng, i: number) => Record<string, unknown>;
  /** Object → request, correctly signed. */
  build: (o: Record<string, unknown> | string, r: Rng, i: number) => Built;
  /** Signature faults of this provider for an otherwise fine payload. */
  badSignature: (b: Built, r: Rng) => Built;
  /** Encoding faults specific to how this provider sends (forms vs JSON). */
  badEncoding: (o: Record<string, unknown>, r: Rng, i: number) => Built;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

function mangoEndpoint(kind: string, valid: (r: Rng, i: number) => Record<string, unknown>): Endpoint {
  const form = (json: string, sign = mangoSign(json)) => `${new URLSearchParams({ vpbx_api_key: 'test-mango-vpbx-key', sign, json })}`;
  return {
    path: `/hooks/telephony/mango/${kind}`,
    valid,
    build: (o) => ({ headers: { ...FORM }, body: form(typeof o === 'string' ? o : JSON.stringify(o)) }),
    badSignature: (b, r) => {
      const p = new URLSearchParams(b.body);
      const json = p.get('json') ?? '';
      switch (r.int(5)) {
        case 0:
          p.delete('sign');
          break;
        case 1:
          p.set('sign', mangoSign(json, 'test-mango-vpbx-key', 'wrong-salt'));
          break;
        case 2:
          p.set('sign', mangoSign(`${json} `));
          break;
        case 3:
          p.set('vpbx_api_key', 'someone-else');
          break;
        default:
          p.set('sign', garbage(r).slice(0, 64));
      }
      return { headers: b.headers, body: p.toString() };
    },
    badEncoding: (o, r) => {
      const json = JSON.stringify(o);
      switch (r.int(7)) {
        case 0:
          return {
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ vpbx_api_key: 'test-mango-vpbx-key', sign: mangoSign(json), json }),
          };
        case 1:
          return { headers: { ...FORM }, body: `vpbx_api_key=test-mango-vpbx-key&sign=${mangoSign(json)}&json=${json}` }; // not URL-encoded
        case 2:
          return { headers: { ...FORM }, body: `${form(json)}&json=${encodeURIComponent('{}')}` }; // json twice
        case 3:
          return { headers: { ...FORM }, body: `${form(json)}%ZZ%%&=&&` };
        case 4:
          return {
            headers: { 'content-type': 'multipart/form-data; boundary=x' },
            body: `--x\r\nContent-Disposition: form-data; name="json"\r\n\r\n${json}\r\n--x--`,
          };
        case 5:
          return { headers: { ...FORM }, body: form(`\uFEFF${json}`) };
        default:
          return { headers: { ...FORM }, body: '' };
      }
    },
  };
}

const mangoParty = (r: Rng) =>
  r.pick([{ number: '74951234567' }, { extension: '101', number: 'sip:a@x' }, { number: '74957700000', line_number: '74957700000' }]);

const zadarmaEndpoint: Endpoint = {
  path: '/hooks/telephony/zadarma',
  valid: (r, i) => {
    const event = r.pick(Object.keys(ZADARMA_SIGNED));
    return {
      event,
      call_start: zadarmaTime(),
      pbx_call_id: `sweep-zd-${i}`,
      caller_id: '+7999000' + String(i % 10_000).padStart(4, '0'),
      called_did: '74957700000',
      internal: '101',
      destination: '79161234567',
      duration: String(r.int(300)),
      disposition: r.pick(['answered', 'busy', 'cancel', 'no answer', 'failed']),
      is_recorded: '1',
      call_id_with_rec: `rec.${i}`,
    };
  },
  build: (o) => {
    const body =
      typeof o === 'string'
        ? o
        : new URLSearchParams(
            Object.entries(o).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
          ).toString();
    const fields = Object.fromEntries(new URLSearchParams(body));
    return { headers: { ...FORM, signature: zadarmaSignature(fields) }, body };
  },
  badSignature: (b, r) => {
    const fields = Object.fromEntries(new URLSearchParams(b.body));
    const headers: Record<string, string> = { ...FORM };
    switch (r.int(4)) {
      case 0:
        break; // none
      case 1:
        headers['signature'] = zadarmaSignature(fields, 'wrong-secret');
        break;
      case 2:
        headers['signature'] = zadarmaSignature({ ...fields, call_start: '2000-01-01 00:00:00', pbx_call_id: 'other', caller_id: '0' });
        break;
      default:
        headers['signature'] =
          garbage(r)
            .replace(/[^\x20-\x7e]/g, '')
            .slice(0, 80) || 'x';
    }
    return { headers, body: b.body };
  },
  badEncoding: (o, r) => {
    const fields = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)]));
    const signature = zadarmaSignature(fields);
    switch (r.int(5)) {
      case 0:
        return { headers: { 'content-type': 'application/json', signature }, body: JSON.stringify(fields) };
      case 1:
        return { headers: { ...FORM, signature }, body: `${new URLSearchParams(fields)}&event=NOTIFY_END` }; // event twice
      case 2:
        return { headers: { ...FORM, signature }, body: `${new URLSearchParams(fields)}&%E0%A4%A=1&%%` };
      case 3:
        return {
          headers: { ...FORM, signature },
          body: Object.entries(fields)
            .map(([k, v]) => `${k}=${v}`)
            .join(';'),
        };
      default:
        return { headers: { ...FORM, signature }, body: '' };
    }
  },
};

let sweepId = 0;
const genericEndpoint: Endpoint = {
  path: '/hooks/telephony/generic',
  valid: (r, i) => ({
    type: r.pick(['call.ringing', 'call.answered', 'call.ended', 'call.recording']),
    call_id: `sweep-ast-${i}`,
    direction: r.pick(['in', 'out', 'internal']),
    from: '+7999111' + String(i % 10_000).padStart(4, '0'),
    to: '+74957700000',
    extension: '101',
    line: '+74957700000',
    timestamp: nowS(),
    duration: r.int(600),
    result: r.pick(['answered', 'missed', 'busy', 'failed']),
    recording_url: `https://pbx.example.ru/rec/${i}.wav`,
    seq: r.int(10),
  }),
  build: (o) => {
    const body = typeof o === 'string' ? o : JSON.stringify(o);
    return { headers: { 'content-type': 'application/json', ...standardWebhookHeaders(body, `msg_sweep_${++sweepId}`, nowS()) }, body };
  },
  badSignature: (b, r) => {
    const id = `msg_sweep_${++sweepId}`;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    switch (r.int(6)) {
      case 0:
        break;
      case 1:
        Object.assign(headers, standardWebhookHeaders(b.body, id, nowS(), 'whsec_d3Jvbmctc2VjcmV0'));
        break;
      case 2:
        Object.assign(headers, standardWebhookHeaders(b.body, id, nowS() - 3600));
        break; // stale
      case 3:
        Object.assign(headers, standardWebhookHeaders(`${b.body} `, id, nowS()));
        break;
      case 4:
        Object.assign(headers, standardWebhookHeaders(b.body, id, nowS()), { 'webhook-timestamp': 'yesterday' });
        break;
      default:
        Object.assign(headers, {
          'webhook-id': id,
          'webhook-timestamp': String(nowS()),
          'webhook-signature':
            'v1,' +
            garbage(r)
              .replace(/[^\x20-\x7e]/g, '')
              .slice(0, 60),
        });
    }
    return { headers, body: b.body };
  },
  badEncoding: (o, r) => {
    const json = JSON.stringify(o);
    const pick = r.int(5);
    const body =
      pick === 0
        ? new URLSearchParams(Object.entries(o).map(([k, v]): [string, string] => [k, String(v)])).toString()
        : pick === 1
          ? `\uFEFF${json}`
          : pick === 2
            ? `${json}${json}`
            : pick === 3
              ? json.replace(/"/g, "'")
              : `[${json}]`;
    return genericEndpoint.build(body, r, 0);
  },
};

const ENDPOINTS: Endpoint[] = [
  genericEndpoint,
  zadarmaEndpoint,
  mangoEndpoint('events/call', (r, i) => ({
    entry_id: `sweep-m-${i}`,
    call_id: `leg-${i}`,
    timestamp: nowS(),
    seq: r.int(9),
    call_state: r.pick(['Appeared', 'Connected', 'Disconnected']),
    location: r.pick(['ivr', 'queue', 'abonent']),
    from: mangoParty(r),
    to: mangoParty(r),
    disconnect_reason: 1100,
  })),
  mangoEndpoint('events/summary', (r, i) => ({
    entry_id: `sweep-m-${i}`,
    call_direction: r.int(3),
    from: mangoParty(r),
    to: mangoParty(r),
    create_time: nowS() - 60,
    forward_time: nowS() - 50,
    talk_time: nowS() - 40,
    end_time: nowS(),
    entry_result: r.int(2),
  })),
  mangoEndpoint('events/recording', (r, i) => ({
    entry_id: `sweep-m-${i}`,
    recording_id: `rec-${i}`,
    recording_state: r.pick(['Started', 'Completed']),
    timestamp: nowS(),
  })),
  mangoEndpoint('ping', () => ({})),
];

/** The i-th bad payload for an endpoint: the category cycles so every kind is well represented. */
function badPayload(e: Endpoint, r: Rng, i: number): Built {
  const o = e.valid(r, i);
  const keys = Object.keys(o);
  switch (i % 8) {
    case 0: {
      // truncated
      const good = e.build(o, r, i);
      if (e.path.includes('/mango/')) {
        const json = JSON.stringify(o);
        return e.build(json.slice(0, r.int(Math.max(1, json.length - 1))), r, i);
      }
      return e.build(good.body.slice(0, r.int(Math.max(1, good.body.length - 1))), r, i);
    }
    case 1: {
      // wrong types
      const k = keys.length ? r.pick(keys) : 'entry_id';
      return e.build({ ...o, [k]: r.pick(WRONG_VALUES) }, r, i);
    }
    case 2: {
      // huge strings
      const k = keys.length ? r.pick(keys) : 'entry_id';
      return e.build({ ...o, [k]: hugeString(r) }, r, i);
    }
    case 3: {
      // missing fields
      const copy = { ...o };
      for (let n = 1 + r.int(Math.max(1, keys.length)); n > 0; n--) delete copy[r.pick(keys.length ? keys : ['x'])];
      return e.build(copy, r, i);
    }
    case 4:
      return e.badEncoding(o, r, i);
    case 5:
      return e.badSignature(e.build(o, r, i), r);
    case 6: {
      // not even the right kind of text
      return e.build(r.pick([garbage(r), '', 'null', '42', '"строка"', '{}', '{"a":', '\u0000'.repeat(50), 'true']), r, i);
    }
    default: {
      // plausible but wrong values: out-of-range times, unknown states
      const k = r.pick([
        'timestamp',
        'end_time',
        'call_start',
        'type',
        'call_state',
        'event',
        'seq',
        'duration',
        'call_direction',
        'entry_result',
        'recording_url',
      ]);
      return e.build(
        { ...o, [k]: r.pick([-1, 0, 99_999_999_999, '2099-01-01 00:00:00', 'Ringing', 'NOTIFY_SMS', 'call.hold', 'ftp://x', 7, 2.5]) },
        r,
        i,
      );
    }
  }
}

async function pool<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

describe.each(ENDPOINTS.map((e) => [e.path, e] as const))('malformed sweep of %s', (path, endpoint) => {
  test(`bad payloads (of ${PER_ENDPOINT} generated): none answered 5xx, each kept in the inbox`, async () => {
    const r = rng(0xc0ffee ^ (path.length * 7919));
    // Every case is generated in order (case i is the same whatever the draw), then the plan picks which are sent.
    const all = Array.from({ length: PER_ENDPOINT }, (_, i) => ({ i, ...badPayload(endpoint, r, i) }));
    const payloads = sweepPlan(`malformed ${path}`, PER_ENDPOINT, SAMPLE_PER_ENDPOINT).indexes.map((i) => all[i]!);
    const sent = payloads.length;
    const before = await count(w, 'SELECT count(*) AS n FROM inbox WHERE path = ?', path);
    const statuses = new Map<number, number>();
    const fiveHundreds: { i: number; status: number; text: string }[] = [];
    await pool(payloads, CONCURRENCY, async (p) => {
      const res = await w.fetch(path, { method: 'POST', headers: p.headers, body: p.body });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) fiveHundreds.push({ i: p.i, status: res.status, text: text.slice(0, 300) });
    });
    expect(fiveHundreds.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].filter((s) => ![200, 400, 401].includes(s))).toEqual([]);
    // Both kinds of refusal occur: the sweep reaches the readers, not only the signature check.
    expect(statuses.get(401) ?? 0).toBeGreaterThan(sent / 20);
    if (!path.endsWith('/ping')) expect(statuses.get(400) ?? 0).toBeGreaterThan(sent / 20);
    expect(await count(w, 'SELECT count(*) AS n FROM inbox WHERE path = ?', path)).toBe(before + sent);
  });
});
