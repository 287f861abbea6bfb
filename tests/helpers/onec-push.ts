import { createHmac } from 'node:crypto';
import { TEST_NOW } from './clock';
import { TEST_SECRETS, type TestWorker } from './worker';

let requestSeq = 0;

/**
 * The headers a 1C HTTP service sends with a push (docs/1c.md): a fresh X-Request-Id, X-Timestamp
 * (unix seconds, the worker's clock by default) and X-Signature = sha256=<hex HMAC-SHA256(secret,
 * "<id>.<timestamp>.<body bytes>")>, computed here with node:crypto, not with the worker's code.
 */
export function onecPushHeaders(
  body: string | Uint8Array,
  opts: { secret?: string; at?: number; requestId?: string } = {},
): Record<string, string> {
  const requestId = opts.requestId ?? `test-${process.pid}-${++requestSeq}`;
  const timestamp = String(Math.floor((opts.at ?? TEST_NOW) / 1000));
  const mac = createHmac('sha256', opts.secret ?? TEST_SECRETS.ONEC_WEBHOOK_SECRET)
    .update(`${requestId}.${timestamp}.`, 'utf8')
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('hex');
  return { 'x-request-id': requestId, 'x-timestamp': timestamp, 'x-signature': `sha256=${mac}` };
}

/** A 1C push as its HTTP service sends it: OData JSON, signed with X-Request-Id, X-Timestamp and X-Signature. */
export async function pushOnec(
  w: TestWorker,
  items: Record<string, unknown>[],
  secret = TEST_SECRETS.ONEC_WEBHOOK_SECRET,
): Promise<Response> {
  return pushOnecBody(w, { value: items }, secret);
}

/** Any body, e.g. one object in 1C's single-entity shape (`odata.metadata` ending in `/@Element`). */
export async function pushOnecBody(
  w: TestWorker,
  payload: Record<string, unknown>,
  secret = TEST_SECRETS.ONEC_WEBHOOK_SECRET,
  at = TEST_NOW,
): Promise<Response> {
  const body = JSON.stringify(payload);
  return w.fetch('/hooks/1c/documents', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...onecPushHeaders(body, { secret, at }) },
  });
}

/**
 * An invoice whose counterparty 1C has not sent yet (refused: unknown counterparty), and that
 * counterparty, sent later: the case an admin fixes with «Повторить».
 */
export function lateCounterpartyCase(prefix: string) {
  const counterparty = `${prefix}-0000-0000-0000-000000000001`;
  return {
    invoice: {
      'odata.type': 'StandardODATA.Document_СчетНаОплатуКлиенту',
      Ref_Key: `${prefix}-0000-0000-0000-000000000002`,
      DataVersion: 'v1',
      DeletionMark: false,
      Posted: true,
      Number: 'УТ-66',
      Date: '2026-11-24T10:00:00',
      СуммаДокумента: 1000,
      Контрагент_Key: counterparty,
      ДокументОснование: '00000000-0000-0000-0000-000000000000',
      ДокументОснование_Type: 'StandardODATA.Undefined',
    },
    counterparty: {
      'odata.type': 'StandardODATA.Catalog_Контрагенты',
      Ref_Key: counterparty,
      DataVersion: 'c1',
      DeletionMark: false,
      Description: 'Поздний',
      ИНН: '500100732259',
      КПП: '',
    },
  };
}
