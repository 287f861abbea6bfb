import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { TEST_NOW } from './clock';

/**
 * A local stand-in for 1C's OData standard interface (protocol 3.0, JSON) over in-memory
 * entity sets: `GET /base/odata/standard.odata/<Entity>?$format=json&$filter=…&$orderby=…&$select=…&$top=&$skip=`
 * with the `$filter` subset the adapter emits (eq/ne/gt/ge/lt/le on datetime'…', guid'…', '…',
 * true/false, joined by and/or), `POST …/Catalog_Контрагенты` assigning a Ref_Key, Basic auth,
 * a switch that answers 503 (1C down) and a log of every request. `GET …/$metadata` answers the
 * EDMX document the server was given (a УТ 11.4 one unless told otherwise), and a `$select` naming a
 * property its entity type lacks is refused with 400, as 1C does.
 */
export type ODataObject = Record<string, unknown>;

export interface LoggedRequest {
  method: string;
  entity: string;
  /** Query options, decoded. */
  query: Record<string, string>;
  body?: ODataObject;
  status: number;
}

export interface OnecServer {
  url: string;
  /** The EDMX document `$metadata` answers; may be swapped (a base updated to another release). */
  metadata: string;
  user: string;
  password: string;
  data: Record<string, ODataObject[]>;
  requests: LoggedRequest[];
  /** true: every request answers 503, as a 1C web server whose base is down. */
  down: boolean;
  /** true: a POST is written, but its answer is lost (504 from a proxy in front of 1C). */
  loseAnswers: boolean;
  /** A status to answer instead of serving the request, or null to serve it. */
  failWhen: ((request: LoggedRequest) => number | null) | null;
  /** Bindings for startWorker: ONEC_ODATA_URL, ONEC_ODATA_USER, ONEC_ODATA_PASSWORD. */
  bindings: () => Record<string, string>;
  /** The logged GETs of one entity (optionally only those after `since` entries of the log). */
  reads: (entity: string, since?: number) => LoggedRequest[];
  close: () => Promise<void>;
}

const BASE_PATH = '/base/odata/standard.odata/';

/** An EDMX document of tests/fixtures/onec (`metadata-ut-11.4.xml`, `metadata-ut-11.5.xml`). */
export function loadOnecMetadata(release: '11.4' | '11.5'): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'onec', `metadata-ut-${release}.xml`), 'utf8');
}

/** The property names of an entity type of an EDMX document (null: no such type). */
function typeProperties(edmx: string, entity: string): Set<string> | null {
  const block = new RegExp(`<EntityType Name="${entity}">([\\s\\S]*?)</EntityType>`).exec(edmx);
  return block ? new Set([...block[1]!.matchAll(/<Property Name="([^"]+)"/g)].map((m) => m[1]!)) : null;
}

/** Every object of the standard interface has these two. */
export type OnecFixtureObject = { Ref_Key: string; DataVersion: string; [field: string]: unknown };

/** The objects of tests/fixtures/onec/<Entity>.json (an OData collection answer). */
export function loadOnecFixture(entity: string): OnecFixtureObject[] {
  return (JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'onec', `${entity}.json`), 'utf8')) as { value: OnecFixtureObject[] })
    .value;
}

// ---- $filter: a tiny recursive-descent evaluator ------------------------------------------------

type Token =
  | { kind: 'name' | 'op' | 'and' | 'or' | 'lparen' | 'rparen'; text: string }
  | { kind: 'value'; value: string | number | boolean };

function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s*(?:(\()|(\))|(datetime|guid)?'((?:[^']|'')*)'|(true|false)\b|(-?\d+(?:\.\d+)?)\b|(eq|ne|gt|ge|lt|le)\b|(and|or)\b|([\p{L}_][\p{L}\p{N}_]*))/uy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < filter.length && (m = re.exec(filter))) {
    pos = re.lastIndex;
    if (m[1]) tokens.push({ kind: 'lparen', text: '(' });
    else if (m[2]) tokens.push({ kind: 'rparen', text: ')' });
    else if (m[4] !== undefined) tokens.push({ kind: 'value', value: m[4].replace(/''/g, "'") });
    else if (m[5]) tokens.push({ kind: 'value', value: m[5] === 'true' });
    else if (m[6]) tokens.push({ kind: 'value', value: Number(m[6]) });
    else if (m[7]) tokens.push({ kind: 'op', text: m[7] });
    else if (m[8]) tokens.push({ kind: m[8] as 'and' | 'or', text: m[8] });
    else if (m[9]) tokens.push({ kind: 'name', text: m[9] });
    if (filter.slice(pos).trim() === '') break;
  }
  if (filter.slice(pos).trim() !== '') throw new Error(`cannot parse $filter near: ${filter.slice(pos)}`);
  return tokens;
}

type Predicate = (o: ODataObject) => boolean;

function parseFilter(filter: string): Predicate {
  const tokens = tokenize(filter);
  let i = 0;
  const next = () => tokens[i++];
  const peek = () => tokens[i];
  const compare = (a: unknown, b: unknown, op: string): boolean => {
    const x = typeof a === 'string' ? a.toLowerCase() : a;
    const y = typeof b === 'string' ? b.toLowerCase() : b;
    switch (op) {
      case 'eq':
        return x === y;
      case 'ne':
        return x !== y;
      case 'gt':
        return (x as never) > (y as never);
      case 'ge':
        return (x as never) >= (y as never);
      case 'lt':
        return (x as never) < (y as never);
      default:
        return (x as never) <= (y as never);
    }
  };
  function primary(): Predicate {
    const t = next();
    if (t?.kind === 'lparen') {
      const inner = or();
      if (next()?.kind !== 'rparen') throw new Error('missing )');
      return inner;
    }
    const op = next();
    const value = next();
    if (t?.kind !== 'name' || op?.kind !== 'op' || value?.kind !== 'value') throw new Error(`bad comparison in $filter: ${filter}`);
    const field = t.text;
    return (o) => compare(o[field] ?? '', value.value, op.text);
  }
  function and(): Predicate {
    const parts = [primary()];
    while (peek()?.kind === 'and') {
      next();
      parts.push(primary());
    }
    return (o) => parts.every((p) => p(o));
  }
  function or(): Predicate {
    const parts = [and()];
    while (peek()?.kind === 'or') {
      next();
      parts.push(and());
    }
    return (o) => parts.some((p) => p(o));
  }
  const predicate = or();
  if (i !== tokens.length) throw new Error(`unexpected tokens in $filter: ${filter}`);
  return predicate;
}

function orderBy(spec: string): (a: ODataObject, b: ODataObject) => number {
  const keys = spec.split(',').map((part) => {
    const [field, dir] = part.trim().split(/\s+/);
    return { field: field!, sign: dir === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { field, sign } of keys) {
      const x = String(a[field] ?? '');
      const y = String(b[field] ?? '');
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  };
}

// ---- the server -----------------------------------------------------------------------------------

function odataError(res: http.ServerResponse, status: number, message: string) {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
  res.end(JSON.stringify({ 'odata.error': { code: '', message: { lang: 'ru', value: message } } }));
}

export async function startOnecServer(
  opts: { data?: Record<string, ODataObject[]>; user?: string; password?: string; metadata?: string } = {},
): Promise<OnecServer> {
  const user = opts.user ?? 'odata.user';
  const password = opts.password ?? 'пароль-1С';
  const expectedAuth = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  const state = {
    data: opts.data ?? {},
    metadata: opts.metadata ?? loadOnecMetadata('11.4'),
    requests: [] as LoggedRequest[],
    down: false,
    loseAnswers: false,
    failWhen: null as OnecServer['failWhen'],
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const entity = decodeURIComponent(url.pathname.startsWith(BASE_PATH) ? url.pathname.slice(BASE_PATH.length) : url.pathname);
      const query = Object.fromEntries(url.searchParams.entries());
      const raw = Buffer.concat(chunks).toString('utf8');
      const entry: LoggedRequest = {
        method: req.method ?? 'GET',
        entity,
        query,
        status: 0,
        ...(raw ? { body: JSON.parse(raw) as ODataObject } : {}),
      };
      state.requests.push(entry);
      const answer = (status: number, body: unknown) => {
        entry.status = status;
        res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const fail = (status: number, message: string) => {
        entry.status = status;
        odataError(res, status, message);
      };

      if (state.down) {
        entry.status = 503;
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html><body><h1>503 Service Unavailable</h1>Информационная база недоступна</body></html>');
        return;
      }
      if (req.headers.authorization !== expectedAuth) {
        fail(401, 'Не удалось выполнить аутентификацию');
        return;
      }
      const forced = state.failWhen?.(entry);
      if (forced) {
        fail(forced, 'Ошибка, заданная тестом');
        return;
      }
      if (!url.pathname.startsWith(BASE_PATH)) {
        fail(404, 'Не найдено');
        return;
      }
      if (entity === '$metadata' && req.method === 'GET') {
        entry.status = 200;
        res.writeHead(200, { 'content-type': 'application/xml;charset=utf-8' });
        res.end(state.metadata);
        return;
      }
      const set = state.data[entity];
      if (!set) {
        fail(400, `Не найден сегмент ресурса "${entity}"`);
        return;
      }

      if (req.method === 'POST') {
        const fields = entry.body ?? {};
        if (entity !== 'Catalog_Контрагенты' || typeof fields['Description'] !== 'string') {
          fail(400, 'Ошибка записи: не заполнено Description');
          return;
        }
        const created = {
          Ref_Key: randomUUID(),
          DataVersion: 'AAAAAQAAAAA=',
          DeletionMark: false,
          Code: String(set.length + 1).padStart(11, '0'),
          ...fields,
        };
        set.push(created);
        if (state.loseAnswers) {
          fail(504, 'Gateway Timeout');
          return;
        }
        answer(201, { 'odata.metadata': `http://127.0.0.1${BASE_PATH}$metadata#${entity}/@Element`, ...created });
        return;
      }
      if (req.method !== 'GET') {
        fail(405, 'Метод не поддерживается');
        return;
      }
      if (query['$format'] !== 'json') {
        fail(400, 'Ожидается $format=json (иначе 1С отвечает Atom XML)');
        return;
      }
      let items = [...set];
      try {
        if (query['$filter']) items = items.filter(parseFilter(query['$filter']));
      } catch (err) {
        fail(400, `Ошибка разбора $filter: ${(err as Error).message}`);
        return;
      }
      if (query['$orderby']) items.sort(orderBy(query['$orderby']));
      const skip = Number(query['$skip'] ?? 0);
      const top = query['$top'] !== undefined ? Number(query['$top']) : items.length;
      items = items.slice(skip, skip + top);
      if (query['$select']) {
        const fields = query['$select'].split(',');
        const known = typeProperties(state.metadata, entity) ?? new Set<string>();
        const unknown = fields.filter((f) => !known.has(f));
        if (unknown.length) {
          fail(400, `Неизвестное свойство: ${unknown.join(', ')}`);
          return;
        }
        items = items.map((o) => Object.fromEntries(fields.filter((f) => f in o).map((f) => [f, o[f]])));
      }
      answer(200, { 'odata.metadata': `http://127.0.0.1${BASE_PATH}$metadata#${entity}`, value: items });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH.replace(/\/$/, '')}`;

  return {
    url,
    user,
    password,
    get metadata() {
      return state.metadata;
    },
    set metadata(m) {
      state.metadata = m;
    },
    get data() {
      return state.data;
    },
    set data(d) {
      state.data = d;
    },
    get requests() {
      return state.requests;
    },
    get down() {
      return state.down;
    },
    set down(v) {
      state.down = v;
    },
    get loseAnswers() {
      return state.loseAnswers;
    },
    set loseAnswers(v) {
      state.loseAnswers = v;
    },
    get failWhen() {
      return state.failWhen;
    },
    set failWhen(f) {
      state.failWhen = f;
    },
    bindings: () => ({ ONEC_ODATA_URL: url, ONEC_ODATA_USER: user, ONEC_ODATA_PASSWORD: password }),
    reads: (entity, since = 0) => state.requests.slice(since).filter((r) => r.method === 'GET' && r.entity === entity),
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Fires the worker's Cron Trigger as Cloudflare would, at `at` (ms) — the run's "now". */
export async function runCron(w: { mf: { getWorker: () => Promise<unknown> } }, at: number = TEST_NOW): Promise<void> {
  const worker = (await w.mf.getWorker()) as { scheduled: (o: { cron: string; scheduledTime: Date }) => Promise<{ outcome: string }> };
  const result = await worker.scheduled({ cron: '*/5 * * * *', scheduledTime: new Date(at) });
  if (result.outcome !== 'ok') throw new Error(`scheduled() ended with ${result.outcome}`);
}
