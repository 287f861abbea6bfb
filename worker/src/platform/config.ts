import type { Env } from './env';

/** Everything configurable, resolved once per request at the entry and passed down. */
export interface Config {
  version: string;
  /** The address people and providers reach the worker at (PUBLIC_URL, no trailing slash); null = each request's own origin. */
  publicUrl: string | null;
  /** The address mail is forwarded or BCC'd to (MAIL_ADDRESS, Email Routing → this worker); shown on the integrations page only. */
  mailAddress: string | null;
  /** Names (never values) of the settings that are set: the integrations page says which are missing. */
  setNames: string[];
  sessionTtlMs: number;
  secureCookies: boolean;
  embedTokenSecret: string | null;
  frameAncestors: string[];
  /** Standard-Webhooks secrets by integration name; only configured ones are present. */
  webhookSecrets: Record<string, string>;
  /** 1C writes zone-less local times; this is the zone of the 1C server. */
  onecTimeZone: string;
  /** Region code for companies that arrive from 1C unknown; empty = the first region. */
  onecDefaultRegion: string | null;
  /** 1C OData standard interface used by the pull and the outbox; null (no ONEC_ODATA_URL) = both off. */
  onecOdata: OnecODataSettings | null;
  /** 1C pull: objects per OData page (1–500) and the 1C Date the very first pull starts from. */
  onecPullPageSize: number;
  onecPullSince: string;
  /**
   * How a 1C push may prove itself: 'signed' (default) = an HMAC over request id, timestamp and body;
   * 'basic' also accepts Basic credentials and the old body-only X-Signature, which can be replayed.
   */
  onecPushAuth: 'signed' | 'basic';
  /** The company's own mail domains (lower-case, no "@"): mail from them is outgoing, among them internal. */
  mailOwnDomains: string[];
  /** Region code for prospects opened by mail from unknown senders; empty = the recipient manager's region, else the first. */
  mailDefaultRegion: string | null;
  /** Telephony: PBX credentials, the click-to-call provider and the sandbox PBX. */
  telephony: TelephonySettings;
}

export type ClickToCallProvider = 'mango' | 'zadarma' | 'sandbox';

export interface TelephonySettings {
  /** Who places click-to-call calls: TELEPHONY_PROVIDER, else the sandbox when SANDBOX_PBX=on; null = off. */
  provider: ClickToCallProvider | null;
  /** «Тестовая АТС (песочница)»: on with TELEPHONY_PROVIDER=sandbox or SANDBOX_PBX=on, never by default. */
  sandbox: boolean;
  /** Mango Office VPBX API (key + salt sign both directions); null until both are set. */
  mango: { apiKey: string; apiSalt: string; apiUrl: string } | null;
  /** Zadarma: the secret signs webhooks and the REST API; the key is needed for click-to-call only. */
  zadarma: { secret: string; apiKey: string | null; apiUrl: string; timeZone: string } | null;
  callbackTimeoutMs: number;
}

/** Where 1C's standard interface lives (`https://HOST/BASE/odata/standard.odata`) and the 1C user it is read as. */
export interface OnecODataSettings {
  url: string;
  user: string;
  password: string;
  timeoutMs: number;
}

export const APP_VERSION = '0.1.0';

export function loadConfig(env: Env): Config {
  const webhookSecrets: Record<string, string> = {};
  if (env.TELEPHONY_WEBHOOK_SECRET) webhookSecrets['telephony'] = env.TELEPHONY_WEBHOOK_SECRET;
  if (env.ONEC_WEBHOOK_SECRET) webhookSecrets['onec'] = env.ONEC_WEBHOOK_SECRET;
  return {
    version: env.APP_VERSION || APP_VERSION,
    publicUrl: /^https?:\/\/[^\s]+$/i.test((env.PUBLIC_URL ?? '').trim()) ? env.PUBLIC_URL!.trim().replace(/\/+$/, '') : null,
    mailAddress: (env.MAIL_ADDRESS ?? '').trim().toLowerCase() || null,
    setNames: Object.entries(env)
      .filter(([, value]) => typeof value === 'string' && value.trim() !== '')
      .map(([name]) => name),
    sessionTtlMs: Number(env.SESSION_TTL_HOURS || 12) * 3_600_000,
    secureCookies: env.SECURE_COOKIES !== 'false',
    embedTokenSecret: env.EMBED_TOKEN_SECRET || null,
    frameAncestors: (env.FRAME_ANCESTORS || '').split(/[\s,]+/).filter(Boolean),
    webhookSecrets,
    onecTimeZone: env.ONEC_TIME_ZONE || 'Europe/Moscow',
    onecDefaultRegion: env.ONEC_DEFAULT_REGION || null,
    onecOdata: env.ONEC_ODATA_URL
      ? { url: env.ONEC_ODATA_URL, user: env.ONEC_ODATA_USER || '', password: env.ONEC_ODATA_PASSWORD || '', timeoutMs: 15_000 }
      : null,
    onecPushAuth: env.ONEC_PUSH_AUTH === 'basic' ? 'basic' : 'signed',
    onecPullPageSize: Math.min(500, Math.max(1, Math.trunc(Number(env.ONEC_PULL_PAGE_SIZE)) || 100)),
    telephony: telephonySettings(env),
    onecPullSince: /^\d{4}-\d{2}-\d{2}$/.test(env.ONEC_PULL_SINCE ?? '') ? `${env.ONEC_PULL_SINCE}T00:00:00` : '0001-01-01T00:00:00',
    mailOwnDomains: (env.MAIL_OWN_DOMAINS || '')
      .toLowerCase()
      .split(/[\s,;]+/)
      .map((d) => d.replace(/^@/, ''))
      .filter(Boolean),
    mailDefaultRegion: env.MAIL_DEFAULT_REGION || null,
  };
}

const CLICK_TO_CALL_PROVIDERS: readonly ClickToCallProvider[] = ['mango', 'zadarma', 'sandbox'];

function telephonySettings(env: Env): TelephonySettings {
  const named = (env.TELEPHONY_PROVIDER || '').trim().toLowerCase();
  const sandboxSwitch = (env.SANDBOX_PBX || '').trim().toLowerCase() === 'on';
  const provider = CLICK_TO_CALL_PROVIDERS.find((p) => p === named) ?? (named === '' && sandboxSwitch ? 'sandbox' : null);
  return {
    provider,
    sandbox: provider === 'sandbox' || sandboxSwitch,
    mango:
      env.MANGO_VPBX_API_KEY && env.MANGO_VPBX_API_SALT
        ? {
            apiKey: env.MANGO_VPBX_API_KEY,
            apiSalt: env.MANGO_VPBX_API_SALT,
            apiUrl: withSlash(env.MANGO_VPBX_API_URL || 'https://app.mango-office.ru/vpbx/'),
          }
        : null,
    zadarma: env.ZADARMA_API_SECRET
      ? {
          secret: env.ZADARMA_API_SECRET,
          apiKey: env.ZADARMA_API_KEY || null,
          apiUrl: (env.ZADARMA_API_URL || 'https://api.zadarma.com').replace(/\/+$/, ''),
          timeZone: env.ZADARMA_TIME_ZONE || 'Europe/Moscow',
        }
      : null,
    callbackTimeoutMs: 10_000,
  };
}

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);
