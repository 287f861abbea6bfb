import { apiAs, count } from '../helpers/api';
import { MANGO, ZADARMA, mangoSign, startPbxApiServer, zadarmaRestSignature, type PbxApiServer } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

const KNOWN = '+74951234567'; // a contact of company 101, manager A's client; A's extension is 101

async function worker(bindings: Record<string, string>): Promise<TestWorker> {
  const w = await startWorker({ bindings });
  await seedWorld(w);
  return w;
}

describe('click-to-call through Mango Office (commands/callback)', () => {
  let pbx: PbxApiServer;
  let w: TestWorker;
  beforeAll(async () => {
    pbx = await startPbxApiServer('mango');
    w = await worker({ TELEPHONY_PROVIDER: 'mango', MANGO_VPBX_API_URL: `${pbx.url}/vpbx` });
  });
  afterAll(async () => {
    await w?.dispose();
    await pbx?.close();
  });
  beforeEach(() => {
    pbx.requests.length = 0;
    pbx.answer = null;
  });

  test("asks Mango to connect the manager's extension to the number, signed as Mango documents, and audit-logs it", async () => {
    const res = await apiAs(w, 'managerA').post('/api/calls', { phone: '8 (495) 123-45-67', companyId: world.companies.ofA });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ provider: 'mango', requestId: expect.stringMatching(/^vka-[0-9a-f-]{36}$/), phone: KNOWN });

    expect(pbx.requests).toHaveLength(1);
    const sent = pbx.requests[0]!;
    expect([sent.method, sent.path, sent.headers['content-type']]).toEqual([
      'POST',
      '/vpbx/commands/callback',
      'application/x-www-form-urlencoded',
    ]);
    const form = new URLSearchParams(sent.body);
    const json = form.get('json')!;
    expect(JSON.parse(json)).toEqual({ command_id: res.body.requestId, from: { extension: '101' }, to_number: '74951234567' });
    expect(form.get('vpbx_api_key')).toBe(MANGO.key);
    expect(form.get('sign')).toBe(mangoSign(json));

    const audit = await w.db
      .prepare("SELECT user_id, principal, action, entity, entity_id, details FROM audit_log WHERE entity = 'call' ORDER BY id DESC")
      .first<Record<string, any>>();
    expect(audit).toMatchObject({
      user_id: world.users.managerA.id,
      principal: 'session:manager',
      action: 'change',
      entity_id: String(world.companies.ofA),
    });
    expect(JSON.parse(audit!['details'])).toEqual({
      op: 'click_to_call',
      provider: 'mango',
      phone: KNOWN,
      extension: '101',
      requestId: res.body.requestId,
      companyId: world.companies.ofA,
    });
  });

  test("Mango's refusal is a 502 with its reason, and the attempt is audit-logged", async () => {
    pbx.answer = { status: 200, body: '{"result":3102}' };
    const before = await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'call'");
    const res = await apiAs(w, 'managerB').post('/api/calls', { phone: '+7 916 123-45-67' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({
      code: 'bad_gateway',
      message: 'Mango Office не приняла звонок: Mango ответила кодом 3102',
      details: { provider: 'mango' },
    });
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'call' AND details LIKE '%refused%'")).toBe(1);
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'call'")).toBe(before + 1);
  });

  test('an HTTP error of the API is a 502 naming the status', async () => {
    pbx.answer = { status: 401, body: '{"message":"Invalid sign"}' };
    const res = await apiAs(w, 'managerA').post('/api/calls', { phone: KNOWN });
    expect([res.status, res.body.error.message]).toEqual([502, 'Mango Office не приняла звонок: HTTP 401: Invalid sign']);
  });

  test('refusals before the PBX is asked: no extension, not a phone, a company out of scope', async () => {
    const noExtension = await apiAs(w, 'headA').post('/api/calls', { phone: KNOWN });
    expect([noExtension.status, noExtension.body.error.message]).toEqual([
      400,
      'У вас не указан внутренний номер АТС: попросите администратора заполнить его, тогда можно звонить из CRM',
    ]);
    const notAPhone = await apiAs(w, 'managerA').post('/api/calls', { phone: 'позвонить Ивану' });
    expect([notAPhone.status, notAPhone.body.error.fields]).toEqual([
      400,
      [{ field: 'body.phone', message: 'Не похоже на номер телефона' }],
    ]);
    const foreign = await apiAs(w, 'managerA').post('/api/calls', { phone: KNOWN, companyId: world.companies.ofC });
    expect(foreign.status).toBe(404);
    expect(pbx.requests).toEqual([]);
  });
});

describe('click-to-call through Zadarma (REST request/callback)', () => {
  let pbx: PbxApiServer;
  let w: TestWorker;
  beforeAll(async () => {
    pbx = await startPbxApiServer('zadarma');
    w = await worker({ TELEPHONY_PROVIDER: 'zadarma', ZADARMA_API_URL: pbx.url });
  });
  afterAll(async () => {
    await w?.dispose();
    await pbx?.close();
  });
  beforeEach(() => {
    pbx.requests.length = 0;
    pbx.answer = null;
  });

  test('calls GET /v1/request/callback/ with from, to, sip and the documented Authorization', async () => {
    const res = await apiAs(w, 'managerB').post('/api/calls', { phone: '+7 (916) 123-45-67' });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ provider: 'zadarma', requestId: expect.stringMatching(/^vka-/), phone: '+79161234567' });
    const sent = pbx.requests[0]!;
    expect([sent.method, sent.path]).toEqual(['GET', '/v1/request/callback/']);
    expect(sent.query).toEqual({ format: 'json', from: '102', sip: '102', to: '79161234567' });
    expect(sent.headers['authorization']).toBe(`${ZADARMA.key}:${zadarmaRestSignature('/v1/request/callback/', sent.query)}`);
  });

  test("Zadarma's error answer is a 502 with its message", async () => {
    pbx.answer = { status: 200, body: '{"status":"error","message":"Wrong parameter \'from\'"}' };
    const res = await apiAs(w, 'managerA').post('/api/calls', { phone: KNOWN });
    expect([res.status, res.body.error.message]).toEqual([502, "Zadarma не приняла звонок: ошибка: Wrong parameter 'from'"]);
  });

  test('a PBX API that does not answer at all is a 502, not a 500', async () => {
    const down = await worker({ TELEPHONY_PROVIDER: 'zadarma', ZADARMA_API_URL: 'http://127.0.0.1:9' });
    try {
      const res = await apiAs(down, 'managerA').post('/api/calls', { phone: KNOWN });
      expect(res.status).toBe(502);
      expect(res.body.error.message).toMatch(/^Zadarma не приняла звонок: не удалось соединиться/);
    } finally {
      await down.dispose();
    }
  });
});

describe('without a configured PBX', () => {
  test('click-to-call answers 503 saying what to configure, and the sandbox route does not exist', async () => {
    const w = await worker({ SANDBOX_PBX: '' });
    try {
      const res = await apiAs(w, 'managerA').post('/api/calls', { phone: KNOWN });
      expect([res.status, res.body.error.message]).toEqual([
        503,
        'Звонки из CRM не настроены: задайте TELEPHONY_PROVIDER (mango, zadarma или sandbox)',
      ]);
      expect((await apiAs(w, 'managerA').post('/api/sandbox/incoming', { from: KNOWN })).status).toBe(404);
    } finally {
      await w.dispose();
    }
  });
});

describe('«Тестовая АТС (песочница)»', () => {
  let w: TestWorker;
  beforeAll(async () => {
    w = await worker({ SANDBOX_PBX: 'on' });
  });
  afterAll(() => w?.dispose());

  test('plays a whole call for click-to-call: ringing, answered, ended — one call on the client timeline', async () => {
    const res = await apiAs(w, 'managerA').post('/api/calls', { phone: '+7 495 123-45-67', companyId: world.companies.ofA });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ provider: 'sandbox', phone: KNOWN });
    const callId = `sandbox-${res.body.requestId}`;

    const call = await w.db
      .prepare("SELECT * FROM calls WHERE provider = 'sandbox' AND call_id = ?")
      .bind(callId)
      .first<Record<string, any>>();
    expect(call).toMatchObject({
      direction: 'out',
      counterpart: KNOWN,
      extension: '101',
      user_id: world.users.managerA.id,
      company_id: world.companies.ofA,
      talk_sec: 47,
      result: 'answered',
    });
    expect(call!['ended_at'] - call!['answered_at']).toBe(47_000);
    expect(call!['answered_at'] - call!['started_at']).toBe(6_000);

    const events = (
      await w.db
        .prepare("SELECT * FROM events WHERE source = 'sandbox' AND external_id = ?")
        .bind(`call:${callId}`)
        .all<Record<string, any>>()
    ).results;
    expect(events).toEqual([
      expect.objectContaining({
        id: call!['event_id'],
        kind: 'call',
        company_id: world.companies.ofA,
        direction: 'out',
        duration_sec: 47,
        call_result: 'answered',
        targeted: 1,
      }),
    ]);

    const ids = ['call.ringing', 'call.answered', 'call.ended'].map((type) => `sandbox_${callId}_${type}`);
    const inbox = (
      await w.db
        .prepare(
          "SELECT source, external_id, path, outcome, reason, body FROM inbox WHERE source = 'sandbox' AND external_id IN (?, ?, ?) ORDER BY id",
        )
        .bind(...ids)
        .all<Record<string, any>>()
    ).results;
    expect(inbox.map((r) => [r['external_id'], r['path'], r['outcome'], r['reason']])).toEqual(
      ids.map((id) => [id, '/hooks/telephony/generic', 'stored', 'Тестовая АТС (песочница)']),
    );
    expect(JSON.parse(inbox[0]!['body'])).toMatchObject({ type: 'call.ringing', sandbox: 'Тестовая АТС (песочница)' });
  });

  test('an incoming call rings for the caller and shows who is calling', async () => {
    const res = await apiAs(w, 'managerA').post('/api/sandbox/incoming', { from: '8 495 123 45 67' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      provider: 'sandbox',
      label: 'Тестовая АТС (песочница)',
      callId: expect.stringMatching(/^sandbox-in-/),
      phone: KNOWN,
      extension: '101',
      card: expect.objectContaining({ known: true, companyId: world.companies.ofA, companyName: 'ООО "Кровля А"', ownerExtension: '101' }),
    });
    const call = await w.db
      .prepare("SELECT direction, extension, user_id, ended_at FROM calls WHERE provider = 'sandbox' AND call_id = ?")
      .bind(res.body.callId)
      .first();
    expect(call).toEqual({ direction: 'in', extension: '101', user_id: world.users.managerA.id, ended_at: null });
  });

  test("the sandbox obeys the caller's scope: ringing another region's manager never shows that region's client card", async () => {
    // Вера (managerC, Приморье) has client 104; managerA (Москва) rings her extension 201 with that client's number.
    await w.db.batch([
      w.db
        .prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (204, ?, 'Олег Приморский', 0)")
        .bind(world.companies.ofC),
      w.db
        .prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (204, ?, 'phone', '+74232400104')")
        .bind(world.companies.ofC),
    ]);
    const res = await apiAs(w, 'managerA').post('/api/sandbox/incoming', { from: '+74232400104', extension: '201' });
    expect(res.status).toBe(200);
    expect(res.body.card).toEqual(expect.objectContaining({ known: true, regionName: 'Приморский край' }));
    expect(JSON.stringify(res.body.card)).not.toMatch(/Приморье С|Олег/);
    expect(res.body.card.companyId).toBeUndefined();
  });

  test('a caller without an extension names one, else is told to get one', async () => {
    expect((await apiAs(w, 'headA').post('/api/sandbox/incoming', { from: KNOWN })).status).toBe(400);
    const res = await apiAs(w, 'headA').post('/api/sandbox/incoming', { from: KNOWN, extension: '777' });
    expect([res.status, res.body.extension]).toEqual([200, '777']);
  });
});
