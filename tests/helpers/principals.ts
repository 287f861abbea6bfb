import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { TEST_SECRETS, type TestWorker } from './worker';
import { createToken, sessionCookie, type UserKey } from './world';
import { TEST_NOW_S } from './clock';

export const principalNames = [
  'managerA',
  'managerB',
  'managerC',
  'headA',
  'headOther',
  'admin',
  'anonymous',
  'widget',
  'extension',
  'machine',
] as const;
export type PrincipalName = (typeof principalNames)[number];

export interface Credentials {
  cookies: Record<UserKey, string>;
  widgetToken: string;
  extensionToken: string;
}

/** Sessions for every user, plus manager A's embed (widget) and API (extension) tokens. */
export async function obtainCredentials(w: TestWorker): Promise<Credentials> {
  const keys: UserKey[] = ['managerA', 'managerB', 'managerC', 'headA', 'headOther', 'admin'];
  const cookies = Object.fromEntries(await Promise.all(keys.map(async (k) => [k, await sessionCookie(w, k)]))) as Record<UserKey, string>;
  const widget = await createToken(w, cookies.managerA, 'embed');
  const extension = await createToken(w, cookies.managerA, 'api');
  return { cookies, widgetToken: widget.secret, extensionToken: extension.secret };
}

let webhookSeq = 0;

/** Builds the request as the named principal would send it. */
export async function asPrincipal(
  who: PrincipalName,
  creds: Credentials,
  path: string,
  init: { method: string; body?: string; machine?: (body: string) => Promise<Record<string, string>> },
): Promise<[string, RequestInit]> {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let url = path;
  if (who === 'widget') {
    url += (path.includes('?') ? '&' : '?') + `t=${encodeURIComponent(creds.widgetToken)}`;
    headers['x-embed-token'] = creds.widgetToken;
  } else if (who === 'extension') {
    headers['authorization'] = `Bearer ${creds.extensionToken}`;
  } else if (who === 'machine' && init.machine) {
    Object.assign(headers, await init.machine(init.body ?? ''));
  } else if (who === 'machine') {
    const id = `msg_matrix_${++webhookSeq}`;
    const ts = TEST_NOW_S;
    headers['webhook-id'] = id;
    headers['webhook-timestamp'] = String(ts);
    headers['webhook-signature'] = await signStandardWebhook(TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET, id, ts, init.body ?? '');
  } else if (who !== 'anonymous') {
    headers['cookie'] = creds.cookies[who];
  }
  return [url, { method: init.method, headers, redirect: 'manual', ...(init.body !== undefined ? { body: init.body } : {}) }];
}
