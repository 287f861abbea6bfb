import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, count } from '../helpers/api';
import { genericRequest, loadFixture, mangoRequest, zadarmaRequest } from '../helpers/telephony';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const MANGO = '/hooks/telephony/mango';
const ZADARMA = '/hooks/telephony/zadarma';
const GENERIC = '/hooks/telephony/generic';
const KNOWN = '+74951234567'; // contact of company 101, owned by manager A (extension 101)

interface InboxRow {
  source: string;
  external_id: string | null;
  outcome: string;
  reason: string | null;
  path: string;
  body: string;
}

/** One request and the inbox rows it left. */
async function send(path: string, init: RequestInit) {
  const lastInbox = await count(w, 'SELECT coalesce(max(id), 0) AS n FROM inbox');
  const res = await w.fetch(path, init);
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* plain text */
  }
  const inbox = (
    await w.db
      .prepare('SELECT source, external_id, outcome, reason, path, body FROM inbox WHERE id > ? ORDER BY id')
      .bind(lastInbox)
      .all<InboxRow>()
  ).results;
  return { status: res.status, json, text, inbox, headers: res.headers };
}

let seq = 0;
const unique = (prefix: string) => `${prefix}-${++seq}`;
const nowS = () => TEST_NOW_S;
const zadarmaTime = (ms: number) => new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19).replace('T', ' '); // Moscow, zone-less

const callRow = (provider: string, callId: string) =>
  w.db.prepare('SELECT * FROM calls WHERE provider = ? AND call_id = ?').bind(provider, callId).first<Record<string, any>>();
const eventsOf = (provider: string, callId: string) =>
  w.db
    .prepare('SELECT * FROM events WHERE source = ? AND external_id = ?')
    .bind(provider, `call:${callId}`)
    .all<Record<string, any>>()
    .then((r) => r.results);

describe('signatures: good → 200, bad → 401, missing → 401, each kept in the inbox', () => {
  const mangoEvent = () => ({
    entry_id: unique('sig-entry'),
    call_id: 'leg-1',
    timestamp: nowS(),
    seq: 1,
    call_state: 'Appeared',
    location: 'ivr',
    from: { number: '79990001001' },
    to: { number: '74957700000', line_number: '74957700000' },
  });
  const zadarmaStart = () => ({
    event: 'NOTIFY_START',
    call_start: zadarmaTime(TEST_NOW),
    pbx_call_id: unique('sig-in'),
    caller_id: '+79990001002',
    called_did: '74957700000',
  });
  const genericEvent = () => ({
    type: 'call.ringing',
    call_id: unique('sig-ast'),
    direction: 'in',
    from: '+79990001003',
    to: '+74957700000',
    timestamp: nowS(),
  });

  test.each([
    ['mango', `${MANGO}/events/call`, (s: 'good' | 'bad' | 'missing') => mangoRequest(mangoEvent(), s)],
    ['zadarma', ZADARMA, (s: 'good' | 'bad' | 'missing') => zadarmaRequest(zadarmaStart(), s)],
    ['generic', GENERIC, (s: 'good' | 'bad' | 'missing') => genericRequest(genericEvent(), { signing: s })],
  ])('%s', async (source, path, request) => {
    const good = await send(path, request('good'));
    const bad = await send(path, request('bad'));
    const missing = await send(path, request('missing'));
    expect([good.status, bad.status, missing.status]).toEqual([200, 401, 401]);
    expect(good.inbox).toEqual([expect.objectContaining({ source, outcome: 'stored', path })]);
    expect(bad.inbox).toEqual([expect.objectContaining({ source, outcome: 'rejected', reason: expect.stringMatching(/^unauthorized: /) })]);
    expect(missing.inbox).toEqual([
      expect.objectContaining({ source, outcome: 'rejected', reason: expect.stringMatching(/^unauthorized: /) }),
    ]);
    expect(bad.json.error.code).toBe('unauthorized');
    expect(missing.json.error.message).toMatch(/^Подпись не принята: /);
  });

  test('the Mango and Zadarma fixtures, sent as they are, are accepted', async () => {
    for (const [provider, name] of [
      ['mango', 'call-appeared-ivr'],
      ['mango', 'summary-answered'],
      ['zadarma', 'notify-internal'],
      ['zadarma', 'notify-record'],
    ] as const) {
      const f = loadFixture(provider, name);
      const res = await send(f.path, { method: 'POST', headers: f.headers, body: f.body });
      expect({ name, status: res.status, inbox: res.inbox.map((r) => [r.source, r.external_id, r.outcome]) }).toEqual({
        name,
        status: 200,
        inbox: [[provider, f.externalId, 'stored']],
      });
    }
  });

  test('a PBX that is not configured is refused, not crashed', async () => {
    const other = await startWorker({ bindings: { MANGO_VPBX_API_KEY: '', ZADARMA_API_SECRET: '' } });
    try {
      const res = await other.fetch(ZADARMA, zadarmaRequest(zadarmaStart()));
      expect(res.status).toBe(401);
      expect(((await res.json()) as any).error.message).toBe('Подпись не принята: Zadarma не настроена (ZADARMA_API_SECRET)');
    } finally {
      await other.dispose();
    }
  });
});

describe('a bad shape is a 400 with the reason, kept in the inbox', () => {
  test.each([
    ['mango', `${MANGO}/events/call`, () => mangoRequest('{"entry_id": "x", "call_state": "Appeared"'), 'поле json: не JSON'],
    [
      'mango',
      `${MANGO}/events/summary`,
      () => mangoRequest({ entry_id: 'x', call_direction: 7, end_time: nowS() }),
      'call_direction: 7 вне допустимого диапазона 0…2',
    ],
    [
      'zadarma',
      ZADARMA,
      () => zadarmaRequest({ event: 'NOTIFY_END', call_start: 'вчера', pbx_call_id: 'z-bad', caller_id: '1', called_did: '2' }),
      'call_start: ожидается «ГГГГ-ММ-ДД чч:мм:сс», получено "вчера"',
    ],
    ['generic', GENERIC, () => genericRequest({ type: 'call.ended', timestamp: nowS() }), 'нет поля call_id'],
  ])('%s %s', async (source, path, request, reason) => {
    const res = await send(path, request());
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 'bad_request', message: `Событие не принято: ${reason}` });
    expect(res.inbox).toEqual([expect.objectContaining({ source, outcome: 'rejected', reason })]);
  });
});

describe('replays and retries change nothing', () => {
  test('the same generic call.ended 10 times: one call, one timeline event, ten inbox rows', async () => {
    const callId = unique('replay-ast');
    const init = genericRequest(
      {
        type: 'call.ended',
        call_id: callId,
        direction: 'in',
        from: KNOWN,
        to: '+74957700000',
        extension: '101',
        timestamp: nowS(),
        duration: 95,
        result: 'answered',
      },
      { id: `msg_${callId}` },
    );
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await send(GENERIC, init)).status);
    expect(statuses).toEqual(Array(10).fill(200));
    expect(await count(w, 'SELECT count(*) AS n FROM calls WHERE provider = ? AND call_id = ?', 'generic', callId)).toBe(1);
    expect(await eventsOf('generic', callId)).toEqual([
      expect.objectContaining({ company_id: world.companies.ofA, duration_sec: 95, call_result: 'answered' }),
    ]);
    const outcomes = await w.db
      .prepare('SELECT outcome FROM inbox WHERE source = ? AND external_id = ? ORDER BY id')
      .bind('generic', `msg_${callId}`)
      .all<{ outcome: string }>();
    expect(outcomes.results.map((r) => r.outcome)).toEqual(['stored', ...Array(9).fill('duplicate')]);
  });

  test('a replayed payload is kept with the outcome duplicate', async () => {
    const callId = unique('dup-ast');
    const init = genericRequest(
      {
        type: 'call.ended',
        call_id: callId,
        direction: 'out',
        from: '101',
        to: KNOWN,
        extension: '101',
        timestamp: nowS(),
        duration: 40,
        result: 'answered',
      },
      { id: `msg_${callId}` },
    );
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await send(GENERIC, init)).json);
    expect(answers).toEqual([
      { ok: true, outcome: 'stored' },
      { ok: true, outcome: 'duplicate' },
      { ok: true, outcome: 'duplicate' },
    ]);
    const rows = await w.db
      .prepare('SELECT outcome FROM inbox WHERE external_id = ? ORDER BY id')
      .bind(`msg_${callId}`)
      .all<{ outcome: string }>();
    expect(rows.results.map((r) => r.outcome)).toEqual(['stored', 'duplicate', 'duplicate']);
  });

  test('Mango and Zadarma retries of a whole call (every notification 10 times) leave one call and one event each', async () => {
    const entry = unique('retry-entry');
    const t = nowS() - 120;
    const party = { from: { number: '74951234567' }, to: { extension: '101', number: '74957700000', line_number: '74957700000' } };
    const mangoCall = [
      [
        `${MANGO}/events/call`,
        { entry_id: entry, call_id: 'leg', timestamp: t, seq: 1, call_state: 'Appeared', location: 'abonent', ...party },
      ],
      [
        `${MANGO}/events/call`,
        { entry_id: entry, call_id: 'leg', timestamp: t + 5, seq: 2, call_state: 'Connected', location: 'abonent', ...party },
      ],
      [
        `${MANGO}/events/call`,
        { entry_id: entry, call_id: 'leg', timestamp: t + 65, seq: 3, call_state: 'Disconnected', location: 'abonent', ...party },
      ],
      [
        `${MANGO}/events/summary`,
        {
          entry_id: entry,
          call_direction: 1,
          ...party,
          create_time: t,
          forward_time: t,
          talk_time: t + 5,
          end_time: t + 65,
          entry_result: 1,
        },
      ],
    ] as const;
    const pbx = unique('retry-in');
    const start = zadarmaTime(t * 1000);
    const zd = { call_start: start, pbx_call_id: pbx, caller_id: KNOWN, called_did: '74957700000' };
    const zadarmaCall: Record<string, string>[] = [
      { event: 'NOTIFY_START', ...zd },
      { event: 'NOTIFY_INTERNAL', ...zd, internal: '101' },
      { event: 'NOTIFY_ANSWER', call_start: start, pbx_call_id: pbx, caller_id: KNOWN, destination: '101', internal: '101' },
      { event: 'NOTIFY_END', ...zd, internal: '101', duration: '60', disposition: 'answered', is_recorded: '0' },
    ];
    for (let round = 0; round < 10; round++) {
      for (const [path, json] of mangoCall) expect((await send(path, mangoRequest(json))).status).toBe(200);
      for (const fields of zadarmaCall) expect((await send(ZADARMA, zadarmaRequest(fields))).status).toBe(200);
    }
    expect(await count(w, 'SELECT count(*) AS n FROM calls WHERE call_id IN (?, ?)', entry, pbx)).toBe(2);
    expect(await eventsOf('mango', entry)).toEqual([
      expect.objectContaining({ duration_sec: 60, call_result: 'answered', company_id: world.companies.ofA }),
    ]);
    expect(await eventsOf('zadarma', pbx)).toEqual([
      expect.objectContaining({ duration_sec: 60, call_result: 'answered', company_id: world.companies.ofA }),
    ]);
    const kept = await w.db
      .prepare(
        "SELECT outcome, count(*) AS n FROM inbox WHERE source IN ('mango', 'zadarma') AND (external_id LIKE ? OR external_id LIKE ?) GROUP BY outcome ORDER BY outcome",
      )
      .bind(`${entry}:%`, `${pbx}:%`)
      .all<{ outcome: string; n: number }>();
    expect(kept.results).toEqual([
      { outcome: 'duplicate', n: 72 },
      { outcome: 'stored', n: 8 },
    ]);
  });
});

describe('events of one call out of order make one correct call', () => {
  test('Mango: summary first, then Disconnected, Connected and the two Appeared', async () => {
    const entry = unique('ooo-entry');
    const t = nowS() - 600;
    const from = { number: '74951234567' };
    const to101 = { extension: '101', number: 'sip:anna@krovlya.mangosip.ru', line_number: '74957700000' };
    const arrivals: [string, object][] = [
      [
        'events/summary',
        {
          entry_id: entry,
          call_direction: 1,
          from,
          to: { extension: '101', number: '74957700000' },
          line_number: '74957700000',
          create_time: t,
          forward_time: t + 3,
          talk_time: t + 8,
          end_time: t + 75,
          entry_result: 1,
        },
      ],
      [
        'events/call',
        {
          entry_id: entry,
          call_id: 'leg-101',
          timestamp: t + 75,
          seq: 4,
          call_state: 'Disconnected',
          location: 'abonent',
          from,
          to: to101,
          disconnect_reason: 1110,
        },
      ],
      [
        'events/call',
        { entry_id: entry, call_id: 'leg-101', timestamp: t + 8, seq: 3, call_state: 'Connected', location: 'abonent', from, to: to101 },
      ],
      [
        'events/call',
        { entry_id: entry, call_id: 'leg-101', timestamp: t + 3, seq: 2, call_state: 'Appeared', location: 'abonent', from, to: to101 },
      ],
      [
        'events/call',
        {
          entry_id: entry,
          call_id: 'leg-ivr',
          timestamp: t,
          seq: 1,
          call_state: 'Appeared',
          location: 'ivr',
          from,
          to: { number: '74957700000', line_number: '74957700000' },
        },
      ],
    ];
    for (const [kind, json] of arrivals) expect((await send(`${MANGO}/${kind}`, mangoRequest(json))).status).toBe(200);

    const call = await callRow('mango', entry);
    expect(call).toMatchObject({
      direction: 'in',
      counterpart: KNOWN,
      line: '+74957700000',
      extension: '101',
      user_id: world.users.managerA.id,
      company_id: world.companies.ofA,
      started_at: t * 1000,
      answered_at: (t + 8) * 1000,
      ended_at: (t + 75) * 1000,
      talk_sec: 67,
      result: 'answered',
      last_seq: 4,
    });
    expect(await count(w, 'SELECT count(*) AS n FROM calls WHERE call_id = ?', entry)).toBe(1);
    const events = await eventsOf('mango', entry);
    expect(events).toEqual([
      expect.objectContaining({
        id: call!['event_id'],
        kind: 'call',
        company_id: world.companies.ofA,
        user_id: world.users.managerA.id,
        direction: 'in',
        duration_sec: 67,
        call_result: 'answered',
        counterpart: KNOWN,
      }),
    ]);
    // The event is when the call began, however late its first signal came.
    expect(events[0]!['occurred_at']).toBe(t * 1000);
  });

  test('generic: ended before ringing and answered', async () => {
    const callId = unique('ooo-ast');
    const t = nowS() - 300;
    const base = { call_id: callId, direction: 'out', from: '102', to: KNOWN, extension: '102' };
    for (const event of [
      { ...base, type: 'call.ended', timestamp: t + 50, duration: 41, result: 'answered' },
      { ...base, type: 'call.answered', timestamp: t + 9 },
      { ...base, type: 'call.ringing', timestamp: t },
    ])
      expect((await send(GENERIC, genericRequest(event))).status).toBe(200);
    expect(await callRow('generic', callId)).toMatchObject({
      direction: 'out',
      counterpart: KNOWN,
      extension: '102',
      user_id: world.users.managerB.id,
      started_at: t * 1000,
      answered_at: (t + 9) * 1000,
      ended_at: (t + 50) * 1000,
      talk_sec: 41,
      result: 'answered',
    });
    expect(await eventsOf('generic', callId)).toHaveLength(1);
  });
});

describe('Zadarma specifics', () => {
  test('GET ?zd_echo=X answers exactly X as plain text', async () => {
    const res = await send(`${ZADARMA}?zd_echo=5f1c2a9e8b`, { method: 'GET' });
    expect([res.status, res.text, res.headers.get('content-type')]).toEqual([200, '5f1c2a9e8b', 'text/plain; charset=utf-8']);
    expect(res.inbox).toEqual([]);
    expect((await send(`${ZADARMA}?zd_echo=${encodeURIComponent('<script>')}`, { method: 'GET' })).status).toBe(400);
    expect((await send(ZADARMA, { method: 'GET' })).status).toBe(400);
  });

  test('NOTIFY_START from a known client answers his company as caller ID and redirects to his manager', async () => {
    const res = await send(
      ZADARMA,
      zadarmaRequest({
        event: 'NOTIFY_START',
        call_start: zadarmaTime(TEST_NOW),
        pbx_call_id: unique('known-in'),
        caller_id: KNOWN,
        called_did: '74957700000',
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ caller_name: 'ООО "Кровля А"', redirect: '101' });
  });

  test('NOTIFY_START from an unknown number answers {} and the number becomes a prospect with a lead', async () => {
    const pbx = unique('unknown-in');
    const res = await send(
      ZADARMA,
      zadarmaRequest({
        event: 'NOTIFY_START',
        call_start: zadarmaTime(TEST_NOW),
        pbx_call_id: pbx,
        caller_id: '+79990004455',
        called_did: '74957700000',
      }),
    );
    expect([res.status, res.json]).toEqual([200, {}]);
    const call = await callRow('zadarma', pbx);
    expect(call).toMatchObject({ counterpart: '+79990004455', direction: 'in' });
    expect(call!['company_id']).not.toBeNull();
    expect(await count(w, "SELECT count(*) AS n FROM leads WHERE company_id = ? AND channel = 'call'", call!['company_id'])).toBe(1);
  });

  test('NOTIFY_IVR is kept and changes nothing', async () => {
    const pbx = unique('ivr');
    const res = await send(
      ZADARMA,
      zadarmaRequest({
        event: 'NOTIFY_IVR',
        call_start: zadarmaTime(TEST_NOW),
        pbx_call_id: pbx,
        caller_id: KNOWN,
        called_did: '74957700000',
      }),
    );
    expect([res.status, res.json]).toEqual([200, { ok: true, outcome: 'stored' }]);
    expect(res.inbox).toEqual([expect.objectContaining({ outcome: 'stored', reason: 'NOTIFY_IVR: голосовое меню, звонок не меняется' })]);
    expect(await callRow('zadarma', pbx)).toBeNull();
  });
});

describe('Mango specifics', () => {
  test('ping answers OK and is kept', async () => {
    const res = await send(`${MANGO}/ping`, mangoRequest({}));
    expect([res.status, res.json]).toEqual([200, { ok: true, outcome: 'stored' }]);
    expect(res.inbox).toEqual([expect.objectContaining({ source: 'mango', outcome: 'stored', reason: 'ping от Mango Office' })]);
  });

  test('a recording reaches the call', async () => {
    const entry = unique('rec-entry');
    const t = nowS() - 200;
    await send(
      `${MANGO}/events/summary`,
      mangoRequest({
        entry_id: entry,
        call_direction: 2,
        from: { extension: '101' },
        to: { number: '79161234567' },
        create_time: t,
        talk_time: t + 5,
        end_time: t + 50,
        entry_result: 1,
      }),
    );
    const res = await send(
      `${MANGO}/events/recording`,
      mangoRequest({ entry_id: entry, recording_id: 'REC-1', recording_state: 'Completed', timestamp: t + 55 }),
    );
    expect(res.status).toBe(200);
    expect(await callRow('mango', entry)).toMatchObject({
      recording_url: 'mango:recording:REC-1',
      talk_sec: 45,
      direction: 'out',
      extension: '101',
    });
  });
});

test('a failure of our own answers 503 (the PBX retries), is kept with the reason, and the admin can replay it', async () => {
  const callId = unique('fail');
  await w.db.prepare('ALTER TABLE calls RENAME TO calls_away').run();
  let inboxId: number;
  try {
    const res = await send(
      GENERIC,
      genericRequest({ type: 'call.ringing', call_id: callId, direction: 'in', from: KNOWN, extension: '101', timestamp: nowS() }),
    );
    expect(res.status).toBe(503);
    expect(res.json.error.code).toBe('unavailable');
    expect(res.inbox).toEqual([
      expect.objectContaining({
        source: 'generic',
        outcome: 'rejected',
        reason: expect.stringMatching(/^не применено: внутренняя ошибка/),
      }),
    ]);
    inboxId = await count(w, 'SELECT max(id) AS n FROM inbox');
  } finally {
    await w.db.prepare('ALTER TABLE calls_away RENAME TO calls').run();
  }
  const replay = await apiAs(w, 'admin').post(`/api/inbox/${inboxId!}/replay`);
  expect([replay.status, replay.body]).toEqual([200, { id: inboxId!, outcome: 'stored' }]);
  expect(await callRow('generic', callId)).toMatchObject({ direction: 'in', counterpart: KNOWN, company_id: world.companies.ofA });
});

describe('the Asterisk helper of docs/asterisk (voronka-event.sh) against a running worker', () => {
  const tools = ['curl', 'openssl', 'xxd', 'base64'].every((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status === 0);
  (tools ? test : test.skip)('ringing, answered and ended as the dialplan sends them make one answered call', async () => {
    const server = await startWorker({ http: true });
    const dir = mkdtempSync(join(tmpdir(), 'voronka-asterisk-'));
    try {
      await seedWorld(server);
      const secretFile = join(dir, 'voronka.secret');
      writeFileSync(secretFile, TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET);
      // The Asterisk box's clock reads the suite's moment: a `date` first on its PATH answers `+%s` with TEST_NOW.
      const bin = join(dir, 'bin');
      mkdirSync(bin);
      writeFileSync(join(bin, 'date'), `#!/bin/sh\nif [ "$1" = "+%s" ]; then echo ${nowS()}; else exec /bin/date "$@"; fi\n`, {
        mode: 0o755,
      });
      const env = {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        VORONKA_URL: `${server.url.origin}/hooks/telephony/generic`,
        VORONKA_SECRET_FILE: secretFile,
      };
      const script = join(__dirname, '..', '..', 'docs', 'asterisk', 'voronka-event.sh');
      const uniqueId = `${nowS()}.17`;
      // As the dialplan passes them: a caller ID with junk in it, Dial's ANSWEREDTIME and DIALSTATUS.
      const runs = [
        ['call.ringing', uniqueId, 'in', '+7 (495) 123-45-67;rm -rf /', '74957700000', '101'],
        ['call.answered', uniqueId, 'in', '+74951234567', '74957700000', '101'],
        ['call.ended', uniqueId, 'in', '+74951234567', '74957700000', '101', '83', 'ANSWER'],
      ];
      for (const args of runs) {
        const run = await new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
          const child = spawn(script, args, { env });
          let out = '';
          let err = '';
          child.stdout.on('data', (d) => {
            out += d;
          });
          child.stderr.on('data', (d) => {
            err += d;
          });
          child.on('close', (code) => resolve({ code, out, err }));
        });
        expect({ args: args[0], code: run.code, out: run.out.trim(), err: run.err }).toEqual({
          args: args[0],
          code: 0,
          out: '200',
          err: '',
        });
      }
      const call = await server.db
        .prepare("SELECT * FROM calls WHERE provider = 'generic' AND call_id = ?")
        .bind(uniqueId)
        .first<Record<string, any>>();
      expect(call).toMatchObject({
        direction: 'in',
        counterpart: KNOWN,
        line: '+74957700000',
        extension: '101',
        company_id: world.companies.ofA,
        talk_sec: 83,
        result: 'answered',
      });
      expect(
        await server.db
          .prepare("SELECT count(*) AS n FROM events WHERE source = 'generic' AND external_id = ?")
          .bind(`call:${uniqueId}`)
          .first('n'),
      ).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await server.dispose();
    }
  });
});
