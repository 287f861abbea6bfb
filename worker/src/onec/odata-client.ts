import type { OnecODataSettings as ODataSettings } from '../platform/config';
import { toBase64 } from '../platform/crypto';

/** A refused or failed call; `status` is absent when 1C did not answer at all (network, timeout). */
export class ODataError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
  }

  /** 1C down, overloaded or unreachable: worth stopping this run and trying again later. */
  get transient(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }
}

export interface ListQuery {
  filter?: string;
  orderby?: string;
  select?: string[];
  top?: number;
  skip?: number;
}

export type ODataObject = Record<string, unknown>;

/** OData literals as 1C's `$filter` takes them. */
export const odataLiteral = {
  datetime: (local: string) => `datetime'${local}'`,
  guid: (key: string) => `guid'${key}'`,
  string: (value: string) => `'${value.replace(/'/g, "''")}'`,
};

// `$` and `,` stay readable in logs; everything else (Cyrillic, spaces, quotes) is percent-encoded.
const encode = (value: string) => encodeURIComponent(value).replace(/%24/g, '$').replace(/%2C/g, ',');

export function entityUrl(settings: ODataSettings, entity: string, query: ListQuery = {}): string {
  const params: [string, string | number | undefined][] = [
    ['$format', 'json'],
    ['$filter', query.filter],
    ['$orderby', query.orderby],
    ['$select', query.select?.join(',')],
    ['$top', query.top],
    ['$skip', query.skip || undefined],
  ];
  const search = params
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encode(String(v))}`)
    .join('&');
  return `${settings.url.replace(/\/+$/, '')}/${encodeURIComponent(entity)}?${search}`;
}

/** 1C answers errors as `{"odata.error":{"code":…,"message":{"lang":"ru","value":"…"}}}`. */
function errorText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { 'odata.error'?: { message?: { value?: string } | string } };
    const message = parsed['odata.error']?.message;
    const text = typeof message === 'string' ? message : message?.value;
    if (text) return text;
  } catch {
    /* not JSON: show the start of it */
  }
  // A web server's error page: its text without the markup.
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** One request; the answer's text, or an ODataError when 1C did not answer or answered an error. */
async function send(
  settings: ODataSettings,
  method: 'GET' | 'POST',
  url: string,
  accept: string,
  body?: unknown,
): Promise<{ text: string; contentType: string | null; status: number }> {
  const auth = toBase64(new TextEncoder().encode(`${settings.user}:${settings.password}`));
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: {
        authorization: `Basic ${auth}`,
        accept,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    throw new ODataError(timedOut ? `1С не ответила за ${settings.timeoutMs / 1000} с` : `1С недоступна: ${String(err)}`, url);
  }
  const text = await res.text();
  if (!res.ok) throw new ODataError(`1С ответила ${res.status}: ${errorText(text)}`, url, res.status);
  return { text, contentType: res.headers.get('content-type'), status: res.status };
}

async function call(settings: ODataSettings, method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
  const { text, contentType, status } = await send(settings, method, url, 'application/json', body);
  try {
    return JSON.parse(text);
  } catch {
    throw new ODataError(`1С ответила не JSON (${contentType ?? 'без content-type'}): ${text.slice(0, 200)}`, url, status);
  }
}

/** One page of an entity set: `GET <url>/<Entity>?$format=json&$filter=…`. */
export async function listEntity(
  settings: ODataSettings,
  entity: string,
  query: ListQuery,
): Promise<{ url: string; items: ODataObject[] }> {
  const url = entityUrl(settings, entity, query);
  const body = (await call(settings, 'GET', url)) as { value?: unknown };
  if (!body || !Array.isArray(body.value)) throw new ODataError('в ответе 1С нет массива value', url, 200);
  return { url, items: body.value.filter((x): x is ODataObject => typeof x === 'object' && x !== null) };
}

/** Creates an object: `POST <url>/<Entity>?$format=json`; 1C answers with the object it wrote. */
export async function createEntity(
  settings: ODataSettings,
  entity: string,
  fields: ODataObject,
): Promise<{ url: string; created: ODataObject }> {
  const url = entityUrl(settings, entity);
  const created = await call(settings, 'POST', url, fields);
  if (typeof created !== 'object' || created === null) throw new ODataError('1С не вернула созданный объект', url, 200);
  return { url, created: created as ODataObject };
}

/** The service document's schema: `GET <url>/$metadata` answers EDMX (CSDL) XML, whatever `$format` says. */
export async function fetchMetadata(settings: ODataSettings): Promise<{ url: string; xml: string }> {
  const url = `${settings.url.replace(/\/+$/, '')}/$metadata`;
  const { text } = await send(settings, 'GET', url, 'application/xml');
  if (!/<(?:\w+:)?Edmx[\s>]/.test(text)) throw new ODataError(`1С ответила на $metadata не EDMX: ${text.slice(0, 200)}`, url, 200);
  return { url, xml: text };
}
