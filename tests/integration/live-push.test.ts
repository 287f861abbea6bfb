import { WebSocket as NodeWebSocket } from 'undici';
import { LIVE_PROTOCOL, LIVE_REAUTH_CLOSE } from '../../schema/contracts/live-protocol';
import { createLivePush, PUSH_TIMEOUT_MS, type LiveBinding } from '../../worker/src/live/push';
import { obtainCredentials, type Credentials } from '../helpers/principals';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, world } from '../helpers/world';
import { monotonicMs } from '../helpers/clock';

/** One end of a live socket as a test sees it: every frame received, and how it closed. */
interface Received {
  frames: string[];
  closed: { code: number; reason: string } | null;
  next: (match: (frame: string) => boolean, timeoutMs?: number) => Promise<string>;
  closedWith: (timeoutMs?: number) => Promise<{ code: number; reason: string }>;
}

function collect(socket: { addEventListener: (type: string, fn: (event: never) => void) => void }): Received {
  const received: Received = {
    frames: [],
    closed: null,
    next: (match, timeoutMs = 2_000) => until(() => received.frames.find(match), timeoutMs, 'a matching frame'),
    closedWith: (timeoutMs = 2_000) => until(() => received.closed ?? undefined, timeoutMs, 'the socket to close'),
  };
  socket.addEventListener('message', (event: { data: unknown }) => {
    received.frames.push(String(event.data));
  });
  socket.addEventListener('close', (event: { code: number; reason: string }) => {
    received.closed = { code: event.code, reason: event.reason };
  });
  return received;
}

async function until<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
  const deadline = monotonicMs() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (monotonicMs() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const noFrameWithin = async (r: Received, ms: number) => {
  await new Promise((res) => setTimeout(res, ms));
  return r.frames.filter((f) => f !== 'pong');
};

let w: TestWorker;
let creds: Credentials;
let tokenOfB: string;
const sockets: { close: () => void }[] = [];

beforeAll(async () => {
  w = await startWorker({ http: true });
  await seedWorld(w);
  creds = await obtainCredentials(w);
  tokenOfB = (await createToken(w, creds.cookies.managerB, 'api')).secret;
});
afterEach(() => {
  for (const s of sockets.splice(0)) {
    try {
      s.close();
    } catch {
      /* already closed */
    }
  }
});
afterAll(() => w?.dispose());

/** A handshake through Miniflare's dispatchFetch: the response (101 or an error) and, on 101, the accepted socket. */
async function handshake(headers: Record<string, string>, path = '/api/live') {
  const res = await w.fetch(path, { headers: { upgrade: 'websocket', ...headers } });
  const socket = res.webSocket;
  if (!socket) return { res, received: null };
  socket.accept();
  sockets.push(socket);
  return { res, socket, received: collect(socket as never) };
}

/** A real HTTP handshake, the way the extension opens it: the token offered as a subprotocol. */
async function openAsExtension(token: string): Promise<{ socket: NodeWebSocket; received: Received }> {
  const socket = new NodeWebSocket(new URL('/api/live', w.url).toString().replace(/^http/, 'ws'), [LIVE_PROTOCOL, token]);
  sockets.push(socket);
  const received = collect(socket as never);
  await new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve());
    socket.addEventListener('error', () => reject(new Error('the handshake failed')));
  });
  return { socket, received };
}

/** The caller's open sockets as the channel counts them, once they reach `want` (closes land asynchronously). */
async function socketsOf(cookie: string, want: number): Promise<number> {
  const count = async () => ((await (await w.fetch('/api/live?status=1', { headers: { cookie } })).json()) as { sockets: number }).sockets;
  const deadline = monotonicMs() + 2_000;
  let n = await count();
  while (n !== want && monotonicMs() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    n = await count();
  }
  return n;
}

const testPush = async (cookie: string) => {
  const res = await w.fetch('/api/live/test', { method: 'POST', headers: { cookie } });
  expect(res.status).toBe(200);
  return (await res.json()) as { at: number; delivered: number };
};

describe('GET /api/live — the handshake', () => {
  it('opens for the extension token offered as a subprotocol, selecting only voronka.live.v1', async () => {
    const { socket, received } = await openAsExtension(creds.extensionToken);
    expect(await socketsOf(creds.cookies.managerA, 1)).toBe(1);

    expect(socket.protocol).toBe(LIVE_PROTOCOL);
    const sent = await testPush(creds.cookies.managerA);
    expect(sent.delivered).toBe(1);
    expect(JSON.parse(await received.next((f) => f.includes('"test"')))).toEqual({ type: 'test', at: sent.at });
  });

  it('opens for a bearer header (non-browser clients) and for a session cookie from the server’s own origin', async () => {
    const bearer = await handshake({ authorization: `Bearer ${creds.extensionToken}` });
    const session = await handshake({ cookie: creds.cookies.managerA, origin: w.url.origin });

    expect([bearer.res.status, session.res.status]).toEqual([101, 101]);
    expect(bearer.res.headers.get('sec-websocket-protocol')).toBeNull();
  });

  it('refuses a handshake without credentials, with a widget token, with a revoked or unknown token', async () => {
    const revoked = await createToken(w, creds.cookies.managerA, 'api');
    expect((await w.fetch(`/api/tokens/${revoked.id}`, { method: 'DELETE', headers: { cookie: creds.cookies.managerA } })).status).toBe(
      200,
    );

    const attempts = await Promise.all([
      handshake({}),
      handshake({ 'sec-websocket-protocol': `${LIVE_PROTOCOL}, ${creds.widgetToken}` }),
      handshake({}, `/api/live?t=${encodeURIComponent(creds.widgetToken)}`),
      handshake({ 'sec-websocket-protocol': `${LIVE_PROTOCOL}, ${revoked.secret}` }),
      handshake({ 'sec-websocket-protocol': `${LIVE_PROTOCOL}, vka_not-a-real-token` }),
      // A dead token is a refusal even next to a live session cookie.
      handshake({ 'sec-websocket-protocol': `${LIVE_PROTOCOL}, vka_not-a-real-token`, cookie: creds.cookies.managerA }),
    ]);

    for (const { res, received } of attempts) {
      expect(res.status).toBe(401);
      expect(received).toBeNull();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('refuses a cookie-authenticated handshake from a foreign origin (cross-site WebSocket hijacking)', async () => {
    const { res, received } = await handshake({ cookie: creds.cookies.managerA, origin: 'https://evil.example' });

    expect(res.status).toBe(403);
    expect(received).toBeNull();
  });

  it('answers a plain GET with 426 and a Russian message, after authentication', async () => {
    const anonymous = await w.fetch('/api/live');
    const plain = await w.fetch('/api/live', { headers: { cookie: creds.cookies.managerA, 'accept-language': 'ru' } });

    expect(anonymous.status).toBe(401);
    expect(plain.status).toBe(426);
    expect(((await plain.json()) as { error: { message: string } }).error.message).toBe(
      'Этот адрес открывает живой канал по WebSocket: нужен заголовок Upgrade: websocket',
    );
  });

  it('answers pings with pong and counts, then forgets, the caller’s open sockets', async () => {
    const { socket, received } = await openAsExtension(tokenOfB);

    socket.send('ping');
    socket.send(JSON.stringify({ type: 'ping' }));

    expect(await received.next((f) => f === 'pong')).toBe('pong');
    expect(JSON.parse(await received.next((f) => f.includes('"pong"')))).toMatchObject({ type: 'pong' });
    expect(await socketsOf(creds.cookies.managerB, 1)).toBe(1);
    socket.close(1000, 'bye');
    expect(await socketsOf(creds.cookies.managerB, 0)).toBe(0);
  });
});

describe('POST /api/live/test', () => {
  it('reaches every open socket of the caller and nobody else’s', async () => {
    const a1 = await openAsExtension(creds.extensionToken);
    const a2 = await handshake({ cookie: creds.cookies.managerA });
    const b = await openAsExtension(tokenOfB);
    expect(await socketsOf(creds.cookies.managerA, 2)).toBe(2);

    const sent = await testPush(creds.cookies.managerA);

    expect(sent.delivered).toBe(2);
    await a1.received.next((f) => f.includes('"test"'));
    await a2.received!.next((f) => f.includes('"test"'));
    expect(await noFrameWithin(b.received, 150)).toEqual([]);
  });

  it('says 0 delivered when the caller has no socket open', async () => {
    expect((await testPush(creds.cookies.managerC)).delivered).toBe(0);
  });
});

describe('createLivePush — what services call', () => {
  it('reaches the manager it is addressed to only', async () => {
    const live = createLivePush({ LIVE: await w.mf.getDurableObjectNamespace('LIVE') } as unknown as LiveBinding);
    const a = await openAsExtension(creds.extensionToken);
    const b = await openAsExtension(tokenOfB);
    const card = {
      phone: '+74951234567',
      known: true,
      companyId: world.companies.ofA,
      companyName: 'ООО "Кровля А"',
      contactName: 'Иван Петров',
      ownerName: 'Анна Менеджер',
      ownerExtension: '101',
      regionName: 'Москва',
      status: 'client',
    };

    await live.push(world.users.managerA.id, { type: 'call.ringing', callId: 'c-1', card });

    expect(JSON.parse(await a.received.next((f) => f.includes('call.ringing')))).toEqual({ type: 'call.ringing', callId: 'c-1', card });
    expect(await noFrameWithin(b.received, 150)).toEqual([]);
  });

  it('never throws into its caller and logs the failure without the message', async () => {
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = { LIVE: { idFromName: () => ({}), get: () => ({ fetch: () => Promise.reject(new Error('channel down')) }) } };
    const hanging = { LIVE: { idFromName: () => ({}), get: () => ({ fetch: () => new Promise(() => undefined) }) } };
    try {
      await expect(
        createLivePush(broken as unknown as LiveBinding).push(4, { type: 'call.ringing', card: { phone: '+74951234567' } }),
      ).resolves.toBeUndefined();
      // A channel that never answers is given up after PUSH_TIMEOUT_MS of the push's own timer, not the wall clock.
      jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });
      try {
        let settled = false;
        const pending = createLivePush(hanging as unknown as LiveBinding)
          .push(4, { type: 'test' })
          .then(() => {
            settled = true;
          });
        await jest.advanceTimersByTimeAsync(PUSH_TIMEOUT_MS - 1);
        expect(settled).toBe(false);
        await jest.advanceTimersByTimeAsync(1);
        await pending;
        expect(settled).toBe(true);
      } finally {
        jest.useRealTimers();
      }

      const logged = errors.mock.calls.map((c) => JSON.parse(String(c[0])) as Record<string, unknown>);
      expect(logged).toEqual([
        expect.objectContaining({ event: 'live_push_failed', userId: 4, type: 'call.ringing', error: 'Error: channel down' }),
        expect.objectContaining({ event: 'live_push_failed', userId: 4, type: 'test', error: expect.stringContaining('timed out') }),
      ]);
      expect(JSON.stringify(errors.mock.calls)).not.toContain('+74951234567');
    } finally {
      errors.mockRestore();
    }
  });
});

describe('the channel re-checks sign-in', () => {
  it('closes a socket whose sign-in is due with 4000, on its alarm, and pushes nothing to it', async () => {
    const channel = (await w.mf.getDurableObjectNamespace('LIVE')) as unknown as DurableObjectNamespace;
    const stub = channel.get(channel.idFromName(String(world.users.managerC.id)));
    const res = await stub.fetch('https://live.internal/connect?ttl=300', { headers: { upgrade: 'websocket' } });
    const socket = res.webSocket!;
    socket.accept();
    sockets.push(socket);
    const received = collect(socket as never);
    socket.send('ping'); // as the extension does every 20 s (Miniflare's Node end of a socket reports a close only once it has traffic)
    await received.next((f) => f === 'pong');

    const closed = await received.closedWith(3_000);

    expect(closed.code).toBe(LIVE_REAUTH_CLOSE);
    expect((await testPush(creds.cookies.managerC)).delivered).toBe(0);
  });
});
